"""A pinned Hub revision is what ``ger pull`` and ``load_ger_dataset`` fetch, against a loopback Hub
that serves different files per revision (and 404 for a revision it does not have)."""

from __future__ import annotations

import json
import types

import pytest
from hub_server import FakeHubRepo, HubServer
from huggingface_hub.errors import RevisionNotFoundError
from tiny_release import LABELS, build_tiny_ckplus

from ger_plugin import commands
from ger_plugin.data import hub
from ger_plugin.errors import GerError

REPO = "lab/ger-ckplus"
#: The release as first pushed (tag v0.1.0) and a later push on main: different rows.
V1 = LABELS
V2 = {"S1": "sad", "S2": "happy", "S3": "angry", "S4": "fearful"}


@pytest.fixture
def env(tmp_path, monkeypatch):
    """Empty GER_HOME and HF cache, a pins file of our own, and a Hub repo with two commits."""
    import huggingface_hub.constants

    monkeypatch.setenv("GER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    pins = tmp_path / "pins.json"
    monkeypatch.setattr(hub, "PINNED_REVISIONS", pins)  # never the committed hf_upload/pinned_revisions.json
    repo = FakeHubRepo(build_tiny_ckplus(tmp_path, tmp_path / "v1", V1), tag="v0.1.0")
    v1 = repo.sha
    v2 = repo.add_revision(build_tiny_ckplus(tmp_path, tmp_path / "v2", V2), message="second push")
    assert repo.sha == v2 != v1
    with HubServer() as server:
        server.repos[REPO] = repo
        yield types.SimpleNamespace(server=server, v1=v1, v2=v2, pins=pins, home=tmp_path / "home", tmp=tmp_path)


def _pin(env, revision: str) -> None:
    env.pins.write_text(json.dumps({REPO: {"revision": revision, "tag": "v0.1.0"}}))


def _ids(ds) -> dict[str, str]:
    return {r["id"]: ds.features["label"].int2str(r["label"]) for r in ds}


def _local_rows(env) -> int:
    from ger_plugin.data.build import FORMAT_FILE

    manifest = json.loads((env.home / "datasets" / "GER_CKPlus" / FORMAT_FILE).read_text())
    return sum(n for splits in manifest["counts"].values() for n in splits.values())


def test_the_loopback_hub_serves_each_revision_and_404s_an_unknown_one(env):
    endpoint = env.server.endpoint
    for revision, labels in ((env.v1, V1), ("v0.1.0", V1), (env.v2, V2), ("main", V2), (None, V2)):
        folder = hub.hub_download(REPO, revision=revision, endpoint=endpoint, local_dir=env.tmp / f"dl-{revision}")
        manifest = json.loads((folder / "ger_format.json").read_text())
        assert manifest["counts"]["default"]["test"] == len(labels), revision
    with pytest.raises(RevisionNotFoundError):
        hub.hub_download(REPO, revision="f" * 40, endpoint=endpoint, local_dir=env.tmp / "dl-unknown")
    with pytest.raises(RevisionNotFoundError):
        hub.hub_download(REPO, revision="v9", endpoint=endpoint, local_dir=env.tmp / "dl-v9")


def test_pull_fetches_the_pinned_revision_not_main(env, capsys):
    _pin(env, env.v1)
    assert commands.main(["pull", "GER_CKPlus", "--namespace", "lab", "--endpoint", env.server.endpoint]) == 0
    assert "3 rows" in capsys.readouterr().out
    assert _local_rows(env) == len(V1)
    assert _ids(hub.load_ger_dataset("GER_CKPlus")) == V1
    assert any(f"/resolve/{env.v1}/" in r for r in env.server.requests)
    assert not any(f"/resolve/{env.v2}/" in r for r in env.server.requests)


def test_pull_revision_overrides_the_pin(env, capsys):
    _pin(env, env.v1)
    assert (
        commands.main(
            ["pull", "GER_CKPlus", "--namespace", "lab", "--endpoint", env.server.endpoint, "--revision", "main"]
        )
        == 0
    )
    assert "4 rows" in capsys.readouterr().out
    assert _ids(hub.load_ger_dataset("GER_CKPlus")) == V2


def test_without_a_pin_pull_takes_main(env, capsys):
    assert not env.pins.exists()
    assert commands.main(["pull", "GER_CKPlus", "--namespace", "lab", "--endpoint", env.server.endpoint]) == 0
    assert "4 rows" in capsys.readouterr().out


def test_load_ger_dataset_downloads_the_pinned_revision(env):
    _pin(env, env.v1)
    assert _ids(hub.load_ger_dataset("GER_CKPlus", namespace="lab", endpoint=env.server.endpoint)) == V1
    assert (
        _ids(hub.load_ger_dataset("GER_CKPlus", namespace="lab", endpoint=env.server.endpoint, revision=env.v2)) == V2
    )
    assert (
        _ids(hub.load_ger_dataset("GER_CKPlus", namespace="lab", endpoint=env.server.endpoint, revision="v0.1.0")) == V1
    )


def test_a_pin_or_revision_the_hub_lacks_is_a_clear_error(env, capsys):
    _pin(env, "e" * 40)  # pinned commit gone from the Hub: an error, never a silent fall back to main
    with pytest.raises(GerError, match="has no revision"):
        hub.load_ger_dataset("GER_CKPlus", namespace="lab", endpoint=env.server.endpoint)
    assert (
        commands.main(
            ["pull", "GER_CKPlus", "--namespace", "lab", "--endpoint", env.server.endpoint, "--revision", "v9"]
        )
        == 2
    )
    assert "has no revision" in capsys.readouterr().err
    assert not (env.home / "datasets" / "GER_CKPlus").exists()
