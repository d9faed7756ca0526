"""Work dirs full of GER result files, shaped like the host adapter's output, for leaderboard tests.

Numbers are never typed in: each run draws a small deterministic gold/answer set per dataset
(seeded) and scores it. Until ``ger_plugin.scoring.score_ger`` is available the local
:func:`score_local` computes the same fields with numpy (acc/WAR, UAR, weighted and macro F1,
polarity accuracy, bootstrap CIs, rates, confusion matrix with a trailing ``none`` column).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from ger_plugin import catalog
from ger_plugin.catalog import DatasetEntry, Scoring

BASE_TIME = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)


def _binary_gold(entry: DatasetEntry) -> bool:
    return entry.scoring is Scoring.SENTIMENT_INTENSITY


def draw_run(entry: DatasetEntry, skill: float, seed: int, n: int = 60, invalid: float = 0.0,
             failed: float = 0.0) -> tuple[list, list, list[int]]:
    """(gold, answers, failed indices): the answer is gold with probability ``skill``, else a random
    label; ``invalid`` of the answers are None (unparseable); ``failed`` of the calls failed."""
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
        answers[i] = None
    failed_idx = [int(i) for i in np.flatnonzero(rng.random(n) < failed)]
    for i in failed_idx:
        answers[i] = None
    return [str(g) if not isinstance(g, float) else g for g in gold], answers, failed_idx


def _metrics(gold: np.ndarray, pred: np.ndarray, classes: Sequence[str]) -> dict[str, float]:
    acc = float(np.mean(gold == pred))
    recalls, f1s, support = [], [], []
    for c in classes:
        tp = np.sum((gold == c) & (pred == c))
        g, p = np.sum(gold == c), np.sum(pred == c)
        support.append(g)
        if g:
            recalls.append(tp / g)
        f1s.append(2 * tp / (g + p) if g + p else 0.0)
    present = [i for i, s in enumerate(support) if s]
    wf1 = sum(support[i] * f1s[i] for i in present) / max(sum(support), 1)
    return {"acc": 100 * acc, "WAR": 100 * acc, "UAR": 100 * float(np.mean(recalls)),
            "WF1": 100 * float(wf1), "macro_F1": 100 * float(np.mean([f1s[i] for i in present]))}


def score_local(entry: DatasetEntry, gold: Sequence, answers: Sequence, failed: Iterable[int] = (),
                n_boot: int = 200, seed: int = 0) -> dict:
    """The ``ger`` block of a result file, computed from gold and parsed answers."""
    failed = set(failed)
    if _binary_gold(entry):
        keep = [i for i, g in enumerate(gold) if float(g) != 0]
        classes = ["negative", "positive"]
        g_arr = np.array(["positive" if float(gold[i]) > 0 else "negative" for i in keep], object)
        p_arr = np.array([{"weakly positive": "positive", "weakly negative": "negative"}.get(a, a)
                          if a is not None else "none" for a in (answers[i] for i in keep)], object)
    else:
        classes = list(entry.labels)
        g_arr = np.array(list(gold), object)
        p_arr = np.array([a if a is not None else "none" for a in answers], object)
    metrics = _metrics(g_arr, p_arr, classes)
    if entry.scoring is Scoring.EMOTION_WITH_POLARITY:
        pol = catalog.MIKELS_POLARITY
        metrics["polarity_acc"] = 100 * float(np.mean([pol.get(p) == pol.get(g) for g, p in zip(g_arr, p_arr)]))
    rng = np.random.default_rng(seed)
    boots: dict[str, list[float]] = {k: [] for k in metrics}
    for _ in range(n_boot):
        idx = rng.integers(0, len(g_arr), len(g_arr))
        m = _metrics(g_arr[idx], p_arr[idx], classes)
        if "polarity_acc" in metrics:
            m["polarity_acc"] = 100 * float(np.mean([pol.get(p) == pol.get(g) for g, p in zip(g_arr[idx], p_arr[idx])]))
        for k in metrics:
            boots[k].append(m[k])
    ci95 = {k: [float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5))] for k, v in boots.items()}
    n = len(answers)
    n_none = sum(a is None for a in answers)
    n_failed = len(failed)
    matrix = [[int(np.sum((g_arr == c) & (p_arr == q))) for q in classes + ["none"]] for c in classes]
    return {
        "protocol": "ger", "protocol_version": "test-local", "dataset": entry.name,
        "primary_metric": entry.primary_metric, "metrics": metrics, "ci95": ci95,
        "n_total": n, "n_answered": n - n_none, "n_invalid": n_none - n_failed, "n_unanswered": 0,
        "n_failed": n_failed, "invalid_rate": 100 * (n_none - n_failed) / n, "failed_rate": 100 * n_failed / n,
        "confusion": {"labels": classes, "matrix": matrix},
    }


def score(entry: DatasetEntry, gold: Sequence, answers: Sequence, failed: Iterable[int] = ()) -> dict:
    """``ger_plugin.scoring.score_ger`` when it exists, else :func:`score_local`."""
    try:
        from ger_plugin.scoring import score_ger
    except ImportError:
        return score_local(entry, gold, answers, failed)
    return score_ger(entry, gold, answers, failed=tuple(failed))


def write_result(work_dir: Path, model: str, ran_as: str, ger: dict, created: datetime,
                 run: str | None = None, usage: dict | None = None) -> Path:
    """One ``{model}_{dataset}_ger_metrics.json`` as the host adapter writes it."""
    variant = catalog.parse_host_name(ran_as)
    folder = Path(work_dir) / model / (run or "")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{model}_{ran_as}_ger_metrics.json"
    data = {
        "ger_format": 1, "model": model, "dataset": ran_as, "base_dataset": variant.entry.name,
        "frames": variant.frames, "batch": variant.batch, "prompt_version": "test",
        "created": created.isoformat(), "prediction_file": f"{model}_{ran_as}.xlsx", "ger": ger,
        "paper_protocol": {},
    }
    if usage is not None:
        data["usage"] = usage
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


def run_model(work_dir: Path, model: str, datasets: Iterable[str], skill: float, seed: int,
              created: datetime = BASE_TIME, run: str | None = None, invalid: float = 0.0,
              failed: float = 0.0, n: int = 60) -> list[Path]:
    """Write one result per dataset (host names allowed, e.g. ``GER_DFEW_8frame``)."""
    paths = []
    for i, name in enumerate(datasets):
        entry = catalog.parse_host_name(name).entry
        gold, answers, failed_idx = draw_run(entry, skill, seed * 1000 + i, n, invalid, failed)
        paths.append(write_result(work_dir, model, name, score(entry, gold, answers, failed_idx), created, run))
    return paths


def two_model_work_dir(work_dir: Path) -> Path:
    """The standard fixture: a strong model on every paper dataset (two runs: the newer one wins),
    a weaker model on a few datasets with many invalid answers on one, plus an 8-frame variant."""
    every = catalog.TASK_GROUPS["GER_ALL"]
    run_model(work_dir, "ModelA", every, skill=0.3, seed=1, created=BASE_TIME, run="T20260101_old")
    run_model(work_dir, "ModelA", every, skill=0.8, seed=2, created=BASE_TIME + timedelta(days=1),
              run="T20260102_new")
    run_model(work_dir, "ModelB", ["GER_RAFDB", "GER_CKPlus", "GER_TwitterII", "GER_DFEW", "GER_CMUMOSI"],
              skill=0.5, seed=3)
    run_model(work_dir, "ModelB", ["GER_SAMM"], skill=0.5, seed=4, invalid=0.3, failed=0.1)
    run_model(work_dir, "ModelB", ["GER_DFEW_8frame"], skill=0.6, seed=5)
    return work_dir
