"""Paired significance tests for two models scored on the same items (pure: no I/O, seeded).

- Accuracy-like metrics (``acc``, ``WAR``, ``polarity_acc``: the share of items answered right)
  get the exact McNemar test: under the null both models are equally likely to be the one right
  on an item where exactly one is, so the count of items only model A gets right is
  Binomial(b + c, 1/2) (``scipy.stats.binomtest``, two-sided).
- Metrics that are not a mean over items (``UAR``, ``WF1``, ``macro_F1``) get a paired bootstrap:
  items are resampled with their gold label and both models' answers together
  (``scipy.stats.bootstrap``, ``paired=True``, seeded); the p-value is the share of resampled
  differences at least as far from the observed one as the observed one is from zero (the
  bootstrap distribution shifted to the null), with the usual +1 correction.
- Every difference carries a paired-bootstrap percentile interval (same seed), McNemar's too.
- :func:`holm` adjusts a family of p-values (Holm 1979, step-down, controls the family-wise error).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np

MetricFn = Callable[[list, list], float]

#: Metrics that are a mean of per-item correctness, so McNemar's test applies.
MCNEMAR_METRICS = frozenset({"acc", "WAR", "polarity_acc"})
MCNEMAR, BOOTSTRAP = "mcnemar-exact", "paired-bootstrap"


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


def _bootstrap(
    metric_fn: MetricFn, gold: list, pred_a: list, pred_b: list, n_boot: int, seed: int, level: float
) -> tuple[float, tuple[float, float], np.ndarray]:
    from scipy.stats import bootstrap

    g, a, b = (np.empty(len(gold), dtype=object) for _ in range(3))
    g[:], a[:], b[:] = gold, pred_a, pred_b  # object arrays keep labels (and None) as they are

    def diff(idx: np.ndarray) -> float:
        idx = np.asarray(idx, dtype=np.int64)
        return metric_fn(list(g[idx]), list(a[idx])) - metric_fn(list(g[idx]), list(b[idx]))

    observed = diff(np.arange(len(gold)))
    if len(gold) < 2:
        return observed, (observed, observed), np.full(n_boot, observed)
    res = bootstrap(
        (np.arange(len(gold)),),
        diff,
        vectorized=False,
        paired=True,
        n_resamples=n_boot,
        confidence_level=level / 100.0,
        method="percentile",
        rng=np.random.default_rng(seed),
    )
    lo, hi = res.confidence_interval
    return observed, (float(lo), float(hi)), np.asarray(res.bootstrap_distribution, dtype=float)


def paired_test(
    metric: str,
    metric_fn: MetricFn,
    gold: Sequence[Hashable],
    pred_a: Sequence[Hashable | None],
    pred_b: Sequence[Hashable | None],
    *,
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 95.0,
) -> PairedTest:
    """Compare two models' answers ``pred_a`` / ``pred_b`` to the same ``gold`` items on ``metric``.

    ``metric_fn(gold, pred)`` scores one model (percent); ``None`` answers count as wrong.
    """
    gold, pred_a, pred_b = list(gold), list(pred_a), list(pred_b)
    if not (len(gold) == len(pred_a) == len(pred_b)):
        raise ValueError(f"gold, A and B must be paired: {len(gold)}, {len(pred_a)}, {len(pred_b)} items")
    if not gold:
        raise ValueError("no shared items to compare")
    if n_boot < 1:
        raise ValueError("n_boot must be at least 1")
    observed, ci, dist = _bootstrap(metric_fn, gold, pred_a, pred_b, n_boot, seed, level)
    if metric in MCNEMAR_METRICS:
        p = mcnemar_exact([x == y for x, y in zip(pred_a, gold)], [x == y for x, y in zip(pred_b, gold)])
        test = MCNEMAR
    else:
        extreme = int(np.sum(np.abs(dist - observed) >= abs(observed) - 1e-12))
        p, test = min(1.0, (1 + extreme) / (1 + len(dist))), BOOTSTRAP
    return PairedTest(metric, float(observed), ci, float(p), test, len(gold))


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
