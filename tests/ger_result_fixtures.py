"""Work dirs full of GER result files, shaped like the host adapter's output, for leaderboard tests.

Numbers are never typed in: each run draws a small deterministic gold/answer set per dataset
(seeded) and scores it with ``ger_plugin.core.scoring.score_ger``, the scorer the host adapter uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

from ger_plugin import catalog
from ger_plugin.catalog import DatasetEntry, Scoring
from ger_plugin.core.prompts import PROMPT_VERSION

BASE_TIME = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)


def _binary_gold(entry: DatasetEntry) -> bool:
    return entry.scoring is Scoring.SENTIMENT_INTENSITY


def draw_run(
    entry: DatasetEntry,
    skill: float,
    seed: int,
    n: int = 60,
    invalid: float = 0.0,
    failed: float = 0.0,
    unanswered: float = 0.0,
) -> tuple[list, list, list[int]]:
    """(gold, answers, failed indices): the answer is gold with probability ``skill``, else a random
    label; ``invalid`` of the answers are a label outside the set, ``unanswered`` are empty (None);
    ``failed`` of the calls failed."""
    rng = np.random.default_rng(seed)
    labels = list(entry.labels)
    if _binary_gold(entry):
        gold = [float(v) for v in rng.choice([-2.0, -1.0, -0.4, 0.6, 1.2, 2.4], size=n)]
        true_label = ["positive" if g > 0 else "negative" for g in gold]
    else:
        weights = np.array([entry.class_counts.get(lab, 1) for lab in labels], float)
        gold = list(rng.choice(labels, size=n, p=weights / weights.sum()))
        true_label = gold
    answers: list = []
    for t in true_label:
        answers.append(t if rng.random() < skill else str(rng.choice(labels)))
    for i in np.flatnonzero(rng.random(n) < invalid):
        answers[i] = "pain"  # a real out-of-set answer seen in the paper's predictions
    for i in np.flatnonzero(rng.random(n) < unanswered):
        answers[i] = None
    failed_idx = [int(i) for i in np.flatnonzero(rng.random(n) < failed)]
    for i in failed_idx:
        answers[i] = None
    return [str(g) if not isinstance(g, float) else g for g in gold], answers, failed_idx


def score(
    entry: DatasetEntry, gold: Sequence, answers: Sequence, failed: Iterable[int] = (), n_boot: int = 200
) -> dict:
    """The ``ger`` block of a result file: ``ger_plugin.core.scoring.score_ger`` on the drawn run
    (sample ids are the list positions; an answer is a one-label ranking, or None)."""
    from ger_plugin.core.scoring import score_ger

    return score_ger(
        entry,
        dict(enumerate(gold)),
        {i: (None if a is None else [a]) for i, a in enumerate(answers)},
        failed=set(failed),
        n_boot=n_boot,
    )


def write_result(
    work_dir: Path,
    model: str,
    ran_as: str,
    ger: dict,
    created: datetime,
    run: str | None = None,
    usage: dict | None = None,
    prompt_version: str = PROMPT_VERSION,
) -> Path:
    """One ``{model}_{dataset}_ger_metrics.json`` through the host adapter's own writer."""
    from ger_plugin.core import result_files

    variant = catalog.parse_host_name(ran_as)
    folder = Path(work_dir) / model / (run or "")
    folder.mkdir(parents=True, exist_ok=True)
    path = result_files.result_paths(folder / f"{model}_{ran_as}.xlsx")[1]
    record = result_files.metrics_record(
        model=model,
        dataset=ran_as,
        base_dataset=variant.entry.name,
        ger=ger,
        prompt_version=prompt_version,
        created=created,
        frames=variant.frames,
        batch=variant.batch,
        prediction_file=f"{model}_{ran_as}.xlsx",
        paper_protocol={},
        usage=usage,
    )
    result_files.write_metrics(path, record)
    return path


def run_model(
    work_dir: Path,
    model: str,
    datasets: Iterable[str],
    skill: float,
    seed: int,
    created: datetime = BASE_TIME,
    run: str | None = None,
    invalid: float = 0.0,
    failed: float = 0.0,
    n: int = 60,
    prompt_version: str = PROMPT_VERSION,
) -> list[Path]:
    """Write one result per dataset (host names allowed, e.g. ``GER_DFEW_8frame``)."""
    paths = []
    for i, name in enumerate(datasets):
        entry = catalog.parse_host_name(name).entry
        gold, answers, failed_idx = draw_run(entry, skill, seed * 1000 + i, n, invalid, failed)
        paths.append(
            write_result(
                work_dir,
                model,
                name,
                score(entry, gold, answers, failed_idx),
                created,
                run,
                prompt_version=prompt_version,
            )
        )
    return paths


def two_model_work_dir(work_dir: Path) -> Path:
    """The standard fixture: a strong model on every paper dataset (two runs: the newer one wins),
    a weaker model on a few datasets with many invalid answers on one, plus an 8-frame variant."""
    every = catalog.TASK_GROUPS["GER_ALL"]
    run_model(work_dir, "ModelA", every, skill=0.3, seed=1, created=BASE_TIME, run="T20260101_old")
    run_model(work_dir, "ModelA", every, skill=0.8, seed=2, created=BASE_TIME + timedelta(days=1), run="T20260102_new")
    run_model(
        work_dir, "ModelB", ["GER_RAFDB", "GER_CKPlus", "GER_TwitterII", "GER_DFEW", "GER_CMUMOSI"], skill=0.5, seed=3
    )
    run_model(work_dir, "ModelB", ["GER_SAMM"], skill=0.5, seed=4, invalid=0.3, failed=0.1)
    run_model(work_dir, "ModelB", ["GER_DFEW_8frame"], skill=0.6, seed=5)
    return work_dir
