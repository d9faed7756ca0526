"""Robustness and prompt sensitivity: each variant run beside its clean run.

A variant run (``GER_RAFDB_Blur3``, ``GER_RAFDB_P2``; result files carry ``corruption`` and
``prompt_variant``) is paired with the same model's clean run of the same dataset in the same
setting (frames, batch). Two numbers per pair:

- **drop**: clean score minus variant score, in points of the dataset's primary metric (GER
  standard protocol); positive = the variant hurt.
- **flip rate**: percent of the samples both runs scored whose parsed answer differs (read from the
  two ``*_ger_samples.csv`` files, :func:`ger_plugin.report.results.load_samples`; "no answer" is an
  answer like any other, so turning a label into silence is a flip).

Repeated runs (``ger run --repeats``) pair repeat k of a variant with repeat k of the clean run.

No scoring here: both numbers come from what the evaluation step wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ger_plugin.errors import DataError
from ger_plugin.report.results import Result, load_samples


@dataclass(frozen=True)
class RobustnessRow:
    model: str  # the model (with its setting, e.g. "GPT4o [8 frames]")
    dataset: str  # catalog name
    variant: str  # "Blur3", "P2", "Blur3_P2"
    kind: str  # "corruption", "prompt" or "corruption+prompt"
    metric: str  # the dataset's primary metric
    clean: float | None
    score: float | None
    drop: float | None  # clean - score, points
    flip_rate: float | None  # percent of compared samples whose parsed answer changed
    n_compared: int  # samples present in both runs' sample files
    source: str  # the variant's result file


def _answers(result: Result) -> dict[str, str] | None:
    """Sample id -> the answer the run gave (its first ranked label; "" = none, invalid or failed)."""
    try:
        samples = load_samples(result)
    except DataError:
        return None  # no per-sample file: the drop is still shown, the flip rate is not
    return {sid: ("" if sid in samples.failed or not ranked else ranked[0]) for sid, ranked in samples.answers.items()}


def flip_rate(clean: dict[str, str], variant: dict[str, str]) -> tuple[float | None, int]:
    """(percent of shared samples answered differently, number of shared samples)."""
    shared = sorted(set(clean) & set(variant))
    if not shared:
        return None, 0
    flips = sum(clean[sid] != variant[sid] for sid in shared)
    return 100.0 * flips / len(shared), len(shared)


def _kind(result: Result) -> str:
    return "+".join(k for k, on in (("corruption", result.corruption), ("prompt", result.prompt_variant)) if on)


def build(chosen: Sequence[Result], rel: Callable[[Path], str] = str) -> list[RobustnessRow]:
    """One row per variant result that has a clean counterpart (same model, dataset and setting)."""
    clean = {(r.model, r.base_dataset, r.setting, r.repeat): r for r in chosen if not r.robustness}
    rows = []
    for r in sorted((r for r in chosen if r.robustness), key=lambda r: (r.model, r.base_dataset, r.robustness)):
        base = clean.get((r.model, r.base_dataset, r.setting, r.repeat))
        metric = r.entry.primary_metric
        model = f"{r.model} [{r.setting}]" if r.setting else r.model
        if base is None:
            rows.append(
                RobustnessRow(
                    model,
                    r.base_dataset,
                    r.robustness,
                    _kind(r),
                    metric,
                    None,
                    r.metrics.get(metric),
                    None,
                    None,
                    0,
                    rel(r.path),
                )
            )
            continue
        before, after = base.metrics.get(metric), r.metrics.get(metric)
        drop = before - after if before is not None and after is not None else None
        a, b = _answers(base), _answers(r)
        flips, n = flip_rate(a, b) if a is not None and b is not None else (None, 0)
        rows.append(
            RobustnessRow(
                model, r.base_dataset, r.robustness, _kind(r), metric, before, after, drop, flips, n, rel(r.path)
            )
        )
    return rows
