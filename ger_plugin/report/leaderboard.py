"""``ger leaderboard``: GER results of any number of models -> the paper's Tables 3-7 plus a summary.

Pipeline: :mod:`ger_plugin.report.results` finds and loads the host's result files (newest per model,
dataset and variant), :func:`build` turns them into plain tables (this module), and one renderer
per format writes them (:mod:`ger_plugin.report.tables` for md/csv/json,
:mod:`ger_plugin.report.html` for the self-contained web page).

GER score (the summary's last column): for each of the five tasks, the mean over that task's
paper datasets (the columns of Tables 3-7, i.e. ``GER_ALL``) of the dataset's primary metric
(the first metric the paper reports: acc, WAR or WF1, scored with the GER standard protocol);
the GER score is the unweighted mean of the five task means. A model missing a dataset gets
the mean over the datasets it has, marked partial; a model missing a whole task gets the mean
over the tasks it has, marked partial. Partial scores are not comparable with complete ones.

A model run several times (``ger run --repeats N``) gets cells with the mean over its runs, their
``sd``, ``runs`` and the share of items answered the same in every run; every pair of models on a
dataset gets a paired significance test (:mod:`ger_plugin.report.comparison`). Published results
of newer models (``reference_rows.published_rows``) are listed under each task table, beside our
rows and never ranked with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean

from ger_plugin import catalog
from ger_plugin.catalog import DatasetEntry, Task
from ger_plugin.report import reference_rows, robustness
from ger_plugin.report.comparison import (
    DEFAULT_ALPHA,
    DEFAULT_N_BOOT,
    OutcomeCache,
    Pair,
    agreement,
    paired_comparisons,
    repeat_stats,
)
from ger_plugin.report.reference_rows import PublishedRow
from ger_plugin.report.results import Confusion, LoadReport, Result, load_all, select
from ger_plugin.report.robustness import RobustnessRow

#: Flag a cell when its no-valid-answer (invalid or empty) or failed-call rate exceeds this many percent.
DEFAULT_FLAG_THRESHOLD = 5.0

#: Every protocol a leaderboard number can come from (cells, open-vocabulary rows, robustness rows).
PROTOCOLS = {
    "ger": "GER standard protocol: closed label set, the whole test list, no answer = wrong",
    "paper": "the paper's protocol, published numbers (GPT-4V: answered samples only)",
    "published": "the publishing paper's own protocol (best supervised method)",
    "expected": "expected score of a uniform guess, from the test split's class counts",
    "as_published": "published rows of newer models: each row's own protocol, stated in its `protocol` field",
    "open_vocabulary": "open vocabulary: free emotion words through an emotion-wheel synonym graph, "
    "hit rate averaged over the wheels (after MER-UniBench); polarity WF1 for sentiment",
}
#: the protocol of each reference row kind (model rows use "ger")
REFERENCE_PROTOCOLS = {"gpt4v": "paper", "supervised": "published", "chance": "expected"}

# Row kinds, in the order reference rows follow the models.
MODEL, GPT4V, SUPERVISED, CHANCE = "model", "gpt4v", "supervised", "chance"
REFERENCE_LABELS = {
    GPT4V: "GPT-4V (published)",
    SUPERVISED: "Best supervised (published)",
    CHANCE: "Chance (uniform guess)",
}


@dataclass(frozen=True)
class Column:
    dataset: str  # GER name
    title: str  # as the paper prints it (or the GER name for variants outside the paper)
    metric: str  # GER metric key in result files
    paper_metric: str  # the paper's name for it
    in_score: bool  # counts towards the task average and the GER score

    @property
    def key(self) -> str:
        return f"{self.dataset}:{self.metric}"


@dataclass
class Cell:
    value: float | None
    ci95: tuple[float, float] | None = None
    no_answer_rate: float | None = None  # percent of samples with no valid answer: invalid or unanswered
    failed_rate: float | None = None
    flags: tuple[str, ...] = ()  # "invalid", "failed"
    note: str = ""  # e.g. the supervised method's name
    source: str = ""  # result file (relative to the work dir) the value came from
    runs: int = 1  # how many runs the value is the mean of
    sd: float | None = None  # sample standard deviation over the runs (None for a single run)
    agreement: float | None = None  # percent of items answered the same in every run (repeated runs)
    protocol: str = "ger"  # which protocol the number used: see PROTOCOLS


@dataclass
class Row:
    name: str
    kind: str
    cells: dict[str, Cell] = field(default_factory=dict)  # Column.key -> Cell

    @property
    def is_reference(self) -> bool:
        return self.kind != MODEL


@dataclass
class TaskTable:
    task: Task
    table_number: int
    columns: list[Column]
    rows: list[Row]
    published: list[PublishedRow] = field(default_factory=list)  # newer models as published: never ranked


@dataclass
class SummaryRow:
    name: str
    kind: str
    task_means: dict[str, float | None]  # task group -> mean over its datasets (None = no data)
    task_partial: dict[str, bool]
    ger_score: float | None
    partial: bool
    datasets_scored: int
    flagged_cells: int
    prompt_version: str = ""  # the prompt version every result of the row was made with ("" for references)


@dataclass
class ConfusionPanel:
    row: str
    dataset: str
    confusion: Confusion
    source: str


@dataclass(frozen=True)
class OpenVocabularyRow:
    row: str  # model [setting]
    dataset: str
    metric: str  # "hit" (emotion datasets) or "WF1" (sentiment)
    value: float
    per_wheel: dict[str, float]  # hit rate on each wheel ({} for sentiment)
    ger_value: float | None  # the same run's GER standard score on the dataset's primary metric
    protocol: str = "open_vocabulary"


def _open_vocabulary_rows(chosen: Sequence[Result]) -> list[OpenVocabularyRow]:
    rows = []
    for r in chosen:
        if not r.open_vocabulary:
            continue
        metric = "hit" if "hit" in r.open_vocabulary else "WF1"
        wheels = {k[4:]: v for k, v in r.open_vocabulary.items() if k.startswith("hit_")}
        name = f"{row_name(r)} (run {r.repeat})" if r.repeat else row_name(r)
        rows.append(
            OpenVocabularyRow(
                name, r.base_dataset, metric, r.open_vocabulary[metric], wheels, r.metrics.get(r.entry.primary_metric)
            )
        )
    return rows


#: Modality ablation columns, in the order emotion papers print them (VT is the paper's "multi").
ABLATION_COLUMNS = ("V", "A", "T", "VT", "AV", "AVT")


@dataclass
class AblationTable:
    """One multimodal release: each model's score per input kind, side by side (one metric)."""

    release: str  # GER release name, e.g. GER_MER2023
    metric: str  # GER metric key (the release's primary metric)
    paper_metric: str
    columns: list[tuple[str, str]]  # (letters, GER dataset name), in ABLATION_COLUMNS order
    rows: list[Row]  # Row.cells keyed by the letters


