"""Leaderboard -> ONE self-contained HTML file (inline CSS, JS and SVG; nothing fetched at view time).

The page is the Jinja2 template ``templates/leaderboard.html.j2`` (autoescaped; its CSS and sorting
script are the files beside it, inlined). This module only turns a :class:`Leaderboard` into the
plain values the template shows: sortable tables (click a header; click again to reverse), per-task
bar charts and a radar chart per model (matplotlib figures inlined as SVG, the only markup marked
safe), and per-dataset confusion matrices as heat-coloured tables. Opening the page with
``#click=<header id>[,<header id>...]`` clicks those headers on load, which lets a headless browser
test sorting without a driver.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ger_plugin import catalog
from ger_plugin.report.leaderboard import MODEL, Cell, Leaderboard, TaskTable
from ger_plugin.report.tables import PAIRS_NOTE, PUBLISHED_NOTE, figures_text

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

TEMPLATE = "leaderboard.html.j2"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the report templates (shipped in ``ger_plugin/report/templates``)."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("ger_plugin.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _cell(cell: Cell | None, threshold: float) -> dict[str, Any] | None:
    if cell is None or cell.value is None:
        return None
    title = []
    if cell.no_answer_rate is not None:
        title.append(f"invalid or empty answers {cell.no_answer_rate:.1f}%, failed calls {cell.failed_rate:.1f}%")
    if cell.flags:
        title.append(f"above the {threshold:g}% threshold: not comparable")
    if cell.source:
        title.append(f"from {cell.source}")
    title.append(f"protocol: {cell.protocol}")
    runs = ""
    if cell.runs > 1:
        runs = f"{cell.runs} runs" + (f", {cell.agreement:.0f}% same" if cell.agreement is not None else "")
    return {
        "sort": _num(cell.value),
        "text": f"{cell.value:.2f}" + (f" ± {cell.sd:.2f}" if cell.runs > 1 and cell.sd is not None else ""),
        "runs": cell.runs,
        "runs_text": runs,
        "marks": ("†" if "invalid" in cell.flags else "") + ("‡" if "failed" in cell.flags else ""),
        "ci": f"[{cell.ci95[0]:.1f}, {cell.ci95[1]:.1f}]" if cell.ci95 else "",
        "note": cell.note,
        "title": "; ".join(title),
        "flag": bool(cell.flags),
        "protocol": cell.protocol,
    }


def _summary_cell(value: float | None, partial: bool) -> dict[str, Any] | None:
    return None if value is None else {"sort": _num(value), "text": f"{value:.2f}", "partial": partial}


def _task_table(table: TaskTable, threshold: float) -> dict[str, Any]:
    return {
        "id": f"T{table.table_number}",
        "number": table.table_number,
        "title": table.task.title,
        "columns": [
            {"dataset": c.dataset, "title": c.title, "metric": c.paper_metric, "in_score": c.in_score}
            for c in table.columns
        ],
        "rows": [
            {
                "name": row.name,
                "is_reference": row.is_reference,
                "cells": [_cell(row.cells.get(c.key), threshold) for c in table.columns],
            }
            for row in table.rows
        ],
        "published": [
            {
                "model": r.model,
                "dataset": r.dataset,
                "figures": figures_text(r),
                "setting": r.setting,
                "protocol": list(r.protocol.items()),
                "paper": r.source.paper,
                "url": r.source.url,
                "arxiv": r.source.arxiv,
                "table": r.source.table,
                "caveats": list(r.caveats),
            }
            for r in table.published
        ],
    }


def _pairs(board: Leaderboard) -> list[dict[str, Any]]:
    return [
        {
            "dataset": p.dataset,
            "metric": p.metric,
            "a": p.model_a,
            "b": p.model_b,
            "holds": p.holds,
            "diff_sort": f"{p.diff:.4f}",
            "diff": f"{p.diff:+.2f}",
            "ci": f"[{p.ci[0]:.1f}, {p.ci[1]:.1f}]",
            "p_sort": f"{p.p_value:.6g}",
            "p": f"{p.p_value:.3g}",
            "holm_sort": f"{p.p_holm:.6g}",
            "holm": f"{p.p_holm:.3g}",
            "test": p.test,
            "n": p.n,
        }
        for p in board.pairs
    ]


def _summary(board: Leaderboard) -> dict[str, Any]:
    tasks = [t.task for t in board.tables]
    return {
        "tasks": [{"title": t.title, "number": board.table(t).table_number} for t in tasks],
        "rows": [
            {
                "name": s.name,
                "is_reference": s.kind != MODEL,
                "prompt": s.prompt_version,
                "tasks": [_summary_cell(s.task_means[t.group], s.task_partial[t.group]) for t in tasks],
                "score": _summary_cell(s.ger_score, s.partial),
            }
            for s in board.summary
        ],
    }


def _confusions(board: Leaderboard) -> list[dict[str, Any]]:
    order = list(catalog.DATASETS)  # the paper's table order
    groups = []
    for dataset in sorted({p.dataset for p in board.confusions}, key=order.index):
        panels = []
        for panel in (p for p in board.confusions if p.dataset == dataset):
            conf = panel.confusion
            lines = []
            for label, counts in zip(conf.labels, conf.matrix):
                total = max(sum(counts), 1)
                lines.append(
                    {
                        "label": label,
                        "counts": [
                            {"count": c, "alpha": f"{c / total:.2f}", "ink": "#fff" if c / total > 0.6 else "#222"}
                            for c in counts
                        ],
                    }
                )
            panels.append({"row": panel.row, "source": panel.source, "columns": conf.columns, "lines": lines})
        groups.append({"dataset": dataset, "panels": panels})
    return groups


def _figures(board: Leaderboard) -> dict[str, Any]:
    """Bar and radar charts as inline SVG (marked safe: matplotlib drew them); the reason when they cannot be."""
    from markupsafe import Markup

    from ger_plugin.report import plots

    try:
        bars = [
            {"id": f"T{t.table_number}", "svg": Markup(plots.figure_svg(plots.task_bar_figure(t)))}
            for t in board.tables
        ]
        radars = [
            {"row": s.name, "svg": Markup(plots.figure_svg(plots.radar_figure(board, s.name)))}
            for s in board.summary
            if s.kind == MODEL
        ]
    except ModuleNotFoundError as exc:
        return {"bars": [], "radars": [], "figures_missing": str(exc)}
    return {"bars": bars, "radars": radars, "figures_missing": ""}


def _ablations(board: Leaderboard) -> list[dict[str, Any]]:
    """Per multimodal release: each model's V / A / T / VT / AV / AVT scores side by side."""
    return [
        {
            "release": ab.release,
            "metric": ab.paper_metric,
            "columns": ab.columns,
            "rows": [
                {
                    "name": r.name,
                    "cells": [_cell(r.cells.get(letters), board.flag_threshold) for letters, _ in ab.columns],
                }
                for r in ab.rows
            ],
        }
        for ab in board.ablations
    ]


