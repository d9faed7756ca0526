"""Plain tables, the one home for them: rows -> fixed-width text, Markdown, CSV or JSON.

:func:`format_rows` renders any list of rows (dicts, or sequences with ``columns``) in one of
:data:`ROW_FORMATS`; every command that prints a table (``ger list``, ``ger cost``, ``ger demo``,
``ger reproduce-paper``) and the leaderboard's Markdown and CSV renderers below go through it.
Numbers are right-aligned unless ``align`` says otherwise.

The rest of the module renders a whole :class:`~ger_plugin.report.leaderboard.Leaderboard` as
Markdown, CSV (long format: one line per cell) and JSON.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Literal

from ger_plugin.report.comparison import Pair
from ger_plugin.report.leaderboard import AblationTable, Cell, Leaderboard, SummaryRow, TaskTable
from ger_plugin.report.reference_rows import PublishedRow

#: Every format :func:`format_rows` renders.
ROW_FORMATS = ("table", "md", "csv", "json")
Align = Literal["left", "right"]
RowLike = Mapping[str, object] | Sequence[object]


def _columns_of(rows: Sequence[RowLike], columns: Sequence[str] | None) -> list[str]:
    if columns is not None:
        return list(columns)
    if rows and isinstance(rows[0], Mapping):
        return [str(c) for c in rows[0]]
    raise ValueError("rows that are not dicts need columns")


def _values(rows: Sequence[RowLike], columns: Sequence[str]) -> list[list[object]]:
    out = []
    for row in rows:
        values = [row.get(c, "") for c in columns] if isinstance(row, Mapping) else list(row)
        if len(values) != len(columns):
            raise ValueError(f"row has {len(values)} cells for {len(columns)} columns: {values!r}")
        out.append(values)
    return out


def _alignment(columns: Sequence[str], values: list[list[object]], align: Mapping[str, Align] | None) -> list[Align]:
    """Per column: ``align`` where given, else right when every value is a number, else left."""
    chosen: list[Align] = []
    for i, col in enumerate(columns):
        numeric = bool(values) and all(isinstance(v[i], (int, float)) and not isinstance(v[i], bool) for v in values)
        chosen.append((align or {}).get(col, "right" if numeric else "left"))
    return chosen


def format_table(
    rows: Sequence[RowLike], columns: Sequence[str] | None = None, align: Mapping[str, Align] | None = None
) -> str:
    """A plain fixed-width table: a header, a dashed rule, one line per row; no trailing spaces."""
    if not rows and columns is None:
        return "(no rows)"
    cols = _columns_of(rows, columns)
    values = _values(rows, cols)
    cells = [[str(v) for v in row] for row in values]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(cols)]
    sides = _alignment(cols, values, align)

    def line(texts: Sequence[str]) -> str:
        return "  ".join(
            t.rjust(w) if side == "right" else t.ljust(w) for t, w, side in zip(texts, widths, sides)
        ).rstrip()

    return "\n".join([line(cols), line(["-" * w for w in widths]), *(line(row) for row in cells)])


def _md_cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def format_markdown(
    rows: Sequence[RowLike], columns: Sequence[str] | None = None, align: Mapping[str, Align] | None = None
) -> str:
    """A GitHub-flavoured Markdown table (``---:`` marks right-aligned columns; ``|`` in cells escaped)."""
    cols = _columns_of(rows, columns)
    values = _values(rows, cols)
    rule = ["---:" if side == "right" else "---" for side in _alignment(cols, values, align)]
    lines = ["| " + " | ".join(_md_cell(c) for c in cols) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in values]
    return "\n".join(lines)


def format_csv(rows: Sequence[RowLike], columns: Sequence[str] | None = None) -> str:
    """CSV with a header line (``\\n`` line ends); missing dict keys are empty cells."""
    cols = _columns_of(rows, columns)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(cols)
    writer.writerows(_values(rows, cols))
    return buf.getvalue()


def format_json(rows: Sequence[RowLike], columns: Sequence[str] | None = None) -> str:
    """A JSON list of objects, indented by two."""
    cols = _columns_of(rows, columns) if rows else list(columns or [])
    return json.dumps([dict(zip(cols, row)) for row in _values(rows, cols)], indent=2, default=str)


def format_rows(
    rows: Sequence[RowLike], fmt: str, columns: Sequence[str] | None = None, align: Mapping[str, Align] | None = None
) -> str:
    """``rows`` in one of :data:`ROW_FORMATS` (no trailing newline)."""
    if fmt == "table":
        return format_table(rows, columns, align)
    if fmt == "md":
        return format_markdown(rows, columns, align)
    if fmt == "csv":
        return format_csv(rows, columns).rstrip("\n")
    if fmt == "json":
        return format_json(rows, columns)
    raise ValueError(f"unknown table format {fmt!r}; choose from {', '.join(ROW_FORMATS)}")


DAGGER, DOUBLE_DAGGER = "†", "‡"  # invalid-or-empty-answer rate, failed-call rate above the threshold


def fmt_value(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def cell_markdown(cell: Cell | None) -> str:
    if cell is None or cell.value is None:
        return "–"
    text = fmt_value(cell.value)
    if cell.runs > 1:
        text += f" ± {cell.sd:.2f} ({cell.runs} runs" if cell.sd is not None else f" ({cell.runs} runs"
        text += f", {cell.agreement:.0f}% same)" if cell.agreement is not None else ")"
    if cell.ci95:
        text += f" [{cell.ci95[0]:.1f}, {cell.ci95[1]:.1f}]"
    if cell.note:
        text += f" ({cell.note})"
    marks = ("" if "invalid" not in cell.flags else DAGGER) + ("" if "failed" not in cell.flags else DOUBLE_DAGGER)
    return f"{text}{marks}"


def _row_label(name: str, is_reference: bool) -> str:
    return f"*{name}*" if is_reference else name


def _md_table(header: list[str], body: list[list[str]]) -> list[str]:
    """The leaderboard's Markdown tables: the row name left, every other column right-aligned."""
    align: dict[str, Align] = {c: "right" for c in header[1:]}
    return format_markdown(body, header, align).split("\n")


