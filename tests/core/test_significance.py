"""Paired significance tests against library references (statsmodels) and their defining properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ger_plugin.core import metrics
from ger_plugin.core.significance import (
    BOOTSTRAP,
    MCNEMAR,
    holm,
    mcnemar_exact,
    paired_test,
    resample_weights,
    weighted_differences,
)

contingency = pytest.importorskip("statsmodels.stats.contingency_tables")
multitest = pytest.importorskip("statsmodels.stats.multitest")

LABELS = ["angry", "happy", "sad", "neutral"]


def _run(seed: int, n: int, skill_a: float, skill_b: float) -> tuple[list, list, list]:
    rng = np.random.default_rng(seed)
    gold = list(rng.choice(LABELS, size=n))
    a = [g if rng.random() < skill_a else str(rng.choice(LABELS)) for g in gold]
    b = [g if rng.random() < skill_b else (None if rng.random() < 0.2 else str(rng.choice(LABELS))) for g in gold]
    return gold, a, b


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=80))
def test_mcnemar_equals_statsmodels_exact(pairs):
    a = np.array([x for x, _ in pairs])
    b = np.array([y for _, y in pairs])
    table = [[np.sum(a & b), np.sum(a & ~b)], [np.sum(~a & b), np.sum(~a & ~b)]]
    expected = contingency.mcnemar(table, exact=True).pvalue
    assert mcnemar_exact(a, b) == pytest.approx(min(1.0, expected), abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=30))
def test_holm_equals_statsmodels(p_values):
    assert holm(p_values) == pytest.approx(list(multitest.multipletests(p_values, method="holm")[1]), abs=1e-12)


def test_accuracy_uses_mcnemar_and_reports_the_difference_of_the_two_scores():
    gold, a, b = _run(1, 120, 0.8, 0.4)
    t = paired_test("acc", gold, a, b, n_boot=300)
    assert t.test == MCNEMAR and t.n == 120
    assert t.diff == pytest.approx(metrics.accuracy(gold, a) - metrics.accuracy(gold, b))
    assert t.ci[0] <= t.diff <= t.ci[1]
    assert t.p_value < 0.001  # 0.8 vs 0.4 on 120 items: a real difference


def test_uar_uses_a_seeded_paired_bootstrap():
    gold, a, b = _run(2, 150, 0.7, 0.35)
    first = paired_test("UAR", gold, a, b, n_boot=300, seed=7)
    again = paired_test("UAR", gold, a, b, n_boot=300, seed=7)
    assert first == again and first.test == BOOTSTRAP
    assert first.diff == pytest.approx(metrics.uar(gold, a) - metrics.uar(gold, b))
    assert first.ci[0] <= first.diff <= first.ci[1]
    assert first.p_value < 0.01


def test_the_bootstrap_pairs_items_so_a_constant_gap_is_certain():
    # B is A with every 4th right answer spoiled: the gap never reverses on any resample of items,
    # which an unpaired bootstrap (resampling A's and B's items separately) would not see
    gold, a, _ = _run(3, 200, 0.9, 0.0)
    b = [None if (x == g and i % 4 == 0) else x for i, (g, x) in enumerate(zip(gold, a))]
    t = paired_test("WF1", gold, a, b, labels=LABELS, n_boot=300)
    assert t.ci[0] > 0 and t.p_value < 0.01


def test_equal_models_differ_by_nothing():
    gold, a, _ = _run(4, 50, 0.6, 0.0)
    for metric in ("acc", "UAR"):
        t = paired_test(metric, gold, a, list(a), n_boot=100)
        assert (t.diff, t.ci, t.p_value) == (0.0, (0.0, 0.0), 1.0)


def test_similar_models_are_not_called_different():
    gold, a, b = _run(5, 60, 0.5, 0.5)
    assert paired_test("UAR", gold, a, b, n_boot=300).p_value > 0.05
    assert paired_test("acc", gold, a, b, n_boot=300).p_value > 0.05


def test_unpaired_input_is_refused():
    with pytest.raises(ValueError, match="paired"):
        paired_test("acc", ["happy"], ["happy", "sad"], ["sad"])


@pytest.mark.parametrize("metric", ["acc", "UAR", "WF1", "macro_F1"])
def test_every_resample_scores_as_the_metric_on_the_resampled_items(metric):
    """The vectorised bootstrap equals scoring each resample's item list with core.metrics."""
    fn = {
        "acc": metrics.accuracy,
        "UAR": metrics.uar,
        "WF1": lambda g, p: metrics.weighted_f1(g, p, labels=LABELS),
        "macro_F1": lambda g, p: metrics.macro_f1(g, p, labels=LABELS),
    }[metric]
    gold, a, b = _run(6, 40, 0.6, 0.4)
    weights = resample_weights(40, 25, seed=3)
    diffs = weighted_differences(metric, gold, a, b, weights, labels=LABELS)
    for row, diff in zip(weights, diffs):
        idx = np.repeat(np.arange(40), row)
        g, pa, pb = ([x[i] for i in idx] for x in (gold, a, b))
        assert diff == pytest.approx(fn(g, pa) - fn(g, pb), abs=1e-9)
