"""Classification metrics as pure functions on sequences (numpy only, no I/O).

Every score is returned as a plain Python ``float`` in percent (0-100), so results can go
straight into JSON. Labels may be any hashable values; a prediction that is not one of the
scored labels (``None``, an out-of-set answer) simply never counts as correct.

The definitions follow scikit-learn's (``zero_division=0``), which the tests check against:

- ``accuracy`` = WAR (weighted average recall);
- ``uar`` = mean recall over the classes present in the gold labels (balanced accuracy);
- ``macro_f1`` / ``weighted_f1`` = per-class F1 averaged plainly / by gold support.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ger_plugin.catalog import MIKELS_POLARITY
from ger_plugin.core.sentiment import intensity_polarity, score_polarity

Labels = Sequence[Hashable]
#: one column of gold or predicted labels (any hashable; None = no answer)
Column = Sequence[Any]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def _pair(gold: Column, pred: Column) -> tuple[list[Any], list[Any]]:
    gold, pred = list(gold), list(pred)
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} items but pred has {len(pred)}")
    if not gold:
        raise ValueError("cannot score an empty sample")
    return gold, pred


def _label_list(gold: list[Any], pred: list[Any], labels: Labels | None) -> list[Any]:
    if labels is not None:
        return list(dict.fromkeys(labels))
    # scikit-learn's default: the sorted union of the values seen (None is never a class).
    return sorted({x for x in gold + pred if x is not None}, key=lambda x: (str(type(x)), x))


def _counts(gold: list[Any], pred: list[Any], labels: list[Any]) -> tuple[IntArray, IntArray, IntArray]:
    """Per label: true positives, gold support, predicted count."""
    index = {lab: i for i, lab in enumerate(labels)}
    g = np.fromiter((index.get(x, -1) for x in gold), dtype=np.int64, count=len(gold))
    p = np.fromiter((index.get(x, -1) for x in pred), dtype=np.int64, count=len(pred))
    k = len(labels)
    hit = (g == p) & (g >= 0)
    tp = np.bincount(g[hit], minlength=k)
    support = np.bincount(g[g >= 0], minlength=k)
    predicted = np.bincount(p[p >= 0], minlength=k)
    return tp, support, predicted


def accuracy(gold: Column, pred: Column) -> float:
    """Share of exact matches, in percent (= WAR)."""
    gold, pred = _pair(gold, pred)
    return 100.0 * sum(bool(g == p) for g, p in zip(gold, pred)) / len(gold)


def uar(gold: Column, pred: Column) -> float:
    """Unweighted average recall over the classes present in ``gold``, in percent."""
    gold, pred = _pair(gold, pred)
    classes = list(dict.fromkeys(gold))
    return float(uar_from_counts(*_counts(gold, pred, classes)))


def macro_f1(gold: Column, pred: Column, labels: Labels | None = None) -> float:
    """Unweighted mean of per-class F1 over ``labels`` (default: every value seen), in percent."""
    gold, pred = _pair(gold, pred)
    labels = _label_list(gold, pred, labels)
    if not labels:
        return 0.0
    return float(macro_f1_from_counts(*_counts(gold, pred, labels)))


def weighted_f1(gold: Column, pred: Column, labels: Labels | None = None) -> float:
    """Per-class F1 averaged with gold support as weights, in percent."""
    gold, pred = _pair(gold, pred)
    labels = _label_list(gold, pred, labels)
    return float(weighted_f1_from_counts(*_counts(gold, pred, labels)))


# The class-count forms of the metrics above: per-class true positives, gold support and predicted
# counts on the last axis, any leading axes a batch (e.g. one row per bootstrap resample, where the
# counts are weighted by how often each item was drawn). The sequence metrics call these, so both
# forms are one definition.


def _f1_from_counts(tp: npt.NDArray[Any], support: npt.NDArray[Any], predicted: npt.NDArray[Any]) -> FloatArray:
    denom = np.asarray(support + predicted, dtype=float)
    f1: FloatArray = np.divide(2.0 * tp, denom, out=np.zeros(denom.shape, dtype=float), where=denom > 0)
    return f1


def uar_from_counts(tp: npt.NDArray[Any], support: npt.NDArray[Any], predicted: npt.NDArray[Any]) -> FloatArray:
    """Mean recall over the classes with gold support, in percent (``predicted`` is unused)."""
    present = support > 0
    recall = np.divide(tp, support, out=np.zeros(np.shape(tp), dtype=float), where=present)
    out: FloatArray = 100.0 * recall.sum(axis=-1) / np.maximum(present.sum(axis=-1), 1)
    return out


def macro_f1_from_counts(tp: npt.NDArray[Any], support: npt.NDArray[Any], predicted: npt.NDArray[Any]) -> FloatArray:
    """Unweighted mean of per-class F1 over every class given, in percent."""
    out: FloatArray = 100.0 * _f1_from_counts(tp, support, predicted).mean(axis=-1)
    return out


def weighted_f1_from_counts(tp: npt.NDArray[Any], support: npt.NDArray[Any], predicted: npt.NDArray[Any]) -> FloatArray:
    """Per-class F1 weighted by gold support, in percent (0 when there is no support)."""
    total = np.asarray(support, dtype=float).sum(axis=-1)
    weighted = (_f1_from_counts(tp, support, predicted) * support).sum(axis=-1)
    out: FloatArray = np.divide(100.0 * weighted, total, out=np.zeros(np.shape(total), dtype=float), where=total > 0)
    return out


def confusion_matrix(gold: Column, pred: Column, labels: Labels) -> np.ndarray:
    """Counts with rows = gold, columns = predicted, in ``labels`` order.

    Pairs whose gold or prediction is not in ``labels`` are left out (as in scikit-learn);
    add a catch-all label such as ``"none"`` to keep them.
    """
    gold, pred = _pair(gold, pred)
    labels = list(labels)
    index = {lab: i for i, lab in enumerate(labels)}
    k = len(labels)
    g = np.fromiter((index.get(x, -1) for x in gold), dtype=np.int64, count=len(gold))
    p = np.fromiter((index.get(x, -1) for x in pred), dtype=np.int64, count=len(pred))
    keep = (g >= 0) & (p >= 0)
    return np.bincount(g[keep] * k + p[keep], minlength=k * k).reshape(k, k)


# --------------------------------------------------------------------------------------
# Polarity
# --------------------------------------------------------------------------------------


def mikels_polarity(label: object) -> str | None:
    """Polarity of one of Mikels' eight emotions (canonical name), else ``None``."""
    return MIKELS_POLARITY.get(label) if isinstance(label, str) else None


