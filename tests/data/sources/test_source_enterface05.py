"""eNTERFACE'05 reader on a tiny copy of the release, with its naming and folder anomalies."""

from __future__ import annotations

import re

import pytest
from release_fixtures import enterface05 as fixture
from release_fixtures._reader_checks import (
    check_reader,
    copy_release,
    first_frame,
    read_all,
)
from release_fixtures._videos import write_video

from ger_plugin.errors import DataError

KEY = "enterface05"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    root = tmp_path_factory.mktemp(KEY)
    return root, fixture.make(root)


def test_all_usable_clips_with_path_ids(release):
    records = check_reader(KEY, *release)
    ids = {clip_id for _c, _s, clip_id in records}
    assert not any(i.startswith("subject 6/") for i in ids)  # subject 6 is excluded
    assert "subject 16/surprise/sentence 3/s16_su_3" in ids  # 's16_su_3avi' has no dot
    assert "subject 11/sadness/sentence 1/s12_sa_1" in ids  # s12 names inside subject 11
    for record in records.values():
        assert first_frame(record) == (record["label"], 0)


def test_subjects_in_numeric_order(release):
    subjects = [int(r["id"].split("/")[0].split()[1]) for r in read_all(KEY, release[0])]
    assert subjects == sorted(subjects)


def test_label_from_file_code_when_no_emotion_folder(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    write_video(root / "enterface database" / "subject 44" / "s44_di_1.avi", "disgusted", 12, codec="mpeg4")
    record = {r["id"]: r for r in read_all(KEY, root)}["subject 44/s44_di_1"]
    assert (record["label"], record["label_original"]) == ("disgusted", "di")


def test_unknown_emotion_code_names_the_file(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    bad = write_video(root / "enterface database" / "subject 44" / "s44_xx_1.avi", "happy", 12, codec="mpeg4")
    with pytest.raises(DataError, match=re.escape(str(bad))):
        read_all(KEY, root)


def test_clip_outside_a_subject_folder_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    stray = write_video(root / "enterface database" / "s1_an_1.avi", "angry", 12, codec="mpeg4")
    with pytest.raises(DataError, match=re.escape(f"{stray}: clip outside")):
        read_all(KEY, root)


def test_empty_release_is_an_error(tmp_path):
    with pytest.raises(DataError, match=r"eNTERFACE'05: no known layout.* lacks subjects"):
        read_all(KEY, tmp_path)
