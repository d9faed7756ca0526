"""FERV39k reader on a tiny copy of the release (scene-frame folders + All_scenes setup)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from release_fixtures import ferv39k as fixture
from release_fixtures._reader_checks import (
    check_reader,
    copy_release,
    first_frame,
    read_all,
    replace_in_file,
)

from ger_plugin.errors import DataError

KEY = "ferv39k"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    root = tmp_path_factory.mktemp(KEY)
    return root, fixture.make(root)


def test_test_setup_clips_are_scene_frame_folders(release):
    records = check_reader(KEY, *release)
    for (_c, _s, clip), record in records.items():
        folder = Path(record["video"])
        assert folder.is_dir() and folder.parent.parent.parent.name == "3_ClipsforScenImages"
        assert folder.as_posix().endswith(clip) and first_frame(record) == (record["label"], 0)
    assert not any(clip.endswith("0002") for _c, _s, clip in records)  # train clips stay out


def test_missing_setup_list_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    setup = root / "FERV39k" / "4_setups" / "All_scenes" / "test_All.csv"
    setup.unlink()
    with pytest.raises(
        DataError, match=r"FERV39k: no known layout.* lacks setup \(4_setups/All_scenes/.*holding test_All\.csv"
    ):
        read_all(KEY, root)


def test_unknown_label_names_line(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    setup = root / "FERV39k" / "4_setups" / "All_scenes" / "test_All.csv"
    replace_in_file(setup, "Action/Fear/0001 Fear", "Action/Fear/0001 Scared")
    with pytest.raises(DataError, match=re.escape(f"{setup}, line 3, field 'label'")):
        read_all(KEY, root)


def test_label_must_match_the_path(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    setup = root / "FERV39k" / "4_setups" / "All_scenes" / "test_All.csv"
    replace_in_file(setup, "Action/Fear/0001 Fear", "Action/Fear/0001 Sad")
    with pytest.raises(DataError, match="disagrees with the clip path"):
        read_all(KEY, root)


def test_missing_frame_folder_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    folder = root / "FERV39k" / "3_ClipsforScenImages" / "Crime" / "Sad" / "0001"
    for frame in folder.iterdir():
        frame.unlink()
    with pytest.raises(DataError, match=re.escape(str(folder))):
        read_all(KEY, root)


@pytest.mark.parametrize(
    "start", ["3_ClipsforScenImages-001", "3_ClipsforScenImages-002", "drive-download-20260721T053535Z-1-003", "."]
)
def test_raw_may_name_either_download_with_the_others_beside_it(tmp_path, start):
    expected = fixture.make_parts(tmp_path)
    assert {r["id"]: r["label"] for r in read_all(KEY, tmp_path / start)} == expected[("default", "test")]


def test_a_part_alone_is_not_completed_from_unrelated_folders(tmp_path):
    fixture.make_parts(tmp_path / "download")
    (tmp_path / "other").mkdir()
    part = tmp_path / "download" / "3_ClipsforScenImages-001"
    part.rename(tmp_path / "other" / part.name)
    with pytest.raises(DataError, match="lacks setup"):
        read_all(KEY, tmp_path / "other" / part.name)