@dataclass
class Leaderboard:
    tables: list[TaskTable]
    summary: list[SummaryRow]
    confusions: list[ConfusionPanel]
    sources: list[dict[str, str]]  # one per result used: row, dataset, file, run, created
    skipped: list[tuple[str, str]]  # (file, why)
    flag_threshold: float
    work_dir: str = ""
    pairs: list[Pair] = field(default_factory=list)  # paired tests between model rows, per dataset and metric
    alpha: float = DEFAULT_ALPHA  # a pair's difference holds when its Holm-corrected p-value is below this
    unpaired: list[tuple[str, str]] = field(default_factory=list)  # (samples file, why) left out of pairs
    superseded: list[tuple[str, str]] = field(default_factory=list)  # (file, why): results of an older prompt
    #: score against frames and price, where a model ran a video dataset at 2+ frame counts
    frame_series: list = field(default_factory=list)  # list[report.frames.FrameSeries]
    #: variant runs beside their clean runs (drop, flip rate); never ranked in the tables above
    robustness: list[RobustnessRow] = field(default_factory=list)
    #: the same runs scored with the open-vocabulary protocol, one row per model x dataset
    open_vocabulary: list[OpenVocabularyRow] = field(default_factory=list)
    #: protocol name -> what it means; every number above names one of these
    protocols: dict[str, str] = field(default_factory=lambda: dict(PROTOCOLS))
    ablations: list[AblationTable] = field(default_factory=list)

    def table(self, task: Task) -> TaskTable:
        return next(t for t in self.tables if t.task is task)