def _summary_value(row: SummaryRow, value: float | None, partial: bool) -> str:
    return fmt_value(value) + (" (partial)" if partial and value is not None else "")


SCORE_DEFINITION = (
    "GER score = mean over the five tasks of the mean over each task's paper datasets of the "
    "primary metric (acc, WAR or WF1; GER standard protocol). *Italic rows* are references. "
    "Prompt = the prompt version of every result in the row (a row never mixes two)."
)


def summary_markdown(board: Leaderboard) -> list[str]:
    tasks = [t.task for t in board.tables]
    header = ["Model"] + [f"{t.title} (T{board.table(t).table_number})" for t in tasks] + ["GER score", "Prompt"]
    body = [
        [_row_label(r.name, r.kind != "model")]
        + [_summary_value(r, r.task_means[t.group], r.task_partial[t.group]) for t in tasks]
        + [_summary_value(r, r.ger_score, r.partial), r.prompt_version or "–"]
        for r in board.summary
    ]
    return _md_table(header, body)


def task_markdown(table: TaskTable) -> list[str]:
    header = ["Model"] + [
        f"{c.title} {c.paper_metric}" + ("" if c.in_score else " (not scored)") for c in table.columns
    ]
    body = [
        [_row_label(r.name, r.is_reference)] + [cell_markdown(r.cells.get(c.key)) for c in table.columns]
        for r in table.rows
    ]
    return _md_table(header, body)


def figures_text(row: PublishedRow) -> str:
    return ", ".join(f"{metric} {value:g}" for metric, value in row.figures.items())


def protocol_text(row: PublishedRow) -> str:
    return "; ".join(f"{name}: {value}" for name, value in row.protocol.items())


REPEATS_NOTE = (
    "A model run several times (`ger run --repeats N`) shows mean ± sd over its runs, the number of "
    "runs and the share of items answered the same in every run."
)
PUBLISHED_NOTE = (
    "Published results of newer models, each as its source reports it: not re-run, not ranked, "
    "and protocols differ (split, frames, modalities, vocabulary), so compare with care."
)


