"""CASME II reader on a tiny copy of the release, nested one folder deep."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from release_fixtures import casme2 as fixture
from release_fixtures._reader_checks import (
    check_reader,
    copy_release,
    first_frame,
    read_all,
    set_xlsx_cell,
)

from ger_plugin.errors import DataError

KEY = "casme2"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    root = tmp_path_factory.mktemp(KEY)
    return root, fixture.make(root)


def test_reads_the_five_classes_and_skips_fear_and_sadness(release):
    check_reader(KEY, *release)


def test_apex_path_and_subject_key(release):
    records = {r["id"]: r for r in read_all(KEY, release[0])}
    first = records["sub01_EP02_01f"]
    assert Path(first["apex"]).parts[-4:] == ("CASME2_RAW_selected", "sub01", "EP02_01f", "img59.jpg")
    assert first_frame(first, "apex") == ("happy", 59) and first_frame(first, "onset") == ("happy", 46)
    assert records["sub02_EP02_01f"]["label"] == "others"
    assert (first["subject"], first["filename"], first["action_units"]) == ("sub01", "EP02_01f", "12")


def test_missing_apex_is_the_numeric_middle_frame(release):
    # img8..img12: sorted as text the middle would be img12; numerically it is img10
    record = {r["id"]: r for r in read_all(KEY, release[0])}["sub05_EP19_05f"]
    assert record["apex_estimated"] is True and Path(record["apex"]).name == "img10.jpg"


def test_missing_coding_sheet_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    (root / "CASME2" / fixture.SHEET).unlink()
    with pytest.raises(DataError, match=r"CASME II: no known layout.* lacks sheet \(CASME2-coding\*\.xlsx"):
        read_all(KEY, root)


def test_unknown_emotion_names_sheet_line_and_field(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    sheet = root / "CASME2" / fixture.SHEET
    set_xlsx_cell(sheet, "Estimated Emotion", "surprise", "awe")
    with pytest.raises(DataError, match=re.escape(f"{sheet}, line 4, field 'Estimated Emotion'")):
        read_all(KEY, root)


def test_missing_frame_folder_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    folder = root / "CASME2" / "CASME2_RAW_selected" / "sub09" / "EP09_04"
    for frame in folder.iterdir():
        frame.unlink()
    folder.rmdir()
    with pytest.raises(DataError, match=re.escape(str(folder))):
        read_all(KEY, root)