def row_name(result: Result) -> str:
    return f"{result.model} [{result.variant}]" if result.variant else result.model


def _columns(task: Task, extra: Sequence[DatasetEntry]) -> list[Column]:
    cols = []
    for name in catalog.TASK_GROUPS[task.group]:
        entry = catalog.DATASETS[name]
        paper = entry.paper
        assert paper is not None  # task groups hold the paper's rows only
        for m in paper.metrics:
            cols.append(Column(name, paper.row_name, reference_rows.ger_metric(entry, m), m, True))
    for entry in extra:  # variants outside the paper (folds, single modality...): shown, not scored
        m = entry.primary_metric
        cols.append(Column(entry.name, entry.name, reference_rows.ger_metric(entry, m), m, False))
    return cols


def _rel(path: Path, work_dir: Path | None) -> str:
    try:
        return str(path.relative_to(work_dir)) if work_dir else str(path)
    except ValueError:
        return str(path)


def _model_cell(
    runs: Sequence[Result], metric: str, threshold: float, work_dir: Path | None, cache: OutcomeCache
) -> Cell:
    """One run: its value and bootstrap CI. Several runs: the mean, sd, runs and agreement."""
    no_answer = mean(r.no_answer_rate for r in runs)
    failed = mean(r.failed_rate for r in runs)
    flags = tuple(name for name, rate in (("invalid", no_answer), ("failed", failed)) if rate > threshold)
    source = _rel(runs[0].path, work_dir)
    if len(runs) == 1:
        result = runs[0]
        return Cell(result.metrics.get(metric), result.ci95.get(metric), no_answer, failed, flags, source=source)
    value, sd, n = repeat_stats(runs, metric)
    outcomes = [cache.get(r) for r in runs]
    share = agreement([o for o in outcomes if o is not None]) if all(o is not None for o in outcomes) else None
    return Cell(value, None, no_answer, failed, flags, source=source, runs=n, sd=sd, agreement=share)


def _reference_rows(columns: list[Column]) -> list[Row]:
    rows = {kind: Row(REFERENCE_LABELS[kind], kind) for kind in (GPT4V, SUPERVISED, CHANCE)}
    for col in columns:
        entry = catalog.DATASETS[col.dataset]
        gpt4v = reference_rows.gpt4v_scores(entry)
        best = reference_rows.supervised_scores(entry)
        chance = reference_rows.chance_scores(entry)
        rows[GPT4V].cells[col.key] = Cell(gpt4v.get(col.metric), protocol=REFERENCE_PROTOCOLS[GPT4V])
        method, value = best.get(col.metric, ("", None))
        rows[SUPERVISED].cells[col.key] = Cell(value, note=method, protocol=REFERENCE_PROTOCOLS[SUPERVISED])
        rows[CHANCE].cells[col.key] = Cell(chance.get(col.metric), protocol=REFERENCE_PROTOCOLS[CHANCE])
    return list(rows.values())


def _summary(tables: list[TaskTable], rows_in_order: list[tuple[str, str]]) -> list[SummaryRow]:
    out = []
    for name, kind in rows_in_order:
        task_means: dict[str, float | None] = {}
        task_partial: dict[str, bool] = {}
        scored = flagged = 0
        for table in tables:
            row = next((r for r in table.rows if r.name == name), None)
            # primary metric = the first column of each scored dataset
            primary = [
                c
                for i, c in enumerate(table.columns)
                if c.in_score and (i == 0 or table.columns[i - 1].dataset != c.dataset)
            ]
            values = []
            for col in primary:
                cell = row.cells.get(col.key) if row else None
                if cell is not None and cell.value is not None:
                    values.append(cell.value)
                    flagged += bool(cell.flags)
            scored += len(values)
            task_means[table.task.group] = mean(values) if values else None
            task_partial[table.task.group] = 0 < len(values) < len(primary)
        present = [v for v in task_means.values() if v is not None]
        ger = mean(present) if present else None
        partial = any(task_partial.values()) or len(present) < len(tables)
        out.append(SummaryRow(name, kind, task_means, task_partial, ger, partial and ger is not None, scored, flagged))
    return out