def published_markdown(table: TaskTable) -> list[str]:
    """Published rows as a Markdown table (the formatter escapes ``|`` in the cells)."""
    body = [
        [
            r.model,
            r.dataset,
            figures_text(r),
            r.setting,
            protocol_text(r),
            r.source.citation,
            "; ".join(r.caveats) or "–",
        ]
        for r in table.published
    ]
    return _md_table(["Model (published)", "Dataset", "Figures", "Setting", "Protocol", "Source", "Caveats"], body)


def pair_verdict(pair: Pair) -> str:
    return "holds" if pair.holds else "not shown"


def pairs_markdown(board: Leaderboard) -> list[str]:
    body = [
        [
            p.dataset,
            p.metric,
            p.model_a,
            p.model_b,
            f"{p.diff:+.2f} [{p.ci[0]:.1f}, {p.ci[1]:.1f}]",
            f"{p.p_value:.3g}",
            f"{p.p_holm:.3g}",
            p.test,
            str(p.n),
            pair_verdict(p),
        ]
        for p in board.pairs
    ]
    return _md_table(
        [
            "Dataset",
            "Metric",
            "Model A",
            "Model B",
            "A − B [95% CI]",
            "p",
            "p (Holm)",
            "Test",
            "Items",
            f"Difference (α = {board.alpha:g})",
        ],
        body,
    )


PAIRS_NOTE = (
    "Paired tests on the items both models answered: exact McNemar for acc/WAR, seeded paired "
    "bootstrap for UAR/WF1; a model run several times enters with its per-item majority answer. "
    "p-values are Holm-corrected over every dataset and metric of a model pair; a difference holds "
    "when the corrected p is below α."
)


def ablation_markdown(table: AblationTable) -> list[str]:
    """One release's modality ablation: V / A / T / VT / AV / AVT side by side."""
    header = ["Model"] + [f"{letters} (`{name}`)" for letters, name in table.columns]
    body = [[r.name] + [cell_markdown(r.cells.get(letters)) for letters, _ in table.columns] for r in table.rows]
    return _md_table(header, body)


def legend_markdown(board: Leaderboard) -> list[str]:
    return [
        f"Cells: score [bootstrap 95% CI]. {DAGGER} invalid or empty answers > {board.flag_threshold:g}%, "
        f"{DOUBLE_DAGGER} failed-call rate > {board.flag_threshold:g}%: such scores are not comparable.",
        "Chance = expected score of guessing one label uniformly at random (computed from the test "
        "split's class counts). GPT-4V and best supervised are the paper's published numbers under its "
        "own protocol (GPT-4V: answered samples only), not re-scored.",
    ]


def protocols_markdown(board: Leaderboard) -> list[str]:
    """Which protocol every number used: model cells ``ger``, reference rows theirs, and the two sections below."""
    from ger_plugin.report.leaderboard import REFERENCE_LABELS, REFERENCE_PROTOCOLS

    lines = ["## Protocols", "", "- Model rows of the tables above: `ger`."]
    lines += [f"- {REFERENCE_LABELS[kind]}: `{proto}`." for kind, proto in REFERENCE_PROTOCOLS.items()]
    lines += [
        "- Published rows under each table: `as_published` (each row states its own protocol).",
        "- Open-vocabulary section: `open_vocabulary`; robustness section: `ger`.",
        "",
    ]
    lines += [f"- `{name}`: {text}" for name, text in board.protocols.items()]
    return lines


