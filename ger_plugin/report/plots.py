"""The leaderboard's figures (matplotlib, Agg): per-task bar charts, one radar chart per model over
the five tasks, per-dataset confusion matrices. ``ger plot`` saves them as PNG; the HTML page
embeds the same figures as inline SVG. matplotlib is imported inside functions only.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from ger_plugin.report.frames import FrameSeries
from ger_plugin.report.leaderboard import (
    CHANCE,
    GPT4V,
    MODEL,
    SUPERVISED,
    ConfusionPanel,
    Leaderboard,
    TaskTable,
)

# Reference rows get fixed grey tones so models keep the colour cycle to themselves.
_REFERENCE_STYLE = {GPT4V: "#555555", SUPERVISED: "#999999", CHANCE: "#cccccc"}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


def _primary_columns(table: TaskTable):
    seen, cols = set(), []
    for col in table.columns:
        if col.dataset not in seen:
            seen.add(col.dataset)
            cols.append(col)
    return cols


def task_bar_figure(table: TaskTable) -> Any:
    """Grouped bars: one group per dataset (its primary metric), one bar per row; model bars carry
    their bootstrap 95% CI; flagged cells are hatched."""
    plt = _pyplot()
    cols = _primary_columns(table)
    rows = table.rows
    fig, ax = plt.subplots(figsize=(max(6.0, 1.4 * len(cols) + 2), 3.6))
    width = 0.8 / max(len(rows), 1)
    palette = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    model_i = 0
    for i, row in enumerate(rows):
        xs: list[float] = []
        ys: list[float] = []
        errs: list[list[float]] = [[], []]
        hatches: list[str] = []
        for j, col in enumerate(cols):
            cell = row.cells.get(col.key)
            if cell is None or cell.value is None:
                continue
            xs.append(j - 0.4 + width * (i + 0.5))
            ys.append(cell.value)
            lo, hi = cell.ci95 if cell.ci95 else (cell.value, cell.value)
            errs[0].append(max(cell.value - lo, 0.0))
            errs[1].append(max(hi - cell.value, 0.0))
            hatches.append("//" if cell.flags else "")
        if row.kind == MODEL:
            color = palette[model_i % len(palette)]
            model_i += 1
        else:
            color = _REFERENCE_STYLE[row.kind]
        bars = ax.bar(
            xs,
            ys,
            width,
            label=row.name,
            color=color,
            edgecolor="black",
            linewidth=0.4,
            yerr=errs if row.kind == MODEL else None,
            capsize=2 if row.kind == MODEL else 0,
        )
        for bar, hatch in zip(bars, hatches):
            bar.set_hatch(hatch)
    ax.set_xticks(range(len(cols)))
    ax.set_xticklabels([f"{c.title}\n{c.paper_metric}" for c in cols], fontsize=8)
    ax.set_ylabel("score (%)")
    ax.set_ylim(0, 100)
    ax.set_title(f"Table {table.table_number}: {table.task.title}", fontsize=10)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    fig.tight_layout()
    return fig


def radar_figure(board: Leaderboard, row_name: str) -> Any:
    """One model's task means on five axes, against GPT-4V (published) and chance."""
    import numpy as np

    plt = _pyplot()
    tasks = [t.task for t in board.tables]
    angles = np.linspace(0, 2 * np.pi, len(tasks), endpoint=False).tolist()
    fig = plt.figure(figsize=(4.2, 4.2))
    ax = fig.add_subplot(projection="polar")
    by_name = {s.name: s for s in board.summary}
    styles = [(row_name, "C0", "-", 0.25)] + [
        (s.name, _REFERENCE_STYLE[s.kind], "--", 0.0) for s in board.summary if s.kind in (GPT4V, CHANCE)
    ]
    for name, color, line, alpha in styles:
        row = by_name[name]
        values = [row.task_means[t.group] for t in tasks]
        vals = [v if v is not None else float("nan") for v in values]  # missing task: a gap, not a zero
        label = name + (" (partial)" if row.partial else "")
        ax.plot(angles + angles[:1], vals + vals[:1], line, color=color, label=label, linewidth=1.5, marker=".")
        if alpha and None not in values:
            ax.fill(angles + angles[:1], vals + vals[:1], color=color, alpha=alpha)
    ax.set_xticks(angles)
    ax.set_xticklabels([t.group.removeprefix("GER_") for t in tasks], fontsize=8)
    ax.set_ylim(0, 100)
    ax.tick_params(axis="y", labelsize=7)
    ax.set_title(row_name, fontsize=10)
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=1, frameon=False)
    fig.tight_layout()
    return fig


