"""Helpers shared by the image readers: root search, split/config checks, image listing."""

from __future__ import annotations

import pytest
from image_reader_checks import read_fixture

from ger_plugin.data.sources import entry_for, twitter1, twitter2
from ger_plugin.data.sources._common import find_root, list_images
from ger_plugin.errors import DataError


def test_find_root_tries_candidates_then_one_level_deeper(tmp_path):
    (tmp_path / "release" / "Val" / "Val" / "Happy").mkdir(parents=True)
    assert find_root(tmp_path / "release", ("Val/Val", "Val"), ("Happy",), what="x") == tmp_path / "release/Val/Val"
    assert find_root(tmp_path, ("Val/Val", "Val"), ("Happy",), what="x") == tmp_path / "release/Val/Val"


def test_find_root_error_lists_what_was_expected(tmp_path):
    with pytest.raises(DataError) as info:
        find_root(tmp_path, ("twitter", "."), ("groundTruthLabel.txt",), what="Twitter II")
    message = str(info.value)
    assert (
        str(tmp_path) in message and "<raw>/twitter (with groundTruthLabel.txt)" in message and "Twitter II" in message
    )
    with pytest.raises(DataError, match="not a directory"):
        find_root(tmp_path / "missing", (".",), ("a",), what="x")


def test_reader_accepts_the_folder_above_the_release(tmp_path):
    expected = read_fixture("twitter2", tmp_path / "downloads")[("default", "test")]
    assert [r["id"] for r in twitter2.read(tmp_path)] == [r["id"] for r in expected]


def test_unknown_config_and_split_are_refused(tmp_path):
    read_fixture("twitter1", tmp_path)
    with pytest.raises(ValueError, match="five_agree"):
        list(twitter1.read(tmp_path, config="default"))
    with pytest.raises(ValueError, match="train"):
        list(twitter1.read(tmp_path, config="four_agree", split="train"))
    assert entry_for("twitter1", "four_agree").name == "GER_TwitterI_4"
    assert entry_for("rafdb", "default").name == "GER_RAFDB"


def test_list_images_skips_hidden_and_other_files(tmp_path):
    for name in ("b.JPG", "a.png", ".c.jpg", "._a.png", "notes.txt", "Thumbs.db", "d.tif"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "sub.jpg").mkdir()
    assert [p.name for p in list_images(tmp_path)] == ["a.png", "b.JPG", "d.tif"]
