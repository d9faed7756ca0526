"""Secrets stay secret, archives stay inside their folder.

Hugging Face tokens given by ``HF_TOKEN`` or ``token=`` never appear in what ``ger pull`` /
``load_ger_dataset`` print, log, raise or write; credentials in a ``--url`` never appear in
``ger reproduce-paper``'s messages. The paper-results tarball is extracted only below its target.
All against loopback servers.
"""

from __future__ import annotations

import io
import logging
import socket
import tarfile
import traceback
import types
from pathlib import Path

import pytest
from hub_server import FakeHubRepo, HubServer
from tiny_release import build_tiny_ckplus

from ger_plugin import commands
from ger_plugin.data import hub
from ger_plugin.errors import GerError
from ger_plugin.paper import replay

TOKEN = "hf_SECRETtokenValue1234567890abcdef"
ACCEPTED = "hf_SECRETacceptedToken0987654321zyx"
SECRETS = (TOKEN, ACCEPTED, "SECRET")


def _closed_port() -> int:
    with socket.socket() as s:  # a loopback port nobody listens on once closed
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _files_with_secret(*roots: Path) -> list[str]:
    found = []
    for root in roots:
        for path in (p for p in root.rglob("*") if p.is_file()):
            data = path.read_bytes()
            if any(s.encode() in data for s in SECRETS):
                found.append(str(path))
    return found


