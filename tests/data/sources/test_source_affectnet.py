from __future__ import annotations

import pytest
from image_reader_checks import assert_counts_differ, assert_data_error, read_fixture
from release_fixtures.affectnet import HEADER

from ger_plugin.data.sources import affectnet

LIST = "Manually_Annotated_file_lists/validation.csv"


def test_validation_codes_0_to_7(tmp_path):
    records = read_fixture("affectnet", tmp_path)[("default", "test")]
    by_id = {r["id"]: r for r in records}
    assert "637/c7fd0a5cc.tif" in by_id and "1/1957a923aa416.JPG" in by_id  # mixed formats, subfolder ids kept
    assert by_id["12/a0b1c2d3e4.jpg"]["valence"] == pytest.approx(0.8)
    assert by_id["12/a0b1c2d3e4.jpg"]["arousal"] == pytest.approx(0.3)
    assert by_id["3/happy02.jpg"]["valence"] is None and by_id["3/happy02.jpg"]["arousal"] is None  # -2
    assert by_id["1347/bef0.jpg"]["label_original"] == "7"
    assert "99/train01.jpg" not in by_id
    assert_counts_differ("affectnet", "default", records)


def test_header_line_is_optional(tmp_path):
    expected = read_fixture("affectnet", tmp_path)[("default", "test")]
    path = tmp_path / LIST
    path.write_text(HEADER + "\n" + path.read_text())
    assert [r["id"] for r in affectnet.read(tmp_path)] == [r["id"] for r in expected]


def test_missing_list(tmp_path):
    read_fixture("affectnet", tmp_path)
    (tmp_path / LIST).unlink()
    assert_data_error(lambda: affectnet.read(tmp_path), "validation.csv")


def test_unknown_code(tmp_path):
    read_fixture("affectnet", tmp_path)
    path = tmp_path / LIST
    lines = path.read_text().splitlines(keepends=True)
    lines[2] = lines[2].replace(",2,-0.6,", ",11,-0.6,")
    path.write_text("".join(lines))
    assert_data_error(lambda: affectnet.read(tmp_path), str(path), "line 3", "expression", "'11'")


def test_missing_image(tmp_path):
    read_fixture("affectnet", tmp_path)
    (tmp_path / "Manually_Annotated_Images/40/f00d.jpeg").unlink()
    assert_data_error(lambda: affectnet.read(tmp_path), "validation.csv", "line 5", "40/f00d.jpeg")
