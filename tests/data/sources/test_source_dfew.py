"""DFEW reader on a tiny copy of the release: five folds, train and test."""

from __future__ import annotations

import re

import pytest
from release_fixtures import dfew as fixture
from release_fixtures._reader_checks import (
    check_reader,
    copy_release,
    first_frame,
    read_all,
    replace_in_file,
)

from ger_plugin.errors import DataError, GerError

KEY = "dfew"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    root = tmp_path_factory.mktemp(KEY)
    return root, fixture.make(root)


def test_every_fold_and_split(release):
    records = check_reader(KEY, *release)
    for (config, split, clip_id), record in records.items():
        assert first_frame(record) == (record["label"], 0), clip_id  # the clip of that id, from its start
        assert (fixture.fold_of(int(clip_id)) == int(config[-1])) == (split == "test")


def test_padded_and_unpadded_file_names_give_unpadded_ids(release):
    videos = {r["id"]: r["video"] for r in read_all(KEY, release[0], "fold1", "test")}
    assert videos["1"].endswith("data_part_1-2-3/00001.mp4") and videos["6"].endswith("data_part_4-5-6/6.mp4")


def test_hyphenated_single_labeled_folder(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    splits = root / "EmoLabel_DataSplit"
    (splits / "test(single_labeled)").rename(splits / "test(single-labeled)")
    assert {r["id"] for r in read_all(KEY, root, "fold2", "test")} == set(release[1][("fold2", "test")])


def test_unknown_config_is_refused(release):
    with pytest.raises(GerError, match="unknown config 'default'"):
        read_all(KEY, release[0], "default", "test")


def test_missing_split_csv_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    csv = root / "EmoLabel_DataSplit" / "test(single_labeled)" / "set_3.csv"
    csv.unlink()
    with pytest.raises(DataError, match=re.escape(str(csv))):
        read_all(KEY, root, "fold3", "test")


def test_unknown_label_code_names_csv_line_and_field(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    csv = root / "EmoLabel_DataSplit" / "test(single_labeled)" / "set_1.csv"
    replace_in_file(csv, "6,6", "6,8")
    with pytest.raises(DataError, match=re.escape(f"{csv}, line 3, field 'label'")):
        read_all(KEY, root, "fold1", "test")


def test_missing_clip_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    (root / "Clip" / "original" / "data_part_4-5-6" / "6.mp4").unlink()
    with pytest.raises(DataError, match=r"set_1\.csv, line 3, field 'video_name': missing clip 6\.mp4"):
        read_all(KEY, root, "fold1", "test")
