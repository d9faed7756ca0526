from __future__ import annotations

import shutil

from image_reader_checks import assert_counts_differ, assert_data_error, read_fixture
from release_fixtures.sfew2 import DUPLICATE

from ger_plugin.data.sources import sfew2


def test_val_set_with_emotion_folder_ids(tmp_path):
    records = read_fixture("sfew2", tmp_path)[("default", "test")]
    by_id = {r["id"]: r for r in records}
    assert by_id[f"Angry/{DUPLICATE}"]["label"] == "angry" and by_id[f"Sad/{DUPLICATE}"]["label"] == "sad"
    assert by_id[f"Sad/{DUPLICATE}"]["label_original"] == "Sad"
    assert not any("train" in r["image"].lower() for r in records)
    assert_counts_differ("sfew2", "default", records)


def test_unnested_val(tmp_path):
    expected = read_fixture("sfew2", tmp_path / "a")[("default", "test")]
    shutil.copytree(tmp_path / "a" / "Val" / "Val", tmp_path / "b" / "Val")
    assert [r["id"] for r in sfew2.read(tmp_path / "b")] == [r["id"] for r in expected]


def test_missing_val_folder(tmp_path):
    read_fixture("sfew2", tmp_path)
    shutil.rmtree(tmp_path / "Val")
    assert_data_error(lambda: sfew2.read(tmp_path), "lacks val (Val/ (holding Happy/))", str(tmp_path))


def test_unknown_emotion_folder(tmp_path):
    read_fixture("sfew2", tmp_path)
    (tmp_path / "Val" / "Val" / "Contempt").mkdir()
    assert_data_error(lambda: sfew2.read(tmp_path), "Contempt", "emotion folder")
