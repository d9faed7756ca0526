"""Resolution order local folder -> HF cache -> Hub, against a loopback Hub serving local folders."""

from __future__ import annotations

import json
import types
from pathlib import Path

import pytest
from hub_server import FakeHubRepo, HubServer
from tiny_release import LABELS, build_tiny_ckplus

from ger_plugin import commands
from ger_plugin.data import hub
from ger_plugin.errors import GerError


@pytest.fixture
def env(tmp_path, monkeypatch):
    """An empty GER_HOME and HF cache, and a built GER_CKPlus folder to publish."""
    import huggingface_hub.constants

    monkeypatch.setenv("GER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    # where snapshot_download keeps its cache (what HF_HUB_CACHE sets at import time)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    build_tiny_ckplus(tmp_path, tmp_path / "published")
    return types.SimpleNamespace(home=tmp_path / "home", published=tmp_path / "published")


def _ids(ds) -> dict[str, str]:
    return {r["id"]: ds.features["label"].int2str(r["label"]) for r in ds}


def test_local_folder_comes_first_and_must_be_current(env):
    local = hub.dataset_dir("GER_CKPlus")
    assert local == env.home / "datasets" / "GER_CKPlus"
    with pytest.raises(GerError) as missing:
        hub.load_ger_dataset("GER_CKPlus", endpoint="http://127.0.0.1:9")  # nothing listens there
    message = str(missing.value)
    assert "ger prepare GER_CKPlus --raw DIR" in message and "ger pull GER_CKPlus" in message

    build_tiny_ckplus(Path(env.published).parent, local)
    assert _ids(hub.load_ger_dataset("GER_CKPlus", endpoint="http://127.0.0.1:9")) == LABELS

    manifest = json.loads((local / "ger_format.json").read_text())
    manifest["format_version"] = 0
    (local / "ger_format.json").write_text(json.dumps(manifest))
    with pytest.raises(GerError, match=r"format v0.*re-run `ger prepare GER_CKPlus"):
        hub.load_ger_dataset("GER_CKPlus")


def test_hub_download_then_cache_when_offline(env, monkeypatch):
    with HubServer() as server:
        server.repos["lab/ger-ckplus"] = FakeHubRepo(env.published)
        ds = hub.load_ger_dataset("GER_CKPlus", namespace="lab", endpoint=server.endpoint)
        assert _ids(ds) == LABELS
        assert any(r.startswith("GET /datasets/lab/ger-ckplus/resolve/") for r in server.requests)
    # the server is gone: the HF cache answers
    ds = hub.load_ger_dataset("GER_CKPlus", namespace="lab", endpoint=server.endpoint)
    assert _ids(ds) == LABELS


def test_gated_repo_says_where_to_request_access(env):
    with HubServer() as server:
        server.repos["lab/ger-ckplus"] = FakeHubRepo(env.published, gated_token="hf_accepted")
        with pytest.raises(GerError) as denied:
            hub.load_ger_dataset("GER_CKPlus", namespace="lab", endpoint=server.endpoint)
        message = str(denied.value)
        assert f"{server.endpoint}/datasets/lab/ger-ckplus" in message and "CK+ agreement" in message
        assert "HF_TOKEN" in message
        ds = hub.load_ger_dataset("GER_CKPlus", namespace="lab", endpoint=server.endpoint, token="hf_accepted")
        assert len(ds) == 3


def test_pull_fills_the_local_folder_layout(env, capsys):
    with HubServer() as server:
        server.repos["lab/ger-ckplus"] = FakeHubRepo(env.published)
        assert commands.main(["pull", "GER_CKPlus", "--namespace", "lab", "--endpoint", server.endpoint]) == 0
        assert "3 rows" in capsys.readouterr().out
        local = env.home / "datasets" / "GER_CKPlus"
        published = sorted(p.relative_to(env.published).as_posix() for p in env.published.rglob("*") if p.is_file())
        assert sorted(p.relative_to(local).as_posix() for p in local.rglob("*") if p.is_file()) == published
        assert [p.name for p in (env.home / "datasets").iterdir()] == ["GER_CKPlus"]  # no temp left
        assert commands.main(["pull", "GER_CKPlus", "--namespace", "nobody", "--endpoint", server.endpoint]) == 2
        assert "ger prepare GER_CKPlus" in capsys.readouterr().err
    assert _ids(hub.load_ger_dataset("GER_CKPlus")) == LABELS
