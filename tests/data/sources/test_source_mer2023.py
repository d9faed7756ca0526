"""MER2023 reader on a tiny copy of the release (test1 + labels + MERTools transcripts)."""

from __future__ import annotations

import re

import pytest
from release_fixtures import mer2023 as fixture
from release_fixtures._reader_checks import (
    check_reader,
    copy_release,
    first_frame,
    read_all,
    replace_in_file,
)

from ger_plugin.data.layouts import locate
from ger_plugin.data.sources import reader
from ger_plugin.errors import DataError

KEY = "mer2023"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    root = tmp_path_factory.mktemp(KEY)
    return root, fixture.make(root)


def test_test1_with_both_transcripts_and_mixed_containers(release):
    records = check_reader(KEY, *release)
    suffixes = {r["video"].rsplit(".", 1)[1] for r in records.values()}
    assert suffixes == {"avi", "mp4"}
    for (_c, _s, name), record in records.items():
        n = int(name.split("_")[1]) - 1
        assert record["text"] == f"{fixture.CHINESE}{n}" and record["text_en"].endswith(str(n))
        assert record["valence"] == fixture.TEST1[n][1] and first_frame(record) == (record["label"], 0)
    assert records[("default", "test", "sample_00000006")]["label"] == "surprised"  # 'surprise' in the csv


def test_missing_label_csv_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    (root / "MER2023" / "test1-label.csv").unlink()
    with pytest.raises(DataError, match=r"MER2023: no known layout.* lacks labels \(test1-label\.csv"):
        read_all(KEY, root)


def test_without_a_transcript_the_video_variant_is_read_and_the_note_names_the_file(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    (root / "transcription-engchi-polish.csv").unlink()
    records = read_all(KEY, root)
    assert len(records) == len(fixture.TEST1) and all(r["text"] is None and r["text_en"] is None for r in records)
    layout = locate(root, reader(KEY).LAYOUTS, what=KEY).layout
    assert layout.name == "release" and "transcription-engchi-polish.csv" in layout.note
    assert "github.com/zeroQiaoba/MERTools" in layout.note


def test_an_asr_transcript_fills_text_only(tmp_path):
    fixture.make_asr(tmp_path)
    records = {r["id"]: r for r in read_all(KEY, tmp_path)}
    assert records[fixture.name(0)]["text"] == f"{fixture.CHINESE}0" and records[fixture.name(0)]["text_en"] is None


def test_unknown_label_names_line_and_field(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    csv = root / "MER2023" / "test1-label.csv"
    replace_in_file(csv, "sample_00000004,sad", "sample_00000004,bored")
    with pytest.raises(DataError, match=re.escape(f"{csv}, line 5, field 'discrete'")):
        read_all(KEY, root)


def test_missing_clip_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    (root / "MER2023" / "test1" / "sample_00000003.mp4").unlink()
    with pytest.raises(DataError, match=r"line 4, field 'name': missing clip sample_00000003"):
        read_all(KEY, root)
