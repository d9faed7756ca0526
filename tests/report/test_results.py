"""Choosing the results a report uses: never two prompt versions in one leaderboard row."""

from __future__ import annotations

from datetime import timedelta

from ger_result_fixtures import BASE_TIME, run_model

from ger_plugin.report import leaderboard
from ger_plugin.report.results import load_all, newest, select


def test_a_row_never_mixes_prompt_versions(tmp_path):
    # prompt 1 on two datasets, then prompt 2 on one of them only (a later, partial run)
    run_model(tmp_path, "M", ["GER_RAFDB", "GER_CKPlus"], skill=0.5, seed=1, run="a", prompt_version="1")
    run_model(
        tmp_path,
        "M",
        ["GER_RAFDB"],
        skill=0.9,
        seed=2,
        run="b",
        prompt_version="2",
        created=BASE_TIME + timedelta(hours=1),
    )
    results = load_all(tmp_path).results
    chosen, superseded = select(results)
    assert [(r.base_dataset, r.prompt_version) for r in chosen] == [("GER_RAFDB", "2")]
    assert sorted((r.base_dataset, r.prompt_version) for r in superseded) == [("GER_CKPlus", "1"), ("GER_RAFDB", "1")]
    assert newest(results) == chosen

    board = leaderboard.build(results, work_dir=tmp_path)
    row = next(s for s in board.summary if s.name == "M")
    assert row.prompt_version == "2" and row.datasets_scored == 1
    assert {s["prompt_version"] for s in board.sources} == {"2"}
    assert sorted(f for f, _ in board.superseded) == [
        "M/a/M_GER_CKPlus_ger_metrics.json",
        "M/a/M_GER_RAFDB_ger_metrics.json",
    ]


def test_each_model_keeps_its_own_newest_prompt(tmp_path):
    run_model(tmp_path, "Old", ["GER_RAFDB"], skill=0.5, seed=1, prompt_version="1")
    run_model(tmp_path, "New", ["GER_RAFDB"], skill=0.5, seed=2, prompt_version="2")
    chosen = newest(load_all(tmp_path).results)
    assert [(r.model, r.prompt_version) for r in chosen] == [("New", "2"), ("Old", "1")]


def test_within_one_prompt_the_newest_run_wins(tmp_path):
    run_model(tmp_path, "M", ["GER_RAFDB"], skill=0.5, seed=1, run="a", created=BASE_TIME + timedelta(hours=2))
    run_model(tmp_path, "M", ["GER_RAFDB"], skill=0.9, seed=2, run="b", created=BASE_TIME)
    chosen, superseded = select(load_all(tmp_path).results)
    assert [r.run for r in chosen] == ["a"] and [r.run for r in superseded] == ["b"]
