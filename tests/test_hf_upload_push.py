"""hf_upload's push, end to end against the loopback Hub (tests/hub_server.py): repo creation with the
licence's visibility, the upload, the tag, and the pinned revision that ``ger pull`` then fetches.
The pins file is always a temporary copy; the committed hf_upload/pinned_revisions.json is never written."""

from __future__ import annotations

import hashlib
import json
import shutil
import types

import pytest
from hub_server import INITIAL_FILES, HubServer, read_folder
from release_fixtures import ckplus as ckplus_fixture
from tiny_release import build_tiny_ckplus

from ger_plugin import commands
from ger_plugin.data import hub
from ger_plugin.errors import GerError
from hf_upload import upload


@pytest.fixture
def env(tmp_path, monkeypatch):
    import huggingface_hub.constants

    monkeypatch.setenv("GER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    pins = tmp_path / "pins.json"
    shutil.copy(upload.PINNED_REVISIONS, pins)  # a temp copy of the committed file, never the file itself
    monkeypatch.setattr(hub, "PINNED_REVISIONS", pins)
    committed = hashlib.sha256(upload.PINNED_REVISIONS.read_bytes()).hexdigest()
    with HubServer() as server:
        yield types.SimpleNamespace(server=server, pins=pins, tmp=tmp_path, home=tmp_path / "home")
    assert hashlib.sha256(upload.PINNED_REVISIONS.read_bytes()).hexdigest() == committed


@pytest.mark.parametrize("key", ["ckplus", "twitter2", "ravdess"])  # private, gated, public
def test_push_creates_the_repo_uploads_and_tags_one_commit(env, key):
    folder = build_tiny_ckplus(env.tmp, env.tmp / "published")
    settings = upload.repo_settings(key, "lab")
    sha = upload.push(settings, folder, "v0.1.0", endpoint=env.server.endpoint)
    repo = env.server.repos[settings.repo_id]
    assert sha == repo.sha == repo.tags["v0.1.0"]
    assert repo.commits[sha] == {**INITIAL_FILES, **read_folder(folder)}
    assert repo.messages[sha] == "GER release v0.1.0"
    assert repo.private is settings.private and repo.settings["gated"] == settings.gated


def test_a_second_push_replaces_old_shards_and_refuses_a_used_tag(env):
    settings = upload.repo_settings("ckplus", "lab")
    first = upload.push(settings, build_tiny_ckplus(env.tmp, env.tmp / "a"), "v0.1.0", endpoint=env.server.endpoint)
    repo = env.server.repos[settings.repo_id]
    stale = {**repo.commits[first], "data/default/test-00000-of-00002.parquet": b"old shard"}
    repo.add_revision(stale, message="a build with two shards")
    with pytest.raises(GerError, match="already has tag v0.1.0"):
        upload.push(settings, env.tmp / "a", "v0.1.0", endpoint=env.server.endpoint)
    second = upload.push(
        settings, build_tiny_ckplus(env.tmp, env.tmp / "b", {"S9": "sad"}), "v0.2.0", endpoint=env.server.endpoint
    )
    assert second != first and repo.tags == {"v0.1.0": first, "v0.2.0": second}
    assert "data/default/test-00000-of-00002.parquet" not in repo.commits[second]  # deleted, not left over
    assert repo.commits[second] == {**INITIAL_FILES, **read_folder(env.tmp / "b")}


def test_main_pushes_records_the_pin_and_pull_fetches_that_revision(env, capsys):
    raw = env.tmp / "raw"
    ckplus_fixture.make(raw / "ckplus")
    argv = [
        "--namespace",
        "lab",
        "--raw-root",
        str(raw),
        "--tag",
        "v0.1.0",
        "--pins",
        str(env.pins),
        "--endpoint",
        env.server.endpoint,
    ]
    assert upload.main(argv) == 0
    out = capsys.readouterr().out
    repo = env.server.repos["lab/ger-ckplus"]
    pushed = repo.sha
    assert f"pushed lab/ger-ckplus@{pushed} (tag v0.1.0)" in out
    pin = json.loads(env.pins.read_text())["lab/ger-ckplus"]
    assert pin["revision"] == pushed == repo.tags["v0.1.0"] and pin["tag"] == "v0.1.0"

    # a later commit on main that nobody pinned: `ger pull` still fetches the pinned one
    repo.add_revision({**repo.commits[pushed], "ger_format.json": b"{}"}, message="unpinned")
    local = env.home / "datasets" / "GER_CKPlus"
    shutil.rmtree(local)  # the folder the build left behind: pull must bring it back from the Hub
    assert commands.main(["pull", "GER_CKPlus", "--namespace", "lab", "--endpoint", env.server.endpoint]) == 0
    assert (local / "ger_format.json").read_bytes() == repo.commits[pushed]["ger_format.json"]

    # the same tag again: refused, nothing pinned anew
    before = env.pins.read_bytes()
    assert upload.main(argv) == 1
    assert "already has tag v0.1.0" in capsys.readouterr().err
    assert env.pins.read_bytes() == before