def open_vocabulary_markdown(board: Leaderboard) -> list[str]:
    if not board.open_vocabulary:
        return []
    wheels = sorted({w for r in board.open_vocabulary for w in r.per_wheel})
    header = ["Model", "Dataset", "Metric", "Open vocabulary"] + [f"hit {w}" for w in wheels] + ["GER standard"]
    body = [
        [r.row, r.dataset, r.metric, fmt_value(r.value)]
        + [fmt_value(r.per_wheel.get(w)) for w in wheels]
        + [fmt_value(r.ger_value)]
        for r in board.open_vocabulary
    ]
    about = (
        "The same runs scored on free emotion words through an emotion-wheel synonym graph (hit rate "
        "averaged over the wheels, after MER-UniBench; polarity WF1 for sentiment datasets). Not comparable "
        "with the closed-set tables."
    )
    return ["## Open-vocabulary protocol", "", about, "", *_md_table(header, body), ""]


def robustness_markdown(board: Leaderboard) -> list[str]:
    if not board.robustness:
        return []
    header = [
        "Model",
        "Dataset",
        "Variant",
        "Metric",
        "Clean",
        "Variant score",
        "Drop (points)",
        "Flip rate %",
        "Samples compared",
    ]
    body = [
        [
            r.model,
            r.dataset,
            r.variant,
            r.metric,
            fmt_value(r.clean),
            fmt_value(r.score),
            "–" if r.drop is None else f"{r.drop:+.2f}",
            fmt_value(r.flip_rate),
            str(r.n_compared),
        ]
        for r in board.robustness
    ]
    about = (
        "Each variant run (corrupted images `_Blur3` ..., prompt variants `_P1` paraphrased, `_P2` shuffled "
        "labels) beside the same model's clean run: drop = clean minus variant score; flip rate = share of "
        "samples whose parsed answer changed."
    )
    return ["## Robustness and prompt sensitivity", "", about, "", *_md_table(header, body), ""]


def render_markdown(board: Leaderboard) -> str:
    out = ["# GER leaderboard", ""]
    if board.work_dir:
        out += [f"Results from `{board.work_dir}`; newest run per model, dataset and variant.", ""]
    out += ["## Summary", ""] + summary_markdown(board) + ["", SCORE_DEFINITION, ""]
    for table in board.tables:
        out += [f"## Table {table.table_number}: {table.task.title}", ""] + task_markdown(table) + [""]
        if table.published:
            out += [f"Published results on these datasets (Table {table.table_number}; not ranked)", ""]
            out += published_markdown(table) + [""]
    if board.ablations:
        out += [
            "## Modality ablation",
            "",
            "Each model's primary score on one release per input: V video, A sound, T transcript, "
            "and their combinations (VT is the paper's multimodal setting).",
            "",
        ]
        for ablation in board.ablations:
            out += [f"### {ablation.release} ({ablation.paper_metric})", ""] + ablation_markdown(ablation) + [""]
    out += legend_markdown(board) + ["", REPEATS_NOTE, "", PUBLISHED_NOTE, ""]
    if board.pairs:
        out += ["## Paired comparisons", ""] + pairs_markdown(board) + ["", PAIRS_NOTE, ""]
    if board.unpaired:
        out += [
            f"{len(board.unpaired)} result file(s) have no per-sample file and are left out of the paired "
            f"tests (e.g. `{board.unpaired[0][0]}`).",
            "",
        ]
    out += open_vocabulary_markdown(board) + robustness_markdown(board) + protocols_markdown(board) + [""]
    if board.sources:
        out += ["## Sources", ""]
        out += _md_table(
            ["Row", "Dataset", "Ran as", "Repeat", "Seed", "Temperature", "Prompt", "File", "Created"],
            [
                [
                    s["row"],
                    s["dataset"],
                    s["ran_as"],
                    s.get("repeat", ""),
                    s.get("seed", ""),
                    s.get("temperature", ""),
                    s.get("prompt_version", ""),
                    f"`{s['file']}`",
                    s["created"],
                ]
                for s in board.sources
            ],
        ) + [""]
    if board.superseded:
        out += ["## Not used: older prompt versions", ""]
        out += [f"- `{path}`: {why}" for path, why in board.superseded] + [""]
    if board.skipped:
        out += ["## Skipped files", ""] + [f"- `{path}`: {why}" for path, why in board.skipped] + [""]
    return "\n".join(out)


