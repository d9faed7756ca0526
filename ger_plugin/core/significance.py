"""Paired significance tests for two models scored on the same items (pure: no I/O, seeded).

- Accuracy-like metrics (``acc``, ``WAR``, ``polarity_acc``: the share of items answered right)
  get the exact McNemar test: under the null both models are equally likely to be the one right
  on an item where exactly one is, so the count of items only model A gets right is
  Binomial(b + c, 1/2) (``scipy.stats.binomtest``, two-sided).
- Metrics that are not a mean over items (``UAR``, ``WF1``, ``macro_F1``) get a paired bootstrap:
  items are resampled with their gold label and both models' answers together (seeded); the
  p-value is the share of resampled differences at least as far from the observed one as the
  observed one is from zero (the bootstrap distribution shifted to the null), with the usual +1
  correction.
- Every difference carries the paired bootstrap's percentile interval (same seed), McNemar's too.
- :func:`holm` adjusts a family of p-values (Holm 1979, step-down, controls the family-wise error).

The bootstrap is vectorised: a resample is a vector of draw counts per item, and the per-class
counts of every resample are one matrix product; the metrics come from those counts through
:mod:`ger_plugin.core.metrics`' count forms, the same definitions the scores use.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ger_plugin.core import metrics

FloatArray = npt.NDArray[np.float64]
CountMetric = Callable[[FloatArray, FloatArray, FloatArray], FloatArray]

#: Metrics that are a mean of per-item correctness, so McNemar's test applies.
MCNEMAR_METRICS = frozenset({"acc", "WAR", "polarity_acc"})
#: Metrics computed from per-class counts, compared with the paired bootstrap.
COUNT_METRICS: dict[str, CountMetric] = {
    "UAR": metrics.uar_from_counts,
    "WF1": metrics.weighted_f1_from_counts,
    "macro_F1": metrics.macro_f1_from_counts,
}
MCNEMAR, BOOTSTRAP = "mcnemar-exact", "paired-bootstrap"
_CHUNK = 250  # resamples per matrix product (bounds memory on large test sets)


@dataclass(frozen=True)
class PairedTest:
    """Model A minus model B on one metric, over ``n`` shared items (percentage points)."""

    metric: str
    diff: float
    ci: tuple[float, float]
    p_value: float
    test: str
    n: int


def mcnemar_exact(correct_a: Sequence[bool], correct_b: Sequence[bool]) -> float:
    """Two-sided exact McNemar p-value from paired per-item correctness."""
    from scipy.stats import binomtest

    if len(correct_a) != len(correct_b):
        raise ValueError(f"model A has {len(correct_a)} items but model B has {len(correct_b)}")
    a, b = np.asarray(correct_a, dtype=bool), np.asarray(correct_b, dtype=bool)
    only_a, only_b = int(np.sum(a & ~b)), int(np.sum(~a & b))
    if only_a + only_b == 0:
        return 1.0
    return float(binomtest(only_a, only_a + only_b, 0.5, alternative="two-sided").pvalue)


def resample_weights(n: int, n_boot: int, seed: int) -> npt.NDArray[np.int64]:
    """``n_boot`` x ``n`` draw counts: row r says how often each item is in bootstrap resample r."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n, size=(n_boot, n)) + n * np.arange(n_boot)[:, None]
    weights: npt.NDArray[np.int64] = np.bincount(draws.ravel(), minlength=n_boot * n).reshape(n_boot, n)
    return weights


def _one_hot(index: npt.NDArray[np.int64], k: int) -> FloatArray:
    out = np.zeros((len(index), k), dtype=float)
    rows = np.flatnonzero(index >= 0)
    out[rows, index[rows]] = 1.0
    return out


