"""The leaderboard on result files written by the host adapter's own writer
(``ger_plugin.host.evaluation.evaluate_predictions``: parse -> score -> files), for two
models and several runs, rendered in every format. Skipped where the adapter is not installed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from ger_plugin import catalog
from ger_plugin.report import leaderboard
from ger_plugin.report.render import FORMATS, render

evaluation = pytest.importorskip("ger_plugin.host.evaluation", reason="the host adapter is not in this build")

DATASETS = ("GER_RAFDB", "GER_TwitterII", "GER_CASME2", "GER_DFEW", "GER_CMUMOSI")


def _raw_answers(entry, gold, skill: float, seed: int) -> list[str | None]:
    """Free-text replies as a model writes them: mostly right for a good model, some gibberish."""
    rng = np.random.default_rng(seed)
    labels = list(entry.labels)
    out = []
    for g in gold:
        if entry.scoring is catalog.Scoring.SENTIMENT_INTENSITY:
            g = "positive" if float(g) > 0 else "negative"
        roll = rng.random()
        if roll < 0.05:
            out.append("I cannot tell from this input.")  # invalid
        elif roll < 0.05 + skill:
            out.append(f"Label: {g}\nRanking: {g}")
        else:
            out.append(f"Label: {rng.choice(labels)}")
    return out


def _write_run(work_dir: Path, model: str, name: str, skill: float, seed: int, run: str) -> Path:
    variant = catalog.parse_host_name(name)
    entry = variant.entry
    rng = np.random.default_rng(seed)
    if entry.scoring is catalog.Scoring.SENTIMENT_INTENSITY:
        gold = list(rng.choice([-2.0, -0.6, 0.8, 1.8], size=40))
    else:
        gold = list(rng.choice(list(entry.labels), size=40))
    preds = [
        evaluation.Prediction(f"s{i:03d}", g, raw)
        for i, (g, raw) in enumerate(zip(gold, _raw_answers(entry, gold, skill, seed)))
    ]
    folder = work_dir / model / run
    folder.mkdir(parents=True, exist_ok=True)
    evaluation.evaluate_predictions(
        entry,
        preds,
        eval_file=folder / f"{model}_{name}.xlsx",
        model=model,
        dataset=name,
        frames=variant.frames,
        batch=int(variant.batch),
    )
    return folder / f"{model}_{name}_ger_metrics.json"


def test_leaderboard_from_adapter_written_files(tmp_path):
    for i, name in enumerate(DATASETS):
        _write_run(tmp_path, "ModelGood", name, 0.8, seed=i, run="T20260101_000000")
        _write_run(tmp_path, "ModelWeak", name, 0.3, seed=100 + i, run="T20260101_000000")
    board = leaderboard.from_work_dir(tmp_path)
    assert not board.skipped
    names = [s.name for s in board.summary if s.kind == leaderboard.MODEL]
    assert names == ["ModelGood", "ModelWeak"]
    for name in DATASETS:
        entry = catalog.DATASETS[name]
        table = board.table(entry.task)
        for model in names:
            data = json.loads((tmp_path / model / "T20260101_000000" / f"{model}_{name}_ger_metrics.json").read_text())
            metric = table.columns[[c.dataset for c in table.columns].index(name)].metric
            cell = next(r for r in table.rows if r.name == model).cells[f"{name}:{metric}"]
            assert cell.value == pytest.approx(data["ger"]["metrics"][metric])
            assert cell.ci95 == pytest.approx(tuple(data["ger"]["ci95"][metric]))
    assert any(p.dataset == "GER_DFEW" for p in board.confusions)
    for fmt in FORMATS:
        text = render(board, fmt)
        assert "ModelGood" in text and "ModelWeak" in text
