"""CMU-MOSI reader on a tiny copy of the MMSA release."""

from __future__ import annotations

import re

import pytest
from release_fixtures import cmumosi as fixture
from release_fixtures._reader_checks import (
    check_reader,
    copy_release,
    first_frame,
    read_all,
    replace_in_file,
)

from ger_plugin.errors import DataError

KEY = "cmumosi"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    root = tmp_path_factory.mktemp(KEY)
    return root, fixture.make(root)


def test_splits_rounded_bins_and_transcripts(release):
    records = check_reader(KEY, *release)
    for (_c, _s, rid), record in records.items():
        n = next(i for i, (v, seg, *_r) in enumerate(fixture.SAMPLES) if rid == f"{v}_{seg}")
        assert record["sentiment"] == fixture.SAMPLES[n][2]  # full precision, thirds included
        assert record["text"] == record["text_en"] == fixture.transcript(n)
        assert first_frame(record) == (record["label"], 0)
    polarities = {rid: r["polarity"] for (_c, _s, rid), r in records.items()}
    assert (polarities["yDtzw_Y-7RU_2"], polarities["yDtzw_Y-7RU_1"], polarities["yDtzw_Y-7RU_3"]) == (
        "neutral",
        "negative",
        "positive",
    )


def test_raw_zip_segments_are_found(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    segmented = root / "MOSI" / "Raw" / "Video" / "Segmented"
    segmented.mkdir(parents=True)
    (root / "MOSI" / "Raw" / "k5Y_838nuGo" / "10.mp4").rename(segmented / "k5Y_838nuGo_10.mp4")
    record = {r["id"]: r for r in read_all(KEY, root)}["k5Y_838nuGo_10"]
    assert record["video"] == str(segmented / "k5Y_838nuGo_10.mp4")


def test_missing_label_csv_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    (root / "MOSI" / "label.csv").unlink()
    with pytest.raises(
        DataError, match=re.escape("CMU-MOSI: no known layout") + ".*" + re.escape("lacks labels (label.csv)")
    ):
        read_all(KEY, root)


def test_non_numeric_score_names_line_and_field(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    csv = root / "MOSI" / "label.csv"
    replace_in_file(csv, "f_pcplsH_V0,2,this movie was great 1,-1.5", "f_pcplsH_V0,2,this movie was great 1,bad")
    with pytest.raises(DataError, match=re.escape(f"{csv}, line 3, field 'label'")):
        read_all(KEY, root)


def test_missing_clip_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    (root / "MOSI" / "Raw" / "f_pcplsH_V0" / "3.mp4").unlink()
    with pytest.raises(DataError, match=r"line 4, field 'clip_id': missing clip .*f_pcplsH_V0/3\.mp4"):
        read_all(KEY, root)