def weighted_differences(
    metric: str,
    gold: Sequence[Hashable],
    pred_a: Sequence[Hashable | None],
    pred_b: Sequence[Hashable | None],
    weights: npt.NDArray[Any],
    labels: Sequence[Hashable] | None = None,
) -> FloatArray:
    """``metric(A) - metric(B)`` on each weighted resample (one per row of ``weights``).

    A row of ones gives the plain difference. Accuracy-like metrics need no ``labels``; count
    metrics score ``labels`` (default: the sorted gold labels), answers outside them are wrong.
    """
    g_list, a_list, b_list = list(gold), list(pred_a), list(pred_b)
    w = np.asarray(weights, dtype=float)
    if metric in MCNEMAR_METRICS:
        ca = np.array([x == y for x, y in zip(a_list, g_list)], dtype=float)
        cb = np.array([x == y for x, y in zip(b_list, g_list)], dtype=float)
        diff: FloatArray = 100.0 * (w @ (ca - cb)) / w.sum(axis=-1)
        return diff
    if metric not in COUNT_METRICS:
        raise ValueError(f"no paired test for metric {metric!r}")
    classes = list(dict.fromkeys(labels)) if labels is not None else sorted(set(g_list), key=str)
    index = {lab: i for i, lab in enumerate(classes)}
    k = len(classes)
    gi = np.array([index.get(x, -1) for x in g_list], dtype=np.int64)
    if (gi < 0).any():
        raise ValueError(f"gold labels outside the scored labels {classes}")
    fn = COUNT_METRICS[metric]
    gold_hot = _one_hot(gi, k)
    support = w @ gold_hot
    values = []
    for pred in (a_list, b_list):
        pi = np.array([index.get(x, -1) for x in pred], dtype=np.int64)
        pred_hot = _one_hot(pi, k)
        values.append(fn(w @ (gold_hot * pred_hot), support, w @ pred_hot))
    out: FloatArray = values[0] - values[1]
    return out


def paired_test(
    metric: str,
    gold: Sequence[Hashable],
    pred_a: Sequence[Hashable | None],
    pred_b: Sequence[Hashable | None],
    *,
    labels: Sequence[Hashable] | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 95.0,
) -> PairedTest:
    """Compare two models' answers ``pred_a`` / ``pred_b`` to the same ``gold`` items on ``metric``
    (``acc``/``WAR``/``polarity_acc``: McNemar; ``UAR``/``WF1``/``macro_F1``: paired bootstrap).

    ``None`` answers count as wrong; ``labels`` are the classes the F1 metrics score.
    """
    n = len(gold)
    if not (n == len(pred_a) == len(pred_b)):
        raise ValueError(f"gold, A and B must be paired: {n}, {len(pred_a)}, {len(pred_b)} items")
    if not n:
        raise ValueError("no shared items to compare")
    if n_boot < 1:
        raise ValueError("n_boot must be at least 1")
    observed = float(weighted_differences(metric, gold, pred_a, pred_b, np.ones((1, n)), labels)[0])
    weights = resample_weights(n, n_boot, seed)
    dist = np.concatenate(
        [
            weighted_differences(metric, gold, pred_a, pred_b, weights[i : i + _CHUNK], labels)
            for i in range(0, n_boot, _CHUNK)
        ]
    )
    tail = (100.0 - level) / 2.0
    lo, hi = np.percentile(dist, [tail, 100.0 - tail])
    if metric in MCNEMAR_METRICS:
        p = mcnemar_exact([x == y for x, y in zip(pred_a, gold)], [x == y for x, y in zip(pred_b, gold)])
        test = MCNEMAR
    else:
        extreme = int(np.sum(np.abs(dist - observed) >= abs(observed) - 1e-9))
        p, test = min(1.0, (1 + extreme) / (1 + len(dist))), BOOTSTRAP
    return PairedTest(metric, observed, (float(lo), float(hi)), float(p), test, n)


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-adjusted p-values, in the input order (step-down; monotone; capped at 1)."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * float(p_values[i])))
        adjusted[i] = running
    return adjusted
