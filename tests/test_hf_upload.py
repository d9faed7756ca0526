"""hf_upload up to the push: release discovery, repo settings from the licence, dry-run plan, pins."""

from __future__ import annotations

import json
import types

import pytest
from PIL import Image

from ger_plugin import catalog
from ger_plugin.data import sources
from ger_plugin.errors import GerError
from hf_upload import upload


def test_finds_releases_by_source_key_or_release_name(tmp_path):
    for name in ("rafdb", "GER_TwitterI", "notes", "RAVDESS"):
        (tmp_path / name).mkdir()
    releases, notes = upload.find_releases(tmp_path)
    assert [(r.source_key, r.raw_dir.name) for r in releases] == [
        ("rafdb", "rafdb"),
        ("twitter1", "GER_TwitterI"),
        ("ravdess", "RAVDESS"),
    ]
    assert len(notes) == 1 and "notes" in notes[0]
    only, _ = upload.find_releases(tmp_path, ["GER_TwitterI_3"])
    assert [r.source_key for r in only] == ["twitter1"]
    with pytest.raises(GerError, match="GER_CKPlus"):
        upload.find_releases(tmp_path, ["ckplus"])
    (tmp_path / "GER_RAFDB").mkdir()
    with pytest.raises(GerError, match="both hold GER_RAFDB"):
        upload.find_releases(tmp_path)


@pytest.mark.parametrize("key", list(catalog.SOURCES))
def test_repo_settings_follow_the_licence(key):
    access = catalog.SOURCES[key].hub_access
    settings = upload.repo_settings(key, "lab")
    assert settings.repo_id == f"lab/ger-{key}"
    assert settings.private is (access is catalog.HubAccess.PRIVATE)
    assert settings.gated == ("manual" if access is catalog.HubAccess.GATED else False)
    assert upload.repo_settings(key, "lab", force_private=True).private


def test_dry_run_builds_and_lists_files_without_pushing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GER_HOME", str(tmp_path / "home"))
    raw = tmp_path / "raw" / "GER_TwitterII"
    raw.mkdir(parents=True)
    Image.new("RGB", (9, 9)).save(raw / "1.jpg")

    def read(raw_dir, *, config="default", split="test"):
        yield {"id": "1", "label": "positive", "label_original": "1", "image": str(raw_dir / "1.jpg")}

    reader = types.SimpleNamespace(CONFIGS=("default",), read=read, extra_features=lambda: {})
    real = sources.reader
    monkeypatch.setattr(sources, "reader", lambda k: reader if k == "twitter2" else real(k))
    pins = tmp_path / "pins.json"
    code = upload.main(["--namespace", "lab", "--raw-root", str(tmp_path / "raw"), "--dry-run", "--pins", str(pins)])
    assert code == 0
    out = capsys.readouterr()
    assert "lab/ger-twitter2 (public, gated (manual)), tag v" in out.out
    folder = tmp_path / "home" / "datasets" / "GER_TwitterII"
    for name, _size in upload.folder_files(folder):
        assert name in out.out
    assert "data/default/test-00000-of-00001.parquet" in out.out and "ger_format.json" in out.out
    assert "warning: GER_TwitterII" in out.err
    assert not pins.exists()  # nothing pushed, nothing pinned


def test_missing_root_is_a_clear_error(tmp_path, capsys):
    assert upload.main(["--namespace", "lab", "--raw-root", str(tmp_path / "nope"), "--dry-run"]) == 1
    assert "nope" in capsys.readouterr().err


def test_pins_merge_and_feed_the_loader(tmp_path, monkeypatch):
    from ger_plugin.data import hub

    pins = tmp_path / "pins.json"
    upload.record_pin(pins, "lab/ger-rafdb", "a" * 40, "v0.1.0")
    upload.record_pin(pins, "lab/ger-ckplus", "b" * 40, "v0.1.0")
    data = json.loads(pins.read_text())
    assert list(data) == ["lab/ger-ckplus", "lab/ger-rafdb"] and data["lab/ger-rafdb"]["revision"] == "a" * 40
    monkeypatch.setattr(hub, "PINNED_REVISIONS", pins)
    assert hub.pinned_revision("lab/ger-rafdb") == "a" * 40 and hub.pinned_revision("lab/other") is None
