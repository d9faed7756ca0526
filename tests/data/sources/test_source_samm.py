"""SAMM reader on a tiny copy of the release (FACS sheet with preamble + grayscale frames)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image
from release_fixtures import samm as fixture
from release_fixtures._reader_checks import (
    check_reader,
    copy_release,
    first_frame,
    read_all,
    set_xlsx_cell,
)

from ger_plugin.errors import DataError

KEY = "samm"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    root = tmp_path_factory.mktemp(KEY)
    return root, fixture.make(root)


def test_reads_the_five_classes_past_the_preamble(release):
    check_reader(KEY, *release)


def test_other_and_others_are_one_class_and_frames_are_grayscale(release):
    records = {r["id"]: r for r in read_all(KEY, release[0])}
    assert records["009_2_4"]["label"] == records["010_1_1"]["label"] == "others"
    assert {records["009_2_4"]["label_original"], records["010_1_1"]["label_original"]} == {"Other", "Others"}
    anger = records["006_1_2"]
    assert Path(anger["apex"]).parts[-3:] == ("006", "006_1_2", "006_05588.jpg")
    assert first_frame(anger, "apex")[1] == 5588
    with Image.open(anger["apex"]) as image:
        assert image.mode == "L"
    assert (anger["subject"], anger["action_units"], anger["apex_estimated"]) == ("006", "4+7", False)
    assert records["010_1_1"]["apex_estimated"] is True and first_frame(records["010_1_1"], "apex")[1] == 53


def test_missing_sheet_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    (root / fixture.SHEET).unlink()
    with pytest.raises(DataError, match=r"SAMM: no known layout.* lacks sheet \(SAMM_Micro_FACS_Codes\*\.xlsx"):
        read_all(KEY, root)


def test_unknown_emotion_names_sheet_line_and_field(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    set_xlsx_cell(root / fixture.SHEET, "Estimated Emotion", "Contempt", "Boredom")
    # 13 preamble rows + header: the second data row is spreadsheet row 16
    with pytest.raises(DataError, match=re.escape(f"{root / fixture.SHEET}, line 16, field 'Estimated Emotion'")):
        read_all(KEY, root)


def test_offset_typo_snaps_to_the_last_frame_with_a_warning(release, tmp_path, caplog):
    root = copy_release(release[0], tmp_path)
    (root / "SAMM" / "007" / "007_5_2" / "007_00313.jpg").unlink()
    record = {r["id"]: r for r in read_all(KEY, root)}["007_5_2"]
    assert Path(record["offset"]).name == "007_00312.jpg" and record["apex_estimated"] is False
    assert "no offset frame 313" in caplog.text


def test_missing_frame_folder_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    folder = root / "SAMM" / "007" / "007_5_2"
    for frame in folder.iterdir():
        frame.unlink()
    folder.rmdir()
    with pytest.raises(DataError, match=re.escape(f"{folder}: missing frame folder")):
        read_all(KEY, root)


def test_four_digit_frame_names_map_to_the_sheets_apex_exactly(release):
    record = {r["id"]: r for r in read_all(KEY, release[0])}["008_2_1"]
    assert Path(record["apex"]).name == "008_0230.jpg" and record["apex_estimated"] is False
    assert first_frame(record, "apex")[1] == 230
    assert Path(record["onset"]).name == "008_0228.jpg" and Path(record["offset"]).name == "008_0233.jpg"


def test_a_sheet_apex_without_its_frame_is_an_error_not_an_estimate(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    (root / "SAMM" / "008" / "008_2_1" / "008_0230.jpg").unlink()
    with pytest.raises(DataError, match=r"no frame file numbered 230 \(the sheet's apex, line \d+ of .*xlsx\)"):
        read_all(KEY, root)


@pytest.mark.parametrize("builder", fixture.LAYOUT_FIXTURES["SAMM"], ids=lambda b: b.__name__)
def test_every_way_the_sheet_and_frames_sit(builder, tmp_path):
    expected = builder(tmp_path)
    check_reader(KEY, tmp_path, expected)
