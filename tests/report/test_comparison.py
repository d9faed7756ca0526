"""Repeated runs and paired tests on the leaderboard, from result files written by the host's own
writer (host.evaluation, no vlmeval needed): cells carry runs/sd/agreement, pairs carry McNemar or
the paired bootstrap with Holm, every format shows them, and the published rows sit beside ours."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import numpy as np
import pytest

from ger_plugin.catalog import DATASETS
from ger_plugin.commands import main
from ger_plugin.core import significance
from ger_plugin.host.evaluation import Prediction, evaluate_predictions
from ger_plugin.host.repeats import repeat_environment
from ger_plugin.report import leaderboard
from ger_plugin.report.comparison import OutcomeCache, consensus
from ger_plugin.report.results import load_all, repeat_folder

SKILL = {"Good": 0.85, "Weak": 0.35}
N, REPEATS = 90, 3


def _answers(entry, gold, skill, seed):
    rng = np.random.default_rng(seed)
    return [g if rng.random() < skill else str(rng.choice(entry.labels)) for g in gold]


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("repeats")
    mp = pytest.MonkeyPatch()
    for name in ("GER_RAFDB", "GER_DFEW"):
        entry = DATASETS[name]
        gold = list(np.random.default_rng(1).choice(entry.labels, size=N))
        for k in range(1, REPEATS + 1):
            for model, skill in SKILL.items():
                # the writer records the repeat from the environment `ger run --repeats` sets
                for var, value in repeat_environment(k, REPEATS, 0.7).items():
                    mp.setenv(var, value)
                folder = root / repeat_folder(k) / model
                folder.mkdir(parents=True, exist_ok=True)
                answers = _answers(entry, gold, skill, seed=10 * k + len(name) if model == "Weak" else 5)
                preds = [Prediction(f"s{i:03d}.jpg", g, f"Label: {a}") for i, (g, a) in enumerate(zip(gold, answers))]
                evaluate_predictions(entry, preds, eval_file=folder / f"{model}_{name}.xlsx", model=model, dataset=name)
    mp.undo()
    return root


@pytest.fixture(scope="module")
def board(work_dir):
    return leaderboard.from_work_dir(work_dir)


def _cell(board, model, key):
    for table in board.tables:
        for row in table.rows:
            if row.name == model and key in row.cells:
                return row.cells[key]
    raise AssertionError((model, key))


def test_results_know_their_repeat_seed_and_temperature(work_dir):
    results = load_all(work_dir).results
    assert sorted({r.repeat for r in results}) == [1, 2, 3]
    assert {(r.repeat, r.seed, r.temperature) for r in results} == {(k, k, 0.7) for k in (1, 2, 3)}
    assert {r.run for r in results} == {""}  # the repeat folder is not mistaken for a run subfolder


def test_a_repeated_cell_is_the_mean_with_sd_runs_and_agreement(work_dir, board):
    results = [r for r in load_all(work_dir).results if r.model == "Weak" and r.base_dataset == "GER_RAFDB"]
    values = [r.metrics["acc"] for r in results]
    cell = _cell(board, "Weak", "GER_RAFDB:acc")
    assert cell.runs == 3 and cell.value == pytest.approx(statistics.mean(values))
    assert cell.sd == pytest.approx(statistics.stdev(values)) and cell.sd > 0
    cache = OutcomeCache()
    runs = [cache.get(r) for r in results]
    same = sum(len({run[sid][1] for run in runs}) == 1 for sid in runs[0])
    assert cell.agreement == pytest.approx(100 * same / N) and cell.agreement < 100
    good = _cell(board, "Good", "GER_RAFDB:acc")  # the same answers every run
    assert (good.runs, good.sd, good.agreement) == (3, 0.0, 100.0)


def test_every_pair_of_models_gets_the_right_test_on_every_metric_with_holm(work_dir, board):
    pairs = {(p.dataset, p.metric): p for p in board.pairs}
    assert set(pairs) == {("GER_RAFDB", "acc"), ("GER_DFEW", "WAR"), ("GER_DFEW", "UAR")}
    assert {(p.model_a, p.model_b) for p in board.pairs} == {("Good", "Weak")}  # better-ranked model first
    assert pairs["GER_RAFDB", "acc"].test == significance.MCNEMAR
    assert pairs["GER_DFEW", "UAR"].test == significance.BOOTSTRAP
    # the McNemar p-value is the one of the per-item majority answers of the two models
    results = [r for r in load_all(work_dir).results if r.base_dataset == "GER_RAFDB"]
    cache = OutcomeCache()
    a = consensus([cache.get(r) for r in sorted(results, key=lambda r: r.repeat) if r.model == "Good"])
    b = consensus([cache.get(r) for r in sorted(results, key=lambda r: r.repeat) if r.model == "Weak"])
    expected = significance.mcnemar_exact([a[s][1] == a[s][0] for s in a], [b[s][1] == b[s][0] for s in a])
    assert pairs["GER_RAFDB", "acc"].p_value == pytest.approx(expected)
    holm = significance.holm([p.p_value for p in board.pairs])
    assert sorted(p.p_holm for p in board.pairs) == pytest.approx(sorted(holm))
    assert all(p.holds for p in board.pairs)  # 0.85 vs 0.35 on 90 items


def test_json_gains_pairs_and_cells_gain_runs_and_sd(work_dir, tmp_path):
    out = tmp_path / "board.json"
    assert main(["leaderboard", "--work-dir", str(work_dir), "--out", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["pairs"] and {"dataset", "metric", "model_a", "model_b", "diff", "ci", "p_value", "test"} <= set(
        data["pairs"][0]
    )
    fer = next(t for t in data["tables"] if t["task"] == "GER_FER")
    weak = next(r for r in fer["rows"] if r["name"] == "Weak")["cells"]["GER_RAFDB:acc"]
    assert weak["runs"] == 3 and weak["sd"] > 0
    published = [p for p in fer["published"] if p["dataset"] == "GER_RAFDB"]
    assert {p["model"] for p in published} >= {"GPT-4o-mini", "Face-LLaVA", "EmoLA"}
    assert all(p["source"]["paper"] and p["protocol"]["metric"] and p["setting"] for p in published)
    # published rows are never ranked: not in the summary, not among the task rows
    names = {r["name"] for r in data["summary"]} | {r["name"] for r in fer["rows"]}
    assert not names & {p["model"] for p in published}


def test_markdown_shows_sd_runs_pairs_and_the_published_rows(work_dir, tmp_path):
    out = tmp_path / "board.md"
    assert main(["leaderboard", "--work-dir", str(work_dir), "--out", str(out)]) == 0
    text = out.read_text()
    assert "± " in text and "(3 runs" in text and "## Paired comparisons" in text
    assert "Face-LLaVA (WACV 2026), arXiv 2504.07198" in text and "FaceInstruct-1M" in text


def test_paired_tests_can_be_switched_off_and_alpha_decides_what_holds(work_dir, tmp_path):
    out = tmp_path / "board.json"
    assert main(["leaderboard", "--work-dir", str(work_dir), "--out", str(out), "--n-boot", "0"]) == 0
    assert json.loads(out.read_text())["pairs"] == []
    assert main(["leaderboard", "--work-dir", str(work_dir), "--out", str(out), "--alpha", "1e-300"]) == 0
    data = json.loads(out.read_text())
    assert data["alpha"] == 1e-300 and data["pairs"] and not any(p["holds"] for p in data["pairs"])
