"""The one home of MMSA's score-to-class rules (ger_plugin/core/sentiment.py)."""

import csv
from collections import Counter

import pytest
from paper_files import released_file

from ger_plugin.catalog import INTENSITY_LABELS
from ger_plugin.core.sentiment import (
    MOSI_SCALE,
    SIMS_SCALE,
    intensity_from_score,
    intensity_polarity,
    score_polarity,
)


@pytest.mark.parametrize(
    "score,label",
    [
        (-0.7, "negative"),
        (-0.69, "weakly negative"),
        (-0.1, "weakly negative"),
        (0.1, "neutral"),
        (0.7, "weakly positive"),
        (0.71, "positive"),
    ],
)
def test_sims_bin_edges_are_inclusive_upper_edges(score, label):
    assert intensity_from_score(score, SIMS_SCALE) == label


@pytest.mark.parametrize(
    "score,label",
    [
        (-3.0, "negative"),
        (-1.4, "weakly negative"),
        (-0.5, "neutral"),
        (0.5, "neutral"),
        (0.51, "weakly positive"),
        (1.5, "positive"),
        (2.5, "positive"),
    ],
)
def test_mosi_rounds_half_to_even_after_clipping(score, label):
    assert intensity_from_score(score, MOSI_SCALE) == label


def test_bins_reproduce_the_published_mosi_test_fold_counts(paper_results):
    """On the paper's 686 gold scores, the 5-bin and sign counts equal those reported for MMSA's
    np.round binning and the SDK's binary conventions (shared/reference/datasets-micro-dfer-mm.md)."""
    with released_file(paper_results, "cmumosi", "label.csv").open(encoding="utf-8") as handle:
        scores = [float(row["gt"]) for row in csv.DictReader(handle)]
    bins = Counter(intensity_from_score(s, MOSI_SCALE) for s in scores)
    assert [bins[label] for label in INTENSITY_LABELS] == [202, 145, 106, 113, 120]
    assert Counter(score_polarity(s) for s in scores) == {"negative": 379, "positive": 277, "neutral": 30}


def test_other_scales_map_linearly_onto_mosi():
    assert intensity_from_score(0.0, (0.0, 1.0)) == "negative"  # the bottom of the scale
    assert intensity_from_score(0.5, (0.0, 1.0)) == "neutral"
    assert intensity_from_score(10.0, (-10.0, 10.0)) == "positive"
    with pytest.raises(ValueError):
        intensity_from_score(0.0, (1.0, 1.0))


def test_score_polarity_keeps_zero_apart():
    assert [score_polarity(s) for s in (-0.01, 0.0, 0.01)] == ["negative", "neutral", "positive"]


def test_intensity_polarity_is_above_neutral():
    assert [intensity_polarity(x) for x in INTENSITY_LABELS] == [
        "negative",
        "negative",
        "negative",
        "positive",
        "positive",
    ]
    assert intensity_polarity("happy") is None
    assert intensity_polarity(None) is None