def binary_sentiment(gold_scores: Sequence[float], answers: Sequence[object]) -> tuple[list[str], list[str | None]]:
    """MMSA's non-zero binary task: drop gold == 0; truth positive iff gold > 0.

    ``answers`` are labels of the 5-point scale (or ``None``); returns (truth, predicted polarity).
    """
    truth: list[str] = []
    pred: list[str | None] = []
    for score, answer in zip(gold_scores, answers, strict=True):
        score = float(score)
        if score == 0:
            continue
        truth.append(score_polarity(score))
        pred.append(intensity_polarity(answer))
    return truth, pred


def binary_sentiment_scores(gold_scores: Sequence[float], answers: Sequence[object]) -> dict[str, float]:
    """Binary accuracy and weighted F1 on non-zero gold, in percent."""
    truth, pred = binary_sentiment(gold_scores, answers)
    return {"acc": accuracy(truth, pred), "WF1": weighted_f1(truth, pred, labels=("negative", "positive"))}


# --------------------------------------------------------------------------------------
# Confidence intervals
# --------------------------------------------------------------------------------------


def bootstrap_ci(
    metric_fn: Callable[[list[Any], list[Any]], float],
    gold: Column,
    pred: Column,
    n: int = 1000,
    seed: int = 0,
    level: float = 95.0,
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``metric_fn(gold, pred)`` over resampled samples.

    Deterministic for a given ``seed``: the same inputs always give the same interval.
    """
    gold, pred = _pair(gold, pred)
    if n < 1:
        raise ValueError("n must be at least 1")
    rng = np.random.default_rng(seed)
    size = len(gold)
    g, p = np.empty(size, dtype=object), np.empty(size, dtype=object)
    g[:], p[:] = gold, pred  # object arrays: fancy indexing without turning labels into numpy strings
    values = np.empty(n, dtype=float)
    for i in range(n):
        idx = rng.integers(0, size, size)
        values[i] = metric_fn(list(g[idx]), list(p[idx]))
    tail = (100.0 - level) / 2.0
    lo, hi = np.percentile(values, [tail, 100.0 - tail])
    return float(lo), float(hi)
