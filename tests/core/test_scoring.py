"""The paper protocol's four rules and the GER standard protocol, on small hand-checked inputs."""

from __future__ import annotations

import json

import pytest

from ger_plugin import catalog
from ger_plugin.catalog import PaperProtocol, Scoring
from ger_plugin.core.scoring import NONE_COLUMN, sample_key, score_ger, score_paper
from ger_plugin.errors import DataError

CK = catalog.DATASETS["GER_CKPlus"]
DFEW = catalog.DATASETS["GER_DFEW"]
ABSTRACT = catalog.DATASETS["GER_Abstract"]
MOSI = catalog.DATASETS["GER_CMUMOSI"]
MER = catalog.DATASETS["GER_MER2023"]

GER_KEYS = {
    "protocol",
    "protocol_version",
    "dataset",
    "primary_metric",
    "metrics",
    "ci95",
    "n_total",
    "n_answered",
    "n_invalid",
    "n_unanswered",
    "n_failed",
    "invalid_rate",
    "failed_rate",
    "confusion",
}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("S005_001_00000009.png", "S005_001_00000009"),
        ("val/Happy/0001.jpg", "0001"),
        ("C:\\data\\clip.mp4", "clip"),
        ("02-01-03-02-01-01-06", "02-01-03-02-01-01-06"),
        ("video_0048_0015", "video_0048_0015"),
        ("2436", "2436"),
        (" sample_00006338 ", "sample_00006338"),
        ("0.5", "0.5"),  # a number, not a file extension
    ],
)
def test_sample_key(name, expected):
    assert sample_key(name) == expected


def test_every_paper_protocol_has_a_rule():
    for protocol in PaperProtocol:
        entry = next(e for e in catalog.DATASETS.values() if e.paper_run and e.paper_run.protocol is protocol)
        gold = "0.5" if protocol is PaperProtocol.SENTIMENT_BINARY else "x"
        assert score_paper(entry, [(gold, [entry.paper_candidates[0]])])["n_rows"] == 1


def test_paper_exact_is_literal():
    # MER2023's gold says "surprise", the prompt offered "surprised": the paper counted it wrong.
    rows = [("surprise", ["surprised", "happy"]), ("happy", ["happy"]), ("sad", [" sad "]), ("angry", [])]
    out = score_paper(MER, rows)
    assert out == {"acc": 50.0, "n_rows": 4, "n_scored": 4}


def test_paper_polarity_maps_top1_emotion():
    rows = [
        ("positive", ["Amusement", "Fear"]),
        ("negative", ["Content"]),
        ("negative", ["Sad"]),
        ("positive", ["contentment"]),
    ]
    assert score_paper(ABSTRACT, rows)["acc"] == 75.0


def test_paper_in_set_drops_out_of_set_top1():
    rows = [
        ("Happy", ["Happy"]),
        ("Sad", ["Happy"]),
        ("Sad", ["Sad"]),
        ("Angry", ["Pain", "Angry"]),
        ("Angry", ["happy"]),
    ]  # wrong case: not a candidate either
    out = score_paper(DFEW, rows)
    assert out["n_scored"] == 3 and out["n_rows"] == 5
    assert out["WAR"] == pytest.approx(200 / 3)
    assert out["UAR"] == pytest.approx(100 * (1 + 0.5) / 2)  # Happy 1/1, Sad 1/2


def test_paper_sentiment_neutral_counts_negative():
    rows = [
        ("0.8", ["positive"]),
        ("1.2", ["neutral"]),
        ("-2.6", ["neutral"]),
        ("0.0", ["positive"]),
        ("-0.4", ["weakly positive"]),
    ]
    out = score_paper(MOSI, rows)
    assert out["n_scored"] == 4 and out["acc"] == 50.0
    # truth P,P,N,N ; pred P,N,N,P -> F1 per class 0.5 each
    assert out["WF1"] == pytest.approx(50.0)


def test_paper_errors_are_clear():
    with pytest.raises(DataError, match="no prediction rows"):
        score_paper(CK, [])
    with pytest.raises(DataError, match="not a number"):
        score_paper(MOSI, [("abc", ["positive"])])
    with pytest.raises(DataError, match="candidates"):
        score_paper(DFEW, [("Happy", ["Pain"])])


