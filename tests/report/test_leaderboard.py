"""ger leaderboard: reading host result files, the tables, reference rows, flags, formats, bad input."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from ger_result_fixtures import (
    BASE_TIME,
    draw_run,
    run_model,
    score,
    two_model_work_dir,
    write_result,
)

from ger_plugin import catalog, commands
from ger_plugin.catalog import Task
from ger_plugin.report import leaderboard, reference_rows
from ger_plugin.report.render import FORMATS, render
from ger_plugin.report.results import load, load_all, newest


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory) -> Path:
    return two_model_work_dir(tmp_path_factory.mktemp("work"))


@pytest.fixture(scope="module")
def board(work_dir) -> leaderboard.Leaderboard:
    return leaderboard.from_work_dir(work_dir)


def _file(work_dir: Path, model: str, dataset: str, run: str = "") -> dict:
    return json.loads((work_dir / model / run / f"{model}_{dataset}_ger_metrics.json").read_text())


def _row(table, name):
    return next(r for r in table.rows if r.name == name)


def test_every_result_file_is_found_and_the_newest_run_wins(work_dir, board):
    report = load_all(work_dir)
    n_paper = len(catalog.TASK_GROUPS["GER_ALL"])
    assert len(report.results) == 2 * n_paper + 7 and not report.skipped
    chosen = newest(report.results)
    model_a = [r for r in chosen if r.model == "ModelA"]
    assert len(model_a) == n_paper and {r.run for r in model_a} == {"T20260102_new"}
    new = _file(work_dir, "ModelA", "GER_RAFDB", "T20260102_new")["ger"]
    old = _file(work_dir, "ModelA", "GER_RAFDB", "T20260101_old")["ger"]
    assert new["metrics"]["acc"] != old["metrics"]["acc"]  # else the test could not tell them apart
    cell = _row(board.table(Task.FER), "ModelA").cells["GER_RAFDB:acc"]
    assert cell.value == pytest.approx(new["metrics"]["acc"])
    assert cell.ci95 == pytest.approx(tuple(new["ci95"]["acc"]))
    assert "T20260102_new" in cell.source
    assert any(s["row"] == "ModelA" and s["run"] == "T20260102_new" for s in board.sources)


def test_an_older_file_written_later_does_not_win(tmp_path):
    entry = catalog.DATASETS["GER_CKPlus"]
    newer = run_model(tmp_path, "M", ["GER_CKPlus"], skill=0.9, seed=1, created=BASE_TIME + timedelta(hours=2), run="a")
    run_model(tmp_path, "M", ["GER_CKPlus"], skill=0.1, seed=2, created=BASE_TIME, run="b")  # written last, older stamp
    board = leaderboard.from_work_dir(tmp_path)
    cell = _row(board.table(entry.task), "M").cells["GER_CKPlus:acc"]
    assert cell.value == pytest.approx(load(newer[0]).metrics["acc"])


def test_tables_follow_the_paper_columns_and_metrics(board):
    for table in board.tables:
        scored = [c for c in table.columns if c.in_score]
        expected = [
            (name, m) for name in catalog.TASK_GROUPS[table.task.group] for m in catalog.DATASETS[name].paper.metrics
        ]
        assert [(c.dataset, c.paper_metric) for c in scored] == expected
        assert table.table_number == catalog.TASK_TABLES[table.task]
    dfew = [c.metric for c in board.table(Task.DFER).columns if c.dataset == "GER_DFEW"]
    assert dfew == ["WAR", "UAR"]
    # the paper scored Abstract/ArtPhoto by polarity, so the GER column is polarity accuracy
    abstract = next(c for c in board.table(Task.VSA).columns if c.dataset == "GER_Abstract")
    assert abstract.metric == "polarity_acc"


def test_reference_rows_are_always_there_and_come_from_the_catalog(board, tmp_path):
    empty = leaderboard.from_work_dir(tmp_path)
    for b in (board, empty):
        for table in b.tables:
            refs = [r for r in table.rows if r.is_reference]
            assert [r.kind for r in refs] == [leaderboard.GPT4V, leaderboard.SUPERVISED, leaderboard.CHANCE]
            for col in table.columns:
                entry = catalog.DATASETS[col.dataset]
                assert refs[0].cells[col.key].value == entry.paper.gpt4v[col.paper_metric]
                method, value = entry.paper.best_supervised[col.paper_metric]
                assert refs[1].cells[col.key].value == value and refs[1].cells[col.key].note == method
    assert all(s.kind != leaderboard.MODEL for s in empty.summary)


@pytest.mark.parametrize("name", ["GER_RAFDB", "GER_TwitterII", "GER_SAMM", "GER_ArtPhoto", "GER_AffectNet"])
def test_chance_level_matches_a_simulated_uniform_guesser(name):
    """The closed-form chance scores against scikit-learn on 200k seeded uniform guesses."""
    from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score

    entry = catalog.DATASETS[name]
    labels = list(entry.labels)
    counts = np.array([entry.class_counts[lab] for lab in labels])
    rng = np.random.default_rng(0)
    gold = rng.choice(labels, size=200_000, p=counts / counts.sum())
    guess = rng.choice(labels, size=gold.size)
    expected = reference_rows.chance_scores(entry)
    assert expected["acc"] == pytest.approx(100 * accuracy_score(gold, guess), abs=0.5)
    assert expected["UAR"] == pytest.approx(100 * balanced_accuracy_score(gold, guess), abs=0.5)
    assert expected["WF1"] == pytest.approx(100 * f1_score(gold, guess, average="weighted"), abs=0.5)
    assert expected["macro_F1"] == pytest.approx(100 * f1_score(gold, guess, average="macro"), abs=0.5)
    if "polarity_acc" in expected:
        pol = catalog.MIKELS_POLARITY
        sim = np.mean([pol[g] == pol[p] for g, p in zip(gold[:50_000], guess[:50_000])])
        assert expected["polarity_acc"] == pytest.approx(100 * sim, abs=0.7)


@pytest.mark.parametrize("name", ["GER_CMUMOSI", "GER_CHSIMS"])
def test_sentiment_chance_matches_the_ger_scorer_on_uniform_guesses(name):
    """Uniform guesses over the five intensity labels, scored by score_ger itself."""
    from ger_plugin.core.scoring import score_ger

    entry = catalog.DATASETS[name]
    pos = sum(n for lab, n in entry.class_counts.items() if lab.endswith("positive"))
    neg = sum(n for lab, n in entry.class_counts.items() if lab.endswith("negative"))
    rng = np.random.default_rng(1)
    n = 40_000
    gold = dict(enumerate(np.where(rng.random(n) < pos / (pos + neg), 1.5, -1.5)))
    answers = {i: [str(lab)] for i, lab in enumerate(rng.choice(list(entry.labels), size=n))}
    simulated = score_ger(entry, gold, answers, n_boot=0)["metrics"]
    expected = reference_rows.chance_scores(entry)
    for metric in ("acc", "UAR", "WF1", "macro_F1"):
        assert expected[metric] == pytest.approx(simulated[metric], abs=0.8), metric


def test_cells_with_many_invalid_answers_or_failed_calls_are_flagged(work_dir):
    raw = _file(work_dir, "ModelB", "GER_SAMM")["ger"]
    assert raw["invalid_rate"] > 5 and raw["failed_rate"] > 5
    board = leaderboard.from_work_dir(work_dir)
    cell = _row(board.table(Task.MICRO), "ModelB").cells["GER_SAMM:acc"]
    assert cell.flags == ("invalid", "failed")
    assert cell.no_answer_rate == pytest.approx(raw["invalid_rate"])
    clean = _row(board.table(Task.FER), "ModelB").cells["GER_RAFDB:acc"]
    assert clean.flags == ()
    lenient = leaderboard.from_work_dir(work_dir, flag_threshold=max(raw["invalid_rate"], raw["failed_rate"]) + 1)
    assert _row(lenient.table(Task.MICRO), "ModelB").cells["GER_SAMM:acc"].flags == ()
    md = render(board, "md")
    assert "†‡" in md and "invalid or empty answers > 5%" in md


def test_empty_answers_count_towards_the_no_answer_flag(tmp_path):
    entry = catalog.DATASETS["GER_CASME2"]
    gold, answers, failed = draw_run(entry, 0.6, seed=5, unanswered=0.25)
    ger = score(entry, gold, answers, failed)
    assert ger["n_unanswered"] > 0 and ger["invalid_rate"] == 0 and ger["failed_rate"] == 0
    write_result(tmp_path, "M", entry.name, ger, BASE_TIME)
    cell = _row(leaderboard.from_work_dir(tmp_path).table(entry.task), "M").cells["GER_CASME2:acc"]
    assert cell.flags == ("invalid",)
    assert cell.no_answer_rate == pytest.approx(100 * ger["n_unanswered"] / ger["n_total"])


def test_summary_is_the_mean_over_tasks_of_the_mean_over_datasets(board):
    for s in board.summary:
        means = []
        for table in board.tables:
            row = next((r for r in table.rows if r.name == s.name), None)
            primary = [
                c
                for c in table.columns
                if c.in_score and c.metric == table.columns[[x.dataset for x in table.columns].index(c.dataset)].metric
            ]
            values = [
                row.cells[c.key].value
                for c in primary
                if row and c.key in row.cells and row.cells[c.key].value is not None
            ]
            assert s.task_means[table.task.group] == (pytest.approx(np.mean(values)) if values else None)
            if values:
                means.append(np.mean(values))
        assert s.ger_score == pytest.approx(np.mean(means))
    by_name = {s.name: s for s in board.summary}
    assert not by_name["ModelA"].partial and by_name["ModelB"].partial
    assert by_name["ModelB [8 frames]"].partial and by_name["ModelB [8 frames]"].datasets_scored == 1
    assert not any(by_name[label].partial for label in leaderboard.REFERENCE_LABELS.values())
    # models best first; reference rows last in a fixed order
    assert [s.kind for s in board.summary][-3:] == ["gpt4v", "supervised", "chance"]
    assert board.summary[0].name == "ModelA"


def test_a_frames_variant_is_its_own_row(board, work_dir):
    row = _row(board.table(Task.DFER), "ModelB [8 frames]")
    raw = _file(work_dir, "ModelB", "GER_DFEW_8frame")["ger"]
    assert row.cells["GER_DFEW:WAR"].value == pytest.approx(raw["metrics"]["WAR"])
    assert _row(board.table(Task.DFER), "ModelB").cells["GER_DFEW:WAR"].value != row.cells["GER_DFEW:WAR"].value


def test_datasets_outside_the_paper_get_an_unscored_column(tmp_path):
    run_model(tmp_path, "M", ["GER_RAFDB", "GER_RAFDB_Grey"], skill=0.7, seed=9)
    board = leaderboard.from_work_dir(tmp_path)
    grey = next(c for c in board.table(Task.FER).columns if c.dataset == "GER_RAFDB_Grey")
    assert not grey.in_score
    summary = next(s for s in board.summary if s.name == "M")
    assert summary.datasets_scored == 1


def test_models_filter(work_dir):
    board = leaderboard.from_work_dir(work_dir, models=["ModelB"])
    assert {s.name for s in board.summary if s.kind == "model"} == {"ModelB", "ModelB [8 frames]"}


def _corrupt_work_dir(tmp_path: Path) -> tuple[Path, list[Path]]:
    run_model(tmp_path, "Good", ["GER_CKPlus", "GER_DFEW"], skill=0.6, seed=11)
    good = tmp_path / "Good" / "Good_GER_CKPlus_ger_metrics.json"
    truncated = tmp_path / "Good" / "Good_GER_RAFDB_ger_metrics.json"
    truncated.write_text(good.read_text()[:200])
    foreign = tmp_path / "Other" / "Other_GER_SAMM_ger_metrics.json"
    foreign.parent.mkdir()
    foreign.write_text(json.dumps({"acc": 0.5, "split": "test"}))
    future = tmp_path / "Other" / "Other_GER_CASME_ger_metrics.json"
    future.write_text(json.dumps({**json.loads(good.read_text()), "ger_format": 99}))
    return tmp_path, [truncated, foreign, future]


def test_bad_result_files_are_named_and_skipped(tmp_path, capsys):
    work_dir, bad = _corrupt_work_dir(tmp_path)
    for fmt in FORMATS:
        out = tmp_path / f"lb.{fmt}"
        assert commands.main(["leaderboard", "--work-dir", str(work_dir), "--out", str(out)]) == 0
        err = capsys.readouterr().err
        for path in bad:
            assert f"skipping {path}" in err
        text = out.read_text()
        assert "Good" in text and "GPT-4V" in text
        if fmt != "csv":  # csv is data only; the other formats list the skipped files too
            for path in bad:
                assert path.name in text
    board = leaderboard.from_work_dir(work_dir)
    assert [s.name for s in board.summary if s.kind == "model"] == ["Good"]


def test_markdown_csv_and_json_agree(board):
    md = render(board, "md")
    assert md.count("## Table ") == 5 and "| *GPT-4V (published)* |" in md and "GER score" in md
    rows = list(csv.DictReader(io.StringIO(render(board, "csv"))))
    cell = _row(board.table(Task.DFER), "ModelA").cells["GER_DFEW:UAR"]
    line = next(r for r in rows if r["row"] == "ModelA" and r["dataset"] == "GER_DFEW" and r["metric"] == "UAR")
    assert float(line["value"]) == pytest.approx(cell.value, abs=1e-4)
    assert float(line["ci95_lo"]) == pytest.approx(cell.ci95[0])
    flagged = next(r for r in rows if r["row"] == "ModelB" and r["dataset"] == "GER_SAMM")
    assert flagged["flags"] == "invalid;failed"
    ger = next(r for r in rows if r["table"] == "summary" and r["row"] == "ModelA" and r["task"] == "GER_score")
    assert float(ger["value"]) == pytest.approx(board.summary[0].ger_score, abs=1e-4)
    data = json.loads(render(board, "json"))
    assert [t["table_number"] for t in data["tables"]] == [3, 4, 5, 6, 7]
    assert data["summary"][0]["ger_score"] == pytest.approx(board.summary[0].ger_score)


def test_cli_errors_on_a_missing_work_dir(tmp_path, capsys):
    assert commands.main(["leaderboard", "--work-dir", str(tmp_path / "nope")]) == 2
    assert "nope" in capsys.readouterr().err


def test_scores_come_from_the_scorer(tmp_path):
    """The fixture files hold what the scorer computes from the drawn gold/answers."""
    entry = catalog.DATASETS["GER_FERV39k"]
    gold, answers, failed = draw_run(entry, 0.5, seed=3)
    ger = score(entry, gold, answers, failed)
    path = write_result(tmp_path, "M", entry.name, ger, BASE_TIME)
    result = load(path, tmp_path)
    hits = sum(g == a for g, a in zip(gold, answers))
    assert result.metrics["WAR"] == pytest.approx(100 * hits / len(gold))
    assert result.confusion.labels == entry.labels and sum(map(sum, result.confusion.matrix)) == len(gold)


def test_modality_ablation_puts_a_models_inputs_side_by_side(tmp_path) -> None:
    # the same model on MER2023 as V, A, T, VT, AV and AVT; another model only on the paper's VT
    kinds = {
        "GER_MER2023_Video": 0.3,
        "GER_MER2023_Audio": 0.4,
        "GER_MER2023_Text": 0.5,
        "GER_MER2023": 0.6,
        "GER_MER2023_AV": 0.7,
        "GER_MER2023_AVT": 0.9,
    }
    for seed, (name, skill) in enumerate(kinds.items()):
        run_model(tmp_path, "Omni", [name], skill=skill, seed=10 + seed)
    run_model(tmp_path, "Other", ["GER_MER2023", "GER_RAFDB"], skill=0.5, seed=30)
    board = leaderboard.from_work_dir(tmp_path)
    [ablation] = board.ablations  # only MER2023 has several input kinds with results
    assert ablation.release == "GER_MER2023" and [c[0] for c in ablation.columns] == list(leaderboard.ABLATION_COLUMNS)
    omni = next(r for r in ablation.rows if r.name == "Omni")
    for letters, name in ablation.columns:
        assert omni.cells[letters].value == _file(tmp_path, "Omni", name)["ger"]["metrics"][ablation.metric]
    other = next(r for r in ablation.rows if r.name == "Other")
    assert set(other.cells) == {"VT"}
    text = render(board, "md")
    assert "## Modality ablation" in text and "| AVT (`GER_MER2023_AVT`) |" in text
    html = render(board, "html")
    assert 'id="ablation-GER_MER2023"' in html and html.count('<th title="GER_MER2023') == 6