def _fmt(value: float | None, signed: bool = False) -> str:
    return "–" if value is None else (f"{value:+.2f}" if signed else f"{value:.2f}")


def _open_vocabulary(board: Leaderboard) -> dict[str, Any]:
    wheels = sorted({w for r in board.open_vocabulary for w in r.per_wheel})
    return {
        "header": ["Model", "Dataset", "Metric", "Open vocabulary", *(f"hit {w}" for w in wheels), "GER standard"],
        "rows": [
            {
                "protocol": r.protocol,
                "row": r.row,
                "dataset": r.dataset,
                "metric": r.metric,
                "sort": _num(r.value),
                "value": _fmt(r.value),
                "wheels": [_fmt(r.per_wheel.get(w)) for w in wheels],
                "ger": _fmt(r.ger_value),
            }
            for r in board.open_vocabulary
        ],
    }


def _robustness(board: Leaderboard) -> list[dict[str, Any]]:
    return [
        {
            "model": r.model,
            "dataset": r.dataset,
            "variant": r.variant,
            "metric": r.metric,
            "clean": _fmt(r.clean),
            "score": _fmt(r.score),
            "drop_sort": _num(r.drop),
            "drop": _fmt(r.drop, signed=True),
            "flip_sort": _num(r.flip_rate),
            "flip": _fmt(r.flip_rate),
            "n": r.n_compared,
        }
        for r in board.robustness
    ]


def render_html(board: Leaderboard, title: str = "GER leaderboard") -> str:
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            title=title,
            work_dir=board.work_dir,
            threshold=f"{board.flag_threshold:g}",
            summary=_summary(board),
            tables=[_task_table(t, board.flag_threshold) for t in board.tables],
            confusions=_confusions(board),
            sources=board.sources,
            pairs=_pairs(board),
            alpha=f"{board.alpha:g}",
            pairs_note=PAIRS_NOTE,
            published_note=PUBLISHED_NOTE,
            superseded=board.superseded,
            ablations=_ablations(board),
            open_vocabulary=_open_vocabulary(board),
            robustness=_robustness(board),
            protocols=board.protocols,
            skipped=board.skipped,
            **_figures(board),
        )
    )
