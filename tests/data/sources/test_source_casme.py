"""CASME reader on a tiny copy of the release (coding sheet + CASME_raw_selected frames)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from release_fixtures import casme as fixture
from release_fixtures._reader_checks import (
    check_reader,
    copy_release,
    first_frame,
    read_all,
    set_xlsx_cell,
)

from ger_plugin.errors import DataError

KEY = "casme"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    root = tmp_path_factory.mktemp(KEY)
    return root, fixture.make(root)


def test_reads_the_four_classes_and_skips_happiness(release):
    records = check_reader(KEY, *release)
    assert "sub04_EP02" not in {rid for _, _, rid in records}  # happiness: excluded, no frames needed


def test_frames_follow_the_sheet_with_both_padding_styles(release):
    records = {r["id"]: r for r in read_all(KEY, release[0])}
    unpadded, padded = records["sub01_EP01_12"], records["sub03_EP12_2_1"]
    assert Path(unpadded["apex"]).name == "EP01_12-13.jpg" and Path(padded["apex"]).name == "EP12_2_1-095.jpg"
    assert first_frame(padded, "apex") == ("surprised", 95)
    assert first_frame(unpadded, "onset") == ("tense", 10) and first_frame(unpadded, "offset") == ("tense", 16)
    # the same Filename under another subject is another sample
    assert records["sub02_EP01_12"]["label"] == "repressed" and records["sub02_EP01_12"]["subject"] == "sub02"
    assert records["sub03_EP05"]["label_original"] == "Tense"
    assert records["sub01_EP01_12"]["action_units"] == "4+7" and records["sub01_EP01_12"]["filename"] == "EP01_12"


def test_missing_apex_becomes_the_middle_frame(release):
    records = {r["id"]: r for r in read_all(KEY, release[0])}
    assert records["sub04_EP03"]["apex_estimated"] is True and first_frame(records["sub04_EP03"], "apex")[1] == 42
    assert not any(r["apex_estimated"] for rid, r in records.items() if rid != "sub04_EP03")


def test_missing_coding_sheet_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    (root / fixture.SHEET).unlink()
    with pytest.raises(DataError, match=r"CASME: no known layout.* lacks sheet \(CASME\*\.xlsx"):
        read_all(KEY, root)


def test_unknown_emotion_names_sheet_line_and_field(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    set_xlsx_cell(root / fixture.SHEET, "Emotion", "repression", "boredom")
    with pytest.raises(DataError, match=re.escape(f"{root / fixture.SHEET}, line 4, field 'Emotion'")):
        read_all(KEY, root)


def test_apex_without_a_frame_file_is_estimated_with_a_warning(release, tmp_path, caplog):
    root = copy_release(release[0], tmp_path)
    (root / "CASME_raw_selected" / "sub03" / "EP12_2_1" / "EP12_2_1-095.jpg").unlink()
    record = {r["id"]: r for r in read_all(KEY, root)}["sub03_EP12_2_1"]
    assert record["apex_estimated"] is True and Path(record["apex"]).exists()
    assert "no apex frame 95" in caplog.text and f"{root / fixture.SHEET}, line 5" in caplog.text


def test_sample_without_frames_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    folder = root / "CASME_raw_selected" / "sub03" / "EP12_2_1"
    for frame in folder.iterdir():
        frame.unlink()
    with pytest.raises(DataError, match=re.escape(f"{folder}: no frames named like")):
        read_all(KEY, root)