def _ablations(
    by_row: dict[str, dict[str, list[Result]]], threshold: float, work_dir: Path | None, cache: OutcomeCache
) -> list[AblationTable]:
    """Per release with variants of several input kinds (V, A, T, VT, AV, AVT) that some model ran:
    each model's primary score per kind. Default frame counts only (frame variants are other rows)."""
    out = []
    for source_key in catalog.SOURCES:
        kinds: dict[str, DatasetEntry] = {}
        for entry in catalog.by_source(source_key):  # the first entry per kind (DFEW: fold 1, not fold 2)
            if entry.modality.letters:
                kinds.setdefault(entry.modality.letters, entry)
        if len(kinds) < 2:
            continue
        columns = [(letters, kinds[letters].name) for letters in ABLATION_COLUMNS if letters in kinds]
        base = next(iter(kinds.values()))
        metric = reference_rows.ger_metric(base, base.primary_metric)
        rows = []
        for name, per_dataset in by_row.items():
            row = Row(name, MODEL)
            for letters, dataset in columns:
                if dataset in per_dataset:
                    row.cells[letters] = _model_cell(per_dataset[dataset], metric, threshold, work_dir, cache)
            if row.cells:
                rows.append(row)
        if rows and any(len(r.cells) > 1 for r in rows):  # one kind alone is no ablation
            out.append(AblationTable(catalog.release_name(source_key), metric, base.primary_metric, columns, rows))
    return out


