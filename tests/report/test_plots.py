"""ger plot: the leaderboard's figures as PNG, and the figure contents match the tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("matplotlib")

from ger_result_fixtures import two_model_work_dir  # noqa: E402

from ger_plugin import commands  # noqa: E402
from ger_plugin.catalog import Task  # noqa: E402
from ger_plugin.report import leaderboard, plots


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory) -> Path:
    return two_model_work_dir(tmp_path_factory.mktemp("work"))


@pytest.fixture(scope="module")
def board(work_dir) -> leaderboard.Leaderboard:
    return leaderboard.from_work_dir(work_dir)


def test_bar_heights_are_the_table_cells(board):
    table = board.table(Task.DFER)
    fig = plots.task_bar_figure(table)
    ax = fig.axes[0]
    heights = sorted(round(p.get_height(), 6) for p in ax.patches)
    datasets = []
    for col in table.columns:  # primary metric = first column of each dataset
        if col.dataset not in {c.dataset for c in datasets}:
            datasets.append(col)
    expected = sorted(
        round(r.cells[c.key].value, 6)
        for r in table.rows
        for c in datasets
        if c.key in r.cells and r.cells[c.key].value is not None
    )
    assert heights == expected
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [r.name for r in table.rows]
    hatched = [p for p in plots.task_bar_figure(board.table(Task.MICRO)).axes[0].patches if p.get_hatch()]
    assert len(hatched) == 1  # ModelB's flagged SAMM cell


def test_radar_traces_the_task_means(board):
    fig = plots.radar_figure(board, "ModelA")
    line = fig.axes[0].get_lines()[0]
    summary = next(s for s in board.summary if s.name == "ModelA")
    expected = [summary.task_means[t.task.group] for t in board.tables]
    assert np.allclose(line.get_ydata()[:-1], expected)
    assert len(fig.axes[0].get_lines()) == 3  # the model, GPT-4V and chance
    partial = plots.radar_figure(board, "ModelB [8 frames]").axes[0].get_lines()[0].get_ydata()[:-1]
    assert np.isnan(partial).sum() == 4  # missing tasks are gaps, not zeros


def test_confusion_figure_shows_the_counts(board):
    panel = next(p for p in board.confusions if p.row == "ModelB" and p.dataset == "GER_SAMM")
    fig = plots.confusion_figure(panel)
    texts = [int(t.get_text()) for t in fig.axes[0].texts]
    assert texts == [v for row in panel.confusion.matrix for v in row]
    assert sum(row[-1] for row in panel.confusion.matrix) > 0  # the 'none' column is used here


def test_ger_plot_writes_every_figure_as_png(work_dir, board, tmp_path, capsys):
    from PIL import Image

    out = tmp_path / "figs"
    assert commands.main(["plot", "--work-dir", str(work_dir), "--out-dir", str(out), "--dpi", "60"]) == 0
    files = sorted(p.name for p in out.iterdir())
    n_models = sum(s.kind == "model" for s in board.summary)
    assert len(files) == 5 + n_models + len(board.confusions) + len(board.frame_series)
    assert "table6_GER_DFER.png" in files and "radar_ModelB_8_frames.png" in files
    for name in files:
        with Image.open(out / name) as img:
            assert img.format == "PNG"
            lo, hi = img.convert("L").getextrema()
            assert hi - lo > 100, name  # something is drawn
    assert str(out / "table3_GER_FER.png") in capsys.readouterr().out
