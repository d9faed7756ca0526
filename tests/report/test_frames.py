"""Score against frames and price: runs of one model at several ``_<N>frame`` counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from ger_result_fixtures import BASE_TIME, draw_run, score, write_result

from ger_plugin import catalog, commands
from ger_plugin.report import cost, frames, leaderboard

FRAMES = {2: 0.3, 4: 0.5, 8: 0.7}  # frame count -> skill of the simulated run


def _work_dir(tmp: Path) -> Path:
    entry = catalog.DATASETS["GER_DFEW"]
    for n, skill in FRAMES.items():
        gold, answers, failed = draw_run(entry, skill, seed=n, n=40)
        write_result(tmp, "GPT4o", f"GER_DFEW_{n}frame", score(entry, gold, answers, failed), BASE_TIME)
    gold, answers, failed = draw_run(catalog.DATASETS["GER_RAFDB"], 0.5, seed=1, n=40)  # no frames: no series
    write_result(tmp, "GPT4o", "GER_RAFDB", score(catalog.DATASETS["GER_RAFDB"], gold, answers, failed), BASE_TIME)
    return tmp


def test_one_series_per_model_and_video_dataset_with_its_scores_and_prices(tmp_path: Path) -> None:
    board = leaderboard.from_work_dir(_work_dir(tmp_path))
    (series,) = board.frame_series
    assert (series.model, series.dataset, series.metric, series.price_model) == ("GPT4o", "GER_DFEW", "WAR", "gpt-4o")
    assert [p.frames for p in series.points] == sorted(FRAMES)
    results = {r.frames: r for r in leaderboard.load_all(tmp_path).results if r.base_dataset == "GER_DFEW"}
    assert [p.score for p in series.points] == [results[n].metrics["WAR"] for n in sorted(FRAMES)]
    entry, price = catalog.DATASETS["GER_DFEW"], cost.PRICES["gpt-4o"]
    for p in series.points:  # the price axis is ger cost's own estimate at that frame count
        est = cost.estimate_dataset(entry, price, cost.tokens_by_characters, frames=p.frames)
        assert (p.usd, p.input_tokens) == (pytest.approx(est.total_usd), est.input_tokens)
        assert p.batch_api_usd == pytest.approx(p.usd * cost.BATCH_API_DISCOUNT)
    assert series.points[0].usd < series.points[1].usd < series.points[2].usd


def test_a_single_frame_count_makes_no_series(tmp_path: Path) -> None:
    entry = catalog.DATASETS["GER_DFEW"]
    gold, answers, failed = draw_run(entry, 0.5, seed=3, n=40)
    write_result(tmp_path, "GPT4o", "GER_DFEW_4frame", score(entry, gold, answers, failed), BASE_TIME)
    assert frames.frame_series(leaderboard.load_all(tmp_path).results) == []


def test_ger_plot_draws_score_against_frames_and_price(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("matplotlib")
    from ger_plugin.report import plots

    work = _work_dir(tmp_path / "work")
    assert commands.main(["plot", "--work-dir", str(work), "--out-dir", str(tmp_path / "png")]) == 0
    assert (tmp_path / "png" / "frames_GPT4o_GER_DFEW.png").stat().st_size > 0
    (series,) = leaderboard.from_work_dir(work).frame_series
    fig = plots.frames_figure(series)
    left, right = fig.axes
    xs, ys = left.lines[0].get_data()
    assert list(xs) == sorted(FRAMES) and list(ys) == [p.score for p in series.points]
    assert list(right.lines[0].get_xdata()) == [p.usd for p in series.points]
    assert list(right.lines[1].get_xdata()) == [p.batch_api_usd for p in series.points]


def test_cost_prints_tokens_and_price_per_frame_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        commands.main(
            [
                "cost",
                "--model",
                "gpt-4o",
                "--data",
                "GER_DFEW",
                "--frames",
                "1",
                "2",
                "4",
                "8",
                "16",
                "--tokenizer",
                "chars",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines() if line.startswith("GER_DFEW")]
    assert [int(r[1]) for r in rows] == [1, 2, 4, 8, 16]
    entry, price = catalog.DATASETS["GER_DFEW"], cost.PRICES["gpt-4o"]
    for r in rows:
        est = cost.estimate_dataset(entry, price, cost.tokens_by_characters, frames=int(r[1]))
        assert (int(r[2]), float(r[4]), float(r[5])) == (
            est.input_tokens,
            round(est.total_usd, 2),
            round(est.total_usd * 0.5, 2),
        )
    assert commands.main(["cost", "--model", "gpt-4o", "--data", "GER_DFEW", "--frames", "32"]) == 2
