"""Metrics against scikit-learn's reference implementations, on random and edge inputs."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import metrics as skm

from ger_plugin.catalog import MIKELS_POLARITY
from ger_plugin.core import metrics

LABELS = ["angry", "happy", "sad", "neutral"]


@st.composite
def gold_pred(draw, with_none: bool = False):
    n = draw(st.integers(1, 60))
    gold = draw(st.lists(st.sampled_from(LABELS), min_size=n, max_size=n))
    pool = LABELS + (["none"] if with_none else [])
    pred = draw(st.lists(st.sampled_from(pool), min_size=n, max_size=n))
    return gold, pred


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=150, deadline=None)
@given(gold_pred(with_none=True))
def test_accuracy_and_uar_match_sklearn(data):
    gold, pred = data
    assert close(metrics.accuracy(gold, pred), 100 * skm.accuracy_score(gold, pred))
    # balanced accuracy = mean recall over the classes present in gold
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = skm.balanced_accuracy_score(gold, pred)
    assert close(metrics.uar(gold, pred), 100 * expected)


@settings(max_examples=150, deadline=None)
@given(gold_pred(with_none=True))
def test_f1_matches_sklearn_default_labels(data):
    gold, pred = data
    for average, fn in (("macro", metrics.macro_f1), ("weighted", metrics.weighted_f1)):
        expected = skm.f1_score(gold, pred, average=average, zero_division=0)
        assert close(fn(gold, pred), 100 * expected), average


@settings(max_examples=150, deadline=None)
@given(gold_pred(with_none=True))
def test_f1_and_confusion_match_sklearn_with_explicit_labels(data):
    gold, pred = data
    # an unscored prediction ("none") is wrong but not a class
    for average, fn in (("macro", metrics.macro_f1), ("weighted", metrics.weighted_f1)):
        expected = skm.f1_score(gold, pred, labels=LABELS, average=average, zero_division=0)
        assert close(fn(gold, pred, labels=LABELS), 100 * expected), average
    cols = LABELS + ["none"]
    np.testing.assert_array_equal(
        metrics.confusion_matrix(gold, pred, cols), skm.confusion_matrix(gold, pred, labels=cols)
    )


def test_none_predictions_count_as_wrong():
    gold = ["happy", "sad", "sad", "angry"]
    pred = ["happy", None, "sad", None]
    assert metrics.accuracy(gold, pred) == 50.0
    assert close(metrics.uar(gold, pred), 100 * (1 + 0.5 + 0) / 3)
    # same as sklearn with None spelled as an unscored label
    spelled = [p or "none" for p in pred]
    assert close(
        metrics.weighted_f1(gold, pred, labels=["angry", "happy", "sad"]),
        100 * skm.f1_score(gold, spelled, labels=["angry", "happy", "sad"], average="weighted", zero_division=0),
    )


def test_edge_cases():
    assert metrics.accuracy(["a"], ["a"]) == 100.0
    assert metrics.accuracy(["a", "b"], ["b", "a"]) == 0.0
    assert metrics.macro_f1(["a", "a"], ["a", "a"]) == 100.0
    # a label never seen in gold nor pred gets F1 0 in the macro mean (as sklearn with labels=)
    assert metrics.macro_f1(["a"], ["a"], labels=["a", "b"]) == 50.0
    assert metrics.weighted_f1(["a"], ["a"], labels=["a", "b"]) == 100.0
    assert isinstance(metrics.accuracy(["a"], ["a"]), float)
    with pytest.raises(ValueError, match="empty"):
        metrics.accuracy([], [])
    with pytest.raises(ValueError, match="2 items"):
        metrics.accuracy(["a", "b"], ["a"])
    # rows with a label outside `labels` are left out of the confusion matrix
    assert metrics.confusion_matrix(["a", "x"], ["a", "a"], ["a"]).tolist() == [[1]]


def test_binary_sentiment_drops_zero_gold_and_matches_sklearn():
    gold = [0.8, -2.6, 0.0, 1.2, -0.4, 0.0, 2.0]
    answers = ["positive", "neutral", "positive", "weakly negative", None, "negative", "weakly positive"]
    truth, pred = metrics.binary_sentiment(gold, answers)
    assert truth == ["positive", "negative", "positive", "negative", "positive"]
    assert pred == ["positive", "negative", "negative", None, "positive"]
    scores = metrics.binary_sentiment_scores(gold, answers)
    spelled = [p or "none" for p in pred]
    assert close(scores["acc"], 100 * skm.accuracy_score(truth, spelled))
    assert close(
        scores["WF1"],
        100 * skm.f1_score(truth, spelled, labels=["negative", "positive"], average="weighted", zero_division=0),
    )


def test_mikels_polarity():
    assert metrics.mikels_polarity("amused") == "positive"
    assert metrics.mikels_polarity("fearful") == "negative"
    assert metrics.mikels_polarity("neutral") is None
    assert metrics.mikels_polarity(None) is None
    assert sorted(set(MIKELS_POLARITY.values())) == ["negative", "positive"]


def test_bootstrap_ci_is_seeded_and_brackets_the_estimate():
    rng = np.random.default_rng(1)
    gold = list(rng.choice(LABELS, 300))
    pred = [g if rng.random() < 0.6 else "sad" for g in gold]
    a = metrics.bootstrap_ci(metrics.accuracy, gold, pred, n=300, seed=7)
    b = metrics.bootstrap_ci(metrics.accuracy, gold, pred, n=300, seed=7)
    c = metrics.bootstrap_ci(metrics.accuracy, gold, pred, n=300, seed=8)
    assert a == b and a != c
    lo, hi = a
    point = metrics.accuracy(gold, pred)
    assert lo < point < hi and 0 <= lo and hi <= 100
    # roughly the normal-approximation width for a proportion
    se = 100 * math.sqrt(point / 100 * (1 - point / 100) / len(gold))
    assert 2.5 * se < hi - lo < 5.5 * se
    assert all(isinstance(v, float) for v in a)


def test_bootstrap_ci_of_a_perfect_score_is_degenerate():
    assert metrics.bootstrap_ci(metrics.accuracy, ["a", "b"] * 5, ["a", "b"] * 5, n=50) == (100.0, 100.0)