def build(
    results: Sequence[Result],
    *,
    flag_threshold: float = DEFAULT_FLAG_THRESHOLD,
    work_dir: Path | None = None,
    skipped: Sequence[tuple[Path, str]] = (),
    n_boot: int = DEFAULT_N_BOOT,
    alpha: float = DEFAULT_ALPHA,
) -> Leaderboard:
    """The newest result per (model, dataset, variant, repeat) -> one table per task, a summary,
    confusions, and paired tests between the model rows (none when ``n_boot`` is 0).

    Each row uses one prompt version (its newest); results of older prompt versions are left out and
    listed in ``superseded`` (see :func:`ger_plugin.report.results.select`).
    """
    everything, superseded = select(results)
    versions = {row_name(r): r.prompt_version for r in everything}
    # robustness variants (corrupted images, prompt variants) stay out of the tables and the ranking:
    # they appear in ``robustness`` beside their clean runs
    chosen = [r for r in everything if not r.robustness]
    by_row: dict[str, dict[str, list[Result]]] = {}
    for r in chosen:
        by_row.setdefault(row_name(r), {}).setdefault(r.base_dataset, []).append(r)
    cache = OutcomeCache()
    paper_names = set(catalog.TASK_GROUPS["GER_ALL"])
    tables = []
    for task in Task:
        extra = [
            catalog.DATASETS[name]
            for name in sorted(
                {r.base_dataset for r in chosen if r.entry.task is task and r.base_dataset not in paper_names}
            )
        ]
        columns = _columns(task, extra)
        rows = []
        for name, per_dataset in by_row.items():
            row = Row(name, MODEL)
            for col in columns:
                if col.dataset in per_dataset:
                    row.cells[col.key] = _model_cell(
                        per_dataset[col.dataset], col.metric, flag_threshold, work_dir, cache
                    )
            if row.cells:  # a model with nothing in this task gets no empty row here
                rows.append(row)
        rows.extend(_reference_rows(columns))
        shown = {c.dataset for c in columns}
        published = [p for p in reference_rows.published_rows() if p.dataset in shown]
        tables.append(TaskTable(task, catalog.TASK_TABLES[task], columns, rows, published))
    order = [(name, MODEL) for name in by_row] + [(label, kind) for kind, label in REFERENCE_LABELS.items()]
    summary = _summary(tables, order)
    for srow in summary:
        srow.prompt_version = versions.get(srow.name, "") if srow.kind == MODEL else ""
    # models best first (complete scores before partial ones), references last in a fixed order
    rank = {
        s.name: i
        for i, s in enumerate(
            sorted(
                (s for s in summary if s.kind == MODEL),
                key=lambda s: (s.ger_score is None, s.partial, -(s.ger_score or 0.0), s.name),
            )
        )
    }
    summary.sort(key=lambda s: rank.get(s.name, len(rank)))
    for table in tables:
        table.rows.sort(key=lambda r: rank.get(r.name, len(rank)))
    ranked_rows = sorted(by_row, key=lambda name: rank.get(name, len(rank)))
    metrics: dict[str, list[str]] = {}
    for table in tables:
        for col in table.columns:
            metrics.setdefault(col.dataset, []).append(col.metric)
    pairs = (
        []
        if n_boot == 0
        else paired_comparisons(
            {name: by_row[name] for name in ranked_rows}, metrics, cache, n_boot=n_boot, alpha=alpha
        )
    )
    # one confusion panel per row and dataset: the first run of a repeated model
    confusions = [
        ConfusionPanel(row_name(r), r.base_dataset, r.confusion, _rel(r.path, work_dir))
        for r in chosen
        if r.confusion is not None and r.repeat <= 1
    ]
    sources = [
        {
            "row": row_name(r),
            "dataset": r.base_dataset,
            "ran_as": r.dataset,
            "run": r.run,
            "repeat": str(r.repeat or ""),
            "seed": "" if r.seed is None else str(r.seed),
            "temperature": "" if r.temperature is None else f"{r.temperature:g}",
            "prompt_version": r.prompt_version,
            "file": _rel(r.path, work_dir),
            "created": r.created.isoformat(),
        }
        for r in chosen
    ]
    ablations = _ablations(by_row, flag_threshold, work_dir, cache)
    for ablation in ablations:
        ablation.rows.sort(key=lambda r: rank.get(r.name, len(rank)))
    sources += [
        {
            "row": row_name(r),
            "dataset": r.base_dataset,
            "ran_as": r.dataset,
            "run": r.run,
            "repeat": str(r.repeat or ""),
            "seed": "" if r.seed is None else str(r.seed),
            "temperature": "" if r.temperature is None else f"{r.temperature:g}",
            "prompt_version": r.prompt_version,
            "file": _rel(r.path, work_dir),
            "created": r.created.isoformat(),
        }
        for r in everything
        if r.robustness
    ]
    from ger_plugin.report.frames import frame_series  # here: frames imports this module's neighbours

    return Leaderboard(
        tables,
        summary,
        confusions,
        sources,
        [(_rel(p, work_dir), why) for p, why in skipped],
        flag_threshold,
        str(work_dir) if work_dir else "",
        pairs,
        alpha,
        [(_rel(Path(p), work_dir), why) for p, why in cache.problems],
        frame_series=frame_series([r for r in results if not r.robustness]),
        robustness=robustness.build(everything, lambda p: _rel(p, work_dir)),
        open_vocabulary=_open_vocabulary_rows(chosen),
        ablations=ablations,
        superseded=[
            (
                _rel(r.path, work_dir),
                f"prompt version {r.prompt_version!r}; row {row_name(r)} uses {versions[row_name(r)]!r}",
            )
            for r in superseded
            if r.prompt_version != versions[row_name(r)]
        ],
    )


def from_work_dir(
    work_dir: Path,
    models: Sequence[str] | None = None,
    flag_threshold: float = DEFAULT_FLAG_THRESHOLD,
    *,
    n_boot: int = DEFAULT_N_BOOT,
    alpha: float = DEFAULT_ALPHA,
) -> Leaderboard:
    report: LoadReport = load_all(Path(work_dir), models)
    return build(
        report.results,
        flag_threshold=flag_threshold,
        work_dir=Path(work_dir),
        skipped=report.skipped,
        n_boot=n_boot,
        alpha=alpha,
    )
