"""CH-SIMS reader on tiny copies of both releases (MMSA layout and the first release)."""

from __future__ import annotations

import re

import pytest
from release_fixtures import chsims as fixture
from release_fixtures._reader_checks import (
    check_reader,
    copy_release,
    first_frame,
    read_all,
    replace_in_file,
)

from ger_plugin.errors import DataError

KEY = "chsims"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    root = tmp_path_factory.mktemp(KEY)
    return root, fixture.make(root)


def test_mmsa_layout_splits_bins_and_text(release):
    records = check_reader(KEY, *release)
    for (_c, _s, rid), record in records.items():
        n = next(i for i, (v, c, *_r) in enumerate(fixture.SAMPLES) if rid == f"{v}_{int(c):04d}")
        score = fixture.SAMPLES[n][2]
        assert record["sentiment"] == score and record["label_original"] == str(score)
        assert record["polarity"] == ("negative" if score < 0 else "positive" if score > 0 else "neutral")
        assert record["text"] == fixture.text(n) and record["text_en"] is None
        assert first_frame(record) == (record["label"], 0)
    assert ("default", "test", "video_0003_0012") in records  # clip_id "12" zero-padded


def test_first_release_layout(tmp_path):
    expected = fixture.make_first_release(tmp_path)
    records = check_reader(KEY, tmp_path, expected)
    assert records[("default", "test", "video_0002_0001")]["text_en"] == "this movie 3"


def test_missing_label_csv_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    (root / "SIMS" / "label.csv").unlink()
    with pytest.raises(
        DataError,
        match=r"CH-SIMS: no known layout found \(compared 2: MMSA, first-release\).* lacks labels \(label\.csv\)",
    ):
        read_all(KEY, root)


def test_unknown_mode_and_bad_score_name_line_and_field(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    csv = root / "SIMS" / "label.csv"
    replace_in_file(csv, "Negative,train", "Negative,dev")
    with pytest.raises(DataError, match=re.escape(f"{csv}, line 3, field 'mode'")):
        read_all(KEY, root)
    replace_in_file(csv, "Negative,dev", "Negative,train")
    replace_in_file(csv, "video_0001,0001,这部电影0,-1.0", "video_0001,0001,这部电影0,-1.5")
    with pytest.raises(DataError, match=re.escape(f"{csv}, line 2, field 'label': sentiment -1.5 outside")):
        read_all(KEY, root)


def test_missing_clip_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    (root / "SIMS" / "Raw" / "video_0002" / "0001.mp4").unlink()
    with pytest.raises(DataError, match=r"line 5, field 'clip_id': missing clip .*video_0002/0001\.mp4"):
        read_all(KEY, root)