def _assert_clean(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, text


@pytest.fixture
def env(tmp_path, monkeypatch, caplog):
    """GER_HOME, HF home and HF cache under tmp_path, a built GER_CKPlus to publish, DEBUG logging captured."""
    import huggingface_hub.constants

    monkeypatch.setenv("GER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    build_tiny_ckplus(tmp_path, tmp_path / "published")
    caplog.set_level(logging.DEBUG)
    return types.SimpleNamespace(
        root=tmp_path,
        published=tmp_path / "published",
        written=(tmp_path / "home", tmp_path / "hf-home", tmp_path / "hf-cache"),
    )


def _logs(caplog) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


def test_pull_from_an_unreachable_hub_never_shows_the_token(env, monkeypatch, capsys, caplog):
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    endpoint = f"http://127.0.0.1:{_closed_port()}"
    assert commands.main(["pull", "GER_CKPlus", "--namespace", "lab", "--endpoint", endpoint]) == 2
    out, err = capsys.readouterr()
    assert "ger pull: error:" in err
    _assert_clean(out, err, _logs(caplog))
    assert _files_with_secret(*env.written) == []


def test_gated_repo_refusal_and_success_never_show_the_token(env, monkeypatch, capsys, caplog):
    with HubServer() as server:
        server.repos["lab/ger-ckplus"] = FakeHubRepo(env.published, gated_token=ACCEPTED)
        monkeypatch.setenv("HF_TOKEN", TOKEN)  # a token without access
        assert commands.main(["pull", "GER_CKPlus", "--namespace", "lab", "--endpoint", server.endpoint]) == 2
        out, err = capsys.readouterr()
        assert "gated" in err and "HF_TOKEN" in err  # the variable's name is fine, its value is not
        _assert_clean(out, err)

        with pytest.raises(GerError) as denied:  # the Python API, token given as an argument
            hub.load_ger_dataset("GER_CKPlus", namespace="lab", endpoint=server.endpoint, token=TOKEN)
        _assert_clean(
            str(denied.value),
            repr(denied.value),
            "".join(traceback.format_exception(denied.type, denied.value, denied.tb)),
        )

        monkeypatch.setenv("HF_TOKEN", ACCEPTED)  # the accepted token: the pull works
        assert commands.main(["pull", "GER_CKPlus", "--namespace", "lab", "--endpoint", server.endpoint]) == 0
        out, err = capsys.readouterr()
        assert "3 rows" in out
        _assert_clean(out, err)
        assert any("/resolve/" in r for r in server.requests)
    assert len(hub.load_ger_dataset("GER_CKPlus")) == 3
    _assert_clean(_logs(caplog))
    assert _files_with_secret(*env.written) == []


@pytest.mark.parametrize(
    "url",
    [
        "http://user:{secret}@127.0.0.1:{port}/repo.tar.gz",
        "http://127.0.0.1:{port}/repo.tar.gz?token={secret}",
        "http://127.0.0.1:{port}/repo.tar.gz#{secret}",
    ],
)
def test_reproduce_download_errors_hide_credentials_in_the_url(tmp_path, monkeypatch, capsys, url):
    monkeypatch.setenv("GER_HOME", str(tmp_path / "home"))
    url = url.format(secret=TOKEN, port=_closed_port())
    assert commands.main(["reproduce-paper", "--url", url]) == 2
    out, err = capsys.readouterr()
    assert "could not download" in err and "127.0.0.1" in err
    _assert_clean(out, err)
    assert _files_with_secret(tmp_path / "home") == []


# --------------------------------------------------------------------------------------
# The results tarball never writes outside its target
# --------------------------------------------------------------------------------------

REV = replay.catalog.PAPER_RESULTS_REVISION
TOP = f"gpt4v-emotion-{REV}"
CK_LABEL = "name,gt,gpt4v\nS1.png,happy,\n"
CK_PRED = 'name,gt,gpt4v\nS1,happy,"happy"\n'


def _tarball(path: Path, members: list[tuple[tarfile.TarInfo, bytes]]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in (
            (f"{TOP}/results/ckplus/label.csv", CK_LABEL),
            (f"{TOP}/results/ckplus/label-gpt4v.csv", CK_PRED),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data.encode()))
        for info, data in members:
            info.size = len(data) if info.isfile() else 0
            tar.addfile(info, io.BytesIO(data) if info.isfile() else None)
    return path


def _member(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, link
    return info


def _outside(tmp_path: Path) -> list[Path]:
    """Everything under tmp_path that is not the archive or the cache folder."""
    return [p for p in tmp_path.iterdir() if p.name not in ("evil.tar.gz", "cache")]


def test_a_symlinked_folder_cannot_redirect_later_members(tmp_path):
    # results/ckplus/out -> tmp_path, then results/ckplus/out/evil.csv: written through the link?
    members = [
        (_member(f"{TOP}/results/ckplus/out", tarfile.SYMTYPE, str(tmp_path)), b""),
        (_member(f"{TOP}/results/ckplus/out/evil.csv"), b"evil"),
    ]
    results = replay.download_results(_tarball(tmp_path / "evil.tar.gz", members).as_uri(), tmp_path / "cache")
    assert _outside(tmp_path) == []
    assert not (results / "ckplus" / "out").is_symlink()
    assert (results / "ckplus" / "label-gpt4v.csv").read_text() == CK_PRED


@pytest.mark.parametrize(
    "member",
    [
        _member(f"{TOP}/results/ckplus/hard", tarfile.LNKTYPE, "/etc/passwd"),
        _member(f"{TOP}/results/ckplus/hard2", tarfile.LNKTYPE, f"{TOP}/../../../etc/passwd"),
        _member(f"{TOP}/results/ckplus/fifo", tarfile.FIFOTYPE),
        _member(f"{TOP}/results/ckplus/dev", tarfile.CHRTYPE),
    ],
    ids=["hardlink-abs", "hardlink-up", "fifo", "device"],
)
def test_links_and_special_files_are_not_extracted(tmp_path, member):
    results = replay.download_results(_tarball(tmp_path / "evil.tar.gz", [(member, b"")]).as_uri(), tmp_path / "cache")
    assert not (results / "ckplus" / Path(member.name).name).exists()
    assert sorted(p.name for p in (results / "ckplus").iterdir()) == ["label-gpt4v.csv", "label.csv"]
    assert _outside(tmp_path) == []


@pytest.mark.parametrize(
    "name",
    [
        "C:/evil.csv",
        "\\evil.csv",
        f"{TOP}/results/../../../evil.csv",
        "//server/evil.csv",
        f"/{TOP}/results/x.csv",
    ],
)
def test_escaping_names_are_refused_before_anything_is_written(tmp_path, name):
    tarball = _tarball(tmp_path / "evil.tar.gz", [(_member(name), b"evil")])
    with pytest.raises(GerError, match="unsafe path"):
        replay.download_results(tarball.as_uri(), tmp_path / "cache")
    assert _outside(tmp_path) == []
    assert not (tmp_path / "cache" / "paper-results" / REV / "results").exists()