def confusion_figure(panel: ConfusionPanel) -> Any:
    """Row-normalised confusion matrix (gold rows, predicted columns + ``none``), counts in the cells."""
    import numpy as np

    plt = _pyplot()
    conf = panel.confusion
    counts = np.array(conf.matrix, dtype=float)
    share = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    k = len(conf.labels)
    fig, ax = plt.subplots(figsize=(1.0 + 0.55 * (k + 1), 1.0 + 0.5 * k))
    ax.imshow(share, cmap="Blues", vmin=0, vmax=1)
    for (i, j), value in np.ndenumerate(counts):
        ax.text(
            j, i, f"{int(value)}", ha="center", va="center", fontsize=7, color="white" if share[i, j] > 0.6 else "black"
        )
    ax.set_xticks(range(k + 1))
    ax.set_xticklabels(conf.columns, rotation=45, ha="right", fontsize=7)
    ax.set_yticks(range(k))
    ax.set_yticklabels(conf.labels, fontsize=7)
    ax.set_xlabel("predicted", fontsize=8)
    ax.set_ylabel("gold", fontsize=8)
    ax.set_title(f"{panel.row} on {panel.dataset}", fontsize=9)
    fig.tight_layout()
    return fig


def frames_figure(series: FrameSeries) -> Any:
    """Two panels for one model and video dataset: score against frames, and score against the
    estimated price of a full test-set run (standard and Batch API), each point labelled by frames."""
    plt = _pyplot()
    frames = [p.frames for p in series.points]
    scores = [p.score for p in series.points]
    fig, (left, right) = plt.subplots(1, 2, figsize=(8.0, 3.4))
    left.plot(frames, scores, marker="o")
    left.set_xscale("log", base=2)
    left.set_xticks(frames, [str(f) for f in frames])
    left.set_xlabel("frames per clip")
    left.set_ylabel(f"{series.metric} (%)")
    right.plot([p.usd for p in series.points], scores, marker="o", label="standard")
    right.plot([p.batch_api_usd for p in series.points], scores, marker="s", linestyle="--", label="Batch API")
    for p in series.points:
        right.annotate(f"{p.frames}f", (p.usd, p.score), textcoords="offset points", xytext=(4, 4), fontsize=7)
    right.set_xlabel(f"estimated USD, full test set ({series.price_model} prices)")
    right.legend(fontsize=7)
    fig.suptitle(f"{series.label}: score against frames and price", fontsize=9)
    fig.tight_layout()
    return fig


def figure_svg(fig: Any) -> str:
    """A figure as an inline ``<svg>`` element (text as paths: no fonts needed at view time)."""
    plt = _pyplot()
    buf = io.StringIO()
    with plt.rc_context({"svg.fonttype": "path", "svg.hashsalt": "ger"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_") or "x"


def save_all(board: Leaderboard, out_dir: Path, dpi: int = 150) -> list[Path]:
    """Every figure as PNG under ``out_dir``; returns the written paths."""
    plt = _pyplot()
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = [(f"table{t.table_number}_{t.task.group}.png", lambda t=t: task_bar_figure(t)) for t in board.tables]
    jobs += [
        (f"radar_{slug(s.name)}.png", lambda s=s: radar_figure(board, s.name)) for s in board.summary if s.kind == MODEL
    ]
    jobs += [(f"confusion_{slug(p.row)}_{p.dataset}.png", lambda p=p: confusion_figure(p)) for p in board.confusions]
    jobs += [
        (f"frames_{slug(fs.model)}_{fs.dataset}.png", lambda fs=fs: frames_figure(fs)) for fs in board.frame_series
    ]
    written = []
    for name, make in jobs:
        fig = make()
        path = out_dir / name
        fig.savefig(path, dpi=dpi, metadata={"Software": None})
        plt.close(fig)
        written.append(path)
    return written
