"""Scoring rules pinned against the mutations that used to survive the suite."""

from __future__ import annotations

import pytest

from ger_plugin import catalog
from ger_plugin.catalog import PaperProtocol
from ger_plugin.core.scoring import score_paper

MOSI = catalog.DATASETS["GER_CMUMOSI"]


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn)


def test_paper_sentiment_maps_an_off_scale_answer_to_negative():
    """The paper: positive iff the literal top-1 is "positive" or "weakly positive"; anything else,
    including a word off the 5-point scale, a capitalised spelling or no answer, counts as negative
    and stays in the population (only gold 0 leaves it)."""
    assert MOSI.paper_run is not None and MOSI.paper_run.protocol is PaperProtocol.SENTIMENT_BINARY
    rows = [
        ("-1.4", ["happy"]),  # off the scale -> negative: right
        ("-0.6", ["Positive"]),  # not the literal candidate spelling -> negative: right
        ("-2.0", []),  # no answer -> negative: right
        ("1.8", ["joyful", "positive"]),  # only the top-1 counts: off-scale -> negative: wrong
        ("0.8", ["weakly positive"]),  # on the scale: positive, right
        ("0", ["happy"]),  # neutral gold: out of the binary task
    ]
    out = score_paper(MOSI, rows)
    assert (out["n_rows"], out["n_scored"]) == (6, 5)
    # truth N N N P P, prediction N N N N P
    assert out["acc"] == pytest.approx(80.0)
    wf1 = (3 * _f1(tp=3, fp=1, fn=0) + 2 * _f1(tp=1, fp=0, fn=1)) / 5
    assert out["WF1"] == pytest.approx(100 * wf1)