CSV_FIELDS = (
    "table",
    "task",
    "row",
    "kind",
    "dataset",
    "metric",
    "value",
    "ci95_lo",
    "ci95_hi",
    "no_answer_rate",
    "failed_rate",
    "flags",
    "note",
    "in_score",
    "source",
    "runs",
    "sd",
    "agreement",
    "protocol",
    "prompt_version",
)


def render_csv(board: Leaderboard) -> str:
    """Long format: one line per cell of every task table, then the summary as ``table=summary``."""
    prompts = {s.name: s.prompt_version for s in board.summary}
    lines: list[dict[str, object]] = []
    for table in board.tables:
        for row in table.rows:
            for col in table.columns:
                cell = row.cells.get(col.key)
                if cell is None or cell.value is None:
                    continue
                lines.append(
                    {
                        "table": table.table_number,
                        "task": table.task.group,
                        "row": row.name,
                        "kind": row.kind,
                        "dataset": col.dataset,
                        "metric": col.metric,
                        "value": round(cell.value, 4),
                        "ci95_lo": cell.ci95[0] if cell.ci95 else "",
                        "ci95_hi": cell.ci95[1] if cell.ci95 else "",
                        "no_answer_rate": "" if cell.no_answer_rate is None else cell.no_answer_rate,
                        "failed_rate": "" if cell.failed_rate is None else cell.failed_rate,
                        "flags": ";".join(cell.flags),
                        "note": cell.note,
                        "in_score": int(col.in_score),
                        "source": cell.source,
                        "runs": cell.runs,
                        "sd": "" if cell.sd is None else cell.sd,
                        "agreement": "" if cell.agreement is None else cell.agreement,
                        "protocol": cell.protocol,
                        "prompt_version": prompts.get(row.name, ""),
                    }
                )
        for pub in table.published:  # beside our rows, never ranked or scored
            for metric, value in pub.figures.items():
                lines.append(
                    {
                        "table": table.table_number,
                        "task": table.task.group,
                        "row": pub.model,
                        "kind": "published",
                        "dataset": pub.dataset,
                        "metric": metric,
                        "value": value,
                        "note": f"{pub.setting}; {pub.source.citation}",
                        "in_score": 0,
                        "protocol": "as_published",
                    }
                )
    for srow in board.summary:
        for group, mean_score in [*srow.task_means.items(), ("GER_score", srow.ger_score)]:
            if mean_score is None:
                continue
            partial = srow.partial if group == "GER_score" else srow.task_partial[group]
            lines.append(
                {
                    "table": "summary",
                    "task": group,
                    "row": srow.name,
                    "kind": srow.kind,
                    "metric": "mean_primary",
                    "value": round(mean_score, 4),
                    "flags": "partial" if partial else "",
                    "in_score": 1,
                    "protocol": "ger",
                    "prompt_version": srow.prompt_version,
                }
            )
    for ov in board.open_vocabulary:
        lines.append(
            {
                "table": "open_vocabulary",
                "row": ov.row,
                "kind": "model",
                "dataset": ov.dataset,
                "metric": ov.metric,
                "value": round(ov.value, 4),
                "in_score": 0,
                "protocol": ov.protocol,
            }
        )
    for rb in board.robustness:
        for metric, number in (("drop", rb.drop), ("flip_rate", rb.flip_rate)):
            if number is not None:
                lines.append(
                    {
                        "table": "robustness",
                        "row": rb.model,
                        "kind": "model",
                        "dataset": rb.dataset,
                        "metric": f"{metric}:{rb.variant}",
                        "value": round(number, 4),
                        "in_score": 0,
                        "note": f"{rb.metric}; clean {fmt_value(rb.clean)}, {rb.variant} {fmt_value(rb.score)}",
                        "source": rb.source,
                        "protocol": "ger",
                    }
                )
    return format_csv(lines, CSV_FIELDS)


def render_json(board: Leaderboard) -> str:
    data = asdict(board)
    for table in data["tables"]:
        table["task"] = table["task"].group if hasattr(table["task"], "group") else table["task"]
    return json.dumps(data, indent=2, default=str) + "\n"