def test_ger_result_shape_and_counts():
    gold = {"a": "happy", "b": "sad", "c": "angry", "d": "fearful", "e": "happy"}
    answers = {"a": ("happy", "sad"), "b": ("neutral", "sad"), "c": ("neutral",), "e": ("sad",)}
    out = score_ger(CK, gold, answers, failed={"e"}, n_boot=50)
    assert set(out) == GER_KEYS
    assert out["protocol"] == "ger" and out["protocol_version"] == "1"
    assert out["dataset"] == "GER_CKPlus" and out["primary_metric"] == "acc"
    assert set(out["metrics"]) == {"acc", "WAR", "UAR", "WF1", "macro_F1"}
    # a: right; b: first in-set label is "sad" (neutral is not a CK+ class): right;
    # c: invalid; d: unanswered; e: failed (its answer is ignored)
    assert out["metrics"]["acc"] == 40.0 == out["metrics"]["WAR"]
    assert (out["n_total"], out["n_answered"], out["n_invalid"], out["n_unanswered"], out["n_failed"]) == (
        5,
        3,
        1,
        1,
        1,
    )
    assert out["invalid_rate"] == 20.0 and out["failed_rate"] == 20.0
    assert set(out["ci95"]) == set(out["metrics"])
    for lo, hi in out["ci95"].values():
        assert 0 <= lo <= hi <= 100
    conf = out["confusion"]
    assert conf["labels"] == list(CK.labels)
    assert len(conf["matrix"]) == len(CK.labels) and all(len(r) == len(CK.labels) + 1 for r in conf["matrix"])
    assert sum(map(sum, conf["matrix"])) == 5
    assert conf["matrix"][CK.labels.index("happy")][-1] == 1  # the failed one lands in the "none" column
    assert NONE_COLUMN == "none"
    json.dumps(out)  # JSON-ready: plain floats and ints only


def test_ger_is_deterministic_and_n_boot_zero_skips_ci():
    gold = {str(i): CK.labels[i % 7] for i in range(40)}
    answers = {str(i): (CK.labels[(i * 3) % 7],) for i in range(40)}
    assert score_ger(CK, gold, answers, n_boot=100, seed=3) == score_ger(CK, gold, answers, n_boot=100, seed=3)
    assert score_ger(CK, gold, answers, n_boot=0)["ci95"] == {}


def test_ger_polarity_for_mikels_datasets():
    assert ABSTRACT.scoring is Scoring.EMOTION_WITH_POLARITY
    gold = {"1": "amused", "2": "sad", "3": "content", "4": "fearful"}
    answers = {"1": ("awed",), "2": ("sad",), "3": ("angry",), "4": None}
    out = score_ger(ABSTRACT, gold, answers, n_boot=20)
    assert out["metrics"]["acc"] == 25.0
    assert out["metrics"]["polarity_acc"] == 50.0  # 1 (pos=pos) and 2 right; 4 unanswered is wrong
    assert "polarity_acc" in out["ci95"]


def test_ger_sentiment_is_binary_on_nonzero_gold():
    gold = {"a": 0.8, "b": -2.6, "c": 0.0, "d": 1.2, "e": -0.4}
    answers = {"a": ("weakly positive",), "b": ("neutral",), "c": ("positive",), "d": ("happy",)}
    out = score_ger(MOSI, gold, answers, n_boot=0)
    assert out["primary_metric"] == "WF1"
    assert out["n_total"] == 4  # c has gold 0
    assert (out["n_answered"], out["n_invalid"], out["n_unanswered"]) == (3, 1, 1)
    assert out["metrics"]["acc"] == 50.0
    assert out["confusion"]["labels"] == ["negative", "positive"]
    assert out["confusion"]["matrix"] == [[1, 0, 1], [0, 1, 1]]


def test_ger_rejects_bad_gold():
    with pytest.raises(DataError, match="'grumpy'"):
        score_ger(CK, {"a": "grumpy"}, {}, n_boot=0)
    with pytest.raises(DataError, match="not a number"):
        score_ger(MOSI, {"a": "x"}, {}, n_boot=0)
    with pytest.raises(DataError, match="no sample"):
        score_ger(MOSI, {"a": 0.0}, {}, n_boot=0)


def test_ger_counts_mer2023_surprise_as_right():
    # canonical labels fix the paper's surprise/surprised mismatch
    gold = {"x": "surprised", "y": "happy"}
    answers = {"x": ("surprised",), "y": ("happy",)}
    assert score_ger(MER, gold, answers, n_boot=0)["metrics"]["acc"] == 100.0


@pytest.mark.parametrize("name", ["GER_RAFDB", "GER_DFEW", "GER_Abstract", "GER_CMUMOSI"])
def test_per_sample_outcomes_rescore_to_the_ger_metrics(name):
    """Paired comparisons work on ger_outcomes + metric_functions: they must give score_ger's numbers."""
    from ger_plugin.catalog import DATASETS
    from ger_plugin.core.scoring import ger_outcomes, metric_functions, score_ger

    entry = DATASETS[name]
    labels = list(entry.labels)
    sentiment = entry.scoring.name == "SENTIMENT_INTENSITY"
    gold = {i: ([-2.0, 0.0, 1.5, 0.4][i % 4] if sentiment else labels[(i * 7) % len(labels)]) for i in range(40)}
    answers = {
        i: (None if i % 9 == 0 else ["pain"] if i % 11 == 0 else [labels[(i * 3) % len(labels)]]) for i in range(40)
    }
    scored = score_ger(entry, gold, answers, failed={5}, n_boot=0)["metrics"]
    pairs = ger_outcomes(entry, gold, answers, failed={5})
    truth, pred = [t for t, _ in pairs.values()], [p for _, p in pairs.values()]
    assert pairs.get(5, (None, None))[1] is None
    for metric, fn in metric_functions(entry).items():
        assert fn(truth, pred) == pytest.approx(scored[metric]), metric
