"""Repeated runs and paired significance for the leaderboard model (no rendering here).

Repeated runs (``ger run --repeats N``): a cell of a model run N times shows the mean over the
runs, their sample standard deviation ``sd``, ``runs`` = N and ``agreement`` = the percent of
items whose scored answer is the same in every run.

Paired tests: for every pair of model rows that ran the same dataset, each metric shown in the
dataset's columns is compared on the items both have (:mod:`ger_plugin.core.significance`: exact
McNemar for acc/WAR, seeded paired bootstrap for UAR/WF1). A model run several times enters
with its per-item consensus answer (the answer most of its runs gave, ties to the earliest run),
so ``diff`` is the difference of the consensus scores, which can differ slightly from the
difference of the mean cells. The p-values of one model pair, over every dataset and metric
compared, are Holm-corrected; a difference *holds* when its Holm-corrected p-value is below
``alpha``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from statistics import mean, stdev
from typing import Any

from ger_plugin.core import scoring
from ger_plugin.core.metrics import mikels_polarity
from ger_plugin.core.significance import holm, paired_test
from ger_plugin.errors import DataError
from ger_plugin.report.results import Result, load_samples

#: Family-wise error rate below which a difference is marked as holding.
DEFAULT_ALPHA = 0.05
DEFAULT_N_BOOT = 1000

Outcomes = dict[str, tuple[str, "str | None"]]  # sample id -> (truth, scored prediction)


@dataclass(frozen=True)
class Pair:
    """Row ``model_a`` minus row ``model_b`` on one dataset and metric (percentage points)."""

    dataset: str
    metric: str
    model_a: str
    model_b: str
    diff: float
    ci: tuple[float, float]  # paired bootstrap 95% interval of diff
    p_value: float  # the test's own p-value
    test: str  # mcnemar-exact | paired-bootstrap
    p_holm: float  # Holm-corrected over every comparison of this model pair
    n: int  # items compared
    holds: bool  # p_holm < alpha


class OutcomeCache:
    """Per-sample outcomes of result files, read once; files without samples are remembered."""

    def __init__(self) -> None:
        self._done: dict[str, Outcomes | None] = {}
        self.problems: list[tuple[str, str]] = []  # (file, why)

    def get(self, result: Result) -> Outcomes | None:
        key = str(result.path)
        if key not in self._done:
            try:
                samples = load_samples(result)
                gold: dict[Hashable, object] = {k: v for k, v in samples.gold.items()}
                answers: dict[Hashable, Sequence[str] | None] = {k: v for k, v in samples.answers.items()}
                outcome = scoring.ger_outcomes(result.entry, gold, answers, failed=samples.failed)
                self._done[key] = {str(k): v for k, v in outcome.items()}
            except DataError as exc:
                self._done[key] = None
                self.problems.append((str(result.samples_path), f"left out of paired tests and agreement: {exc}"))
        return self._done[key]


def repeat_stats(results: Sequence[Result], metric: str) -> tuple[float | None, float | None, int]:
    """(mean, sample sd, runs) of ``metric`` over the runs that have it; sd is None for one run."""
    values = [r.metrics[metric] for r in results if metric in r.metrics]
    if not values:
        return None, None, 0
    return mean(values), (stdev(values) if len(values) > 1 else None), len(values)


def _common(runs: Sequence[Outcomes]) -> list[str]:
    ids = set(runs[0])
    for run in runs[1:]:
        ids &= set(run)
    return [sid for sid in runs[0] if sid in ids]


def agreement(runs: Sequence[Outcomes]) -> float | None:
    """Percent of the items all runs share on which every run gave the same scored answer."""
    if len(runs) < 2:
        return None
    ids = _common(runs)
    if not ids:
        return None
    same = sum(len({run[sid][1] for run in runs}) == 1 for sid in ids)
    return 100.0 * same / len(ids)


def consensus(runs: Sequence[Outcomes]) -> Outcomes:
    """Per item shared by all runs: the answer most runs gave (ties go to the earliest run)."""
    out: Outcomes = {}
    for sid in _common(runs):
        answers = [run[sid][1] for run in runs]
        counts = Counter(answers)
        top = max(counts.values())
        out[sid] = (runs[0][sid][0], next(a for a in answers if counts[a] == top))
    return out


def paired_comparisons(
    rows: Mapping[str, Mapping[str, Sequence[Result]]],
    metrics: Mapping[str, Sequence[str]],
    cache: OutcomeCache,
    *,
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = 0,
    alpha: float = DEFAULT_ALPHA,
) -> list[Pair]:
    """Every pair of rows (in ``rows``' order) on every dataset both ran, for ``metrics[dataset]``.

    ``rows``: row name -> dataset -> that row's runs of the dataset.
    """
    raw: list[dict[str, Any]] = []
    for name_a, name_b in combinations(list(rows), 2):
        for dataset, wanted in metrics.items():
            runs_a, runs_b = rows[name_a].get(dataset), rows[name_b].get(dataset)
            if not runs_a or not runs_b:
                continue
            outs_a = [o for o in (cache.get(r) for r in runs_a) if o is not None]
            outs_b = [o for o in (cache.get(r) for r in runs_b) if o is not None]
            if not outs_a or not outs_b:
                continue
            a, b = consensus(outs_a), consensus(outs_b)
            ids = [sid for sid in a if sid in b and a[sid][0] == b[sid][0]]
            if not ids:
                continue
            entry = runs_a[0].entry
            available = scoring.metric_functions(entry)
            truth = [a[sid][0] for sid in ids]
            pred_a, pred_b = [a[sid][1] for sid in ids], [b[sid][1] for sid in ids]
            for metric in wanted:
                if metric not in available:
                    continue
                if metric == "polarity_acc":  # emotions scored by their polarity
                    polar = [[mikels_polarity(x) for x in column] for column in (truth, pred_a, pred_b)]
                    test = paired_test(metric, *polar, n_boot=n_boot, seed=seed)
                else:
                    test = paired_test(
                        metric, truth, pred_a, pred_b, labels=scoring.scored_labels(entry), n_boot=n_boot, seed=seed
                    )
                raw.append(
                    {
                        "dataset": dataset,
                        "metric": metric,
                        "model_a": name_a,
                        "model_b": name_b,
                        "diff": test.diff,
                        "ci": test.ci,
                        "p_value": test.p_value,
                        "test": test.test,
                        "n": test.n,
                    }
                )
    pairs = []
    for name_a, name_b in combinations(list(rows), 2):
        family = [t for t in raw if (t["model_a"], t["model_b"]) == (name_a, name_b)]
        for t, p in zip(family, holm([t["p_value"] for t in family])):
            pairs.append(Pair(**t, p_holm=p, holds=p < alpha))
    return pairs
