"""``ger reproduce-paper``: replay the paper's released GPT-4V predictions through :mod:`scoring`.

Reads a folder in the layout of gpt4v-emotion's public ``results/`` (``<dir>/label.csv`` = the
whole test list, ``<dir>/label-gpt4v*.csv`` = the answered rows; see catalog ``PaperRun``) and
reports, per published number of Tables 3-7, the paper's value, our recomputation under the
paper's protocol, and the GER standard score. Any subset of the datasets may be present; a bad
file is reported with its file and line and the other datasets are still scored.

Without ``--results`` the public repository's results are downloaded (pinned revision) into
``$GER_HOME`` (default ``~/.cache/ger``) and extracted safely.
"""

from __future__ import annotations

import csv
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from ger_plugin import catalog
from ger_plugin.catalog import DatasetEntry, Scoring
from ger_plugin.core.labels import normalize, normalize_all
from ger_plugin.core.scoring import sample_key, score_ger, score_paper
from ger_plugin.data.paths import ger_home
from ger_plugin.errors import DataError, GerError

COLUMNS = ("name", "gt", "gpt4v")
JSON_KEYS = ("dataset", "table", "metric", "paper", "paper_protocol", "ger_acc", "answered", "total", "invalid")
DEFAULT_URL = f"https://codeload.github.com/{catalog.PAPER_RESULTS_REPO}/tar.gz/{catalog.PAPER_RESULTS_REVISION}"
GER_CHANGES = (
    "Column ger = the same metric under the ger protocol: the whole test list (label file) is the "
    "population, labels are canonical (surprise = surprised), unanswered and out-of-set answers count "
    "as wrong, Abstract/ArtPhoto are scored on their 8 emotions, CMU-MOSI/CH-SIMS on binary accuracy "
    "over non-zero gold."
)


# --------------------------------------------------------------------------------------
# Reading the released files
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvRow:
    line: int  # 1-based line number in the file (header = line 1)
    name: str
    gt: str
    gpt4v: str


def read_results_csv(path: Path) -> list[CsvRow]:
    """The rows of one ``name,gt,gpt4v`` file; a clear DataError names the file and line."""
    try:
        handle = open(path, newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}", path=path) from None
    rows: list[CsvRow] = []
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                raise DataError("empty file (expected a header name,gt,gpt4v)", path=path, line=1)
            header = [h.strip() for h in header]
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                raise DataError(
                    f"missing column {missing[0]!r} (header is {','.join(header)})", path=path, line=1, field=missing[0]
                )
            where = {c: header.index(c) for c in COLUMNS}
            for record in reader:
                line = reader.line_num  # physical line where the record ends
                if not record or all(not cell.strip() for cell in record):
                    continue
                if len(record) != len(header):
                    raise DataError(
                        f"{len(record)} fields, expected {len(header)} ({','.join(header)})", path=path, line=line
                    )
                rows.append(CsvRow(line, *(record[where[c]] for c in COLUMNS)))
        except csv.Error as exc:
            raise DataError(f"malformed CSV: {exc}", path=path, line=reader.line_num) from None
        except UnicodeDecodeError as exc:
            raise DataError(f"not UTF-8 text: {exc.reason}", path=path) from None
    return rows


def ranked_answer(text: str) -> list[str]:
    """The raw ranked list of a ``gpt4v`` cell (comma-joined, best first)."""
    return [item.strip() for item in text.split(",") if item.strip()]


def _gold_label(entry: DatasetEntry, raw: str) -> str | None:
    """Canonical gold for a label-file cell: the release's own codes first, then the vocabulary."""
    raw = raw.strip()
    label = entry.original_labels.get(raw) or normalize(raw)
    return label if label in entry.labels else None


def load_gold(entry: DatasetEntry, path: Path) -> dict[str, object]:
    gold: dict[str, object] = {}
    for row in read_results_csv(path):
        key = sample_key(row.name)
        if not key:
            raise DataError("empty sample name", path=path, line=row.line, field="name")
        if entry.scoring is Scoring.SENTIMENT_INTENSITY:
            try:
                value: object = float(row.gt)
            except ValueError:
                raise DataError(
                    f"sentiment score {row.gt!r} is not a number", path=path, line=row.line, field="gt"
                ) from None
        else:
            value = _gold_label(entry, row.gt)
            if value is None:
                raise DataError(
                    f"unknown label {row.gt.strip()!r} for {entry.name} (expected one of {', '.join(entry.labels)})",
                    path=path,
                    line=row.line,
                    field="gt",
                )
        gold.setdefault(key, value)  # a name listed twice keeps its first label
    if not gold:
        raise DataError("no rows", path=path)
    return gold


def load_predictions(
    entry: DatasetEntry, path: Path
) -> tuple[list[tuple[str, list[str]]], dict[str, tuple[str, ...] | None]]:
    """Raw rows for the paper protocol and canonical ranked answers (by sample key) for ger."""
    raw_rows: list[tuple[str, list[str]]] = []
    answers: dict[str, tuple[str, ...] | None] = {}
    sentiment = entry.scoring is Scoring.SENTIMENT_INTENSITY
    for row in read_results_csv(path):
        if sentiment:
            try:
                float(row.gt)
            except ValueError:
                raise DataError(
                    f"sentiment score {row.gt!r} is not a number", path=path, line=row.line, field="gt"
                ) from None
        elif not row.gt.strip():
            raise DataError("empty ground truth", path=path, line=row.line, field="gt")
        ranked = ranked_answer(row.gpt4v)
        raw_rows.append((row.gt, ranked))
        answers.setdefault(sample_key(row.name), normalize_all(ranked) if ranked else None)
    if not raw_rows:
        raise DataError("no prediction rows", path=path)
    return raw_rows, answers


# --------------------------------------------------------------------------------------
# Replaying a results folder
# --------------------------------------------------------------------------------------


@dataclass
class Replay:
    rows: list[dict] = field(default_factory=list)  # one per (dataset, metric), JSON_KEYS (+ "ger")
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def replay_entry(entry: DatasetEntry, results: Path, errors: list[str] | None = None) -> list[dict]:
    """The report rows of one catalog entry.

    A bad prediction file raises DataError (nothing to report). A bad or missing label file
    only loses the ger columns (None): the paper-protocol number is kept and the problem is
    appended to ``errors``.
    """
    run, paper = entry.paper_run, entry.paper
    assert run is not None and paper is not None
    folder = results / run.results_dir
    raw_rows, answers = load_predictions(entry, folder / run.prediction_file)
    paper_scores = score_paper(entry, raw_rows)
    ger: dict | None = None
    try:
        ger = score_ger(entry, load_gold(entry, folder / run.label_file), answers, n_boot=0)
    except GerError as exc:
        if errors is None:
            raise
        errors.append(f"{entry.name}: {exc} (ger protocol skipped)")
    out = []
    for metric, value in paper.gpt4v.items():
        out.append(
            {
                "dataset": entry.name,
                "table": paper.table,
                "metric": metric,
                "paper": float(value),
                "paper_protocol": float(paper_scores[metric]),
                "ger_acc": float(ger["metrics"]["acc"]) if ger else None,
                "answered": int(ger["n_answered"]) if ger else None,
                "total": int(ger["n_total"]) if ger else None,
                "invalid": int(ger["n_invalid"]) if ger else None,
                "ger": float(ger["metrics"][metric]) if ger else None,  # same metric under ger (text table)
                "scored": int(paper_scores["n_scored"]),
            }
        )
    return out


def replay(results: Path) -> Replay:
    """Replay every catalog entry with a published number whose prediction file is present."""
    if not results.is_dir():
        raise GerError(f"results folder not found: {results}")
    report = Replay()
    for entry in catalog.paper_entries():
        run = entry.paper_run
        if run is None:
            continue
        folder = results / run.results_dir
        if not folder.is_dir():
            continue
        if not (folder / run.prediction_file).is_file():
            report.errors.append(f"{folder / run.prediction_file}: prediction file not found ({entry.name} skipped)")
            continue
        try:
            report.rows.extend(replay_entry(entry, results, report.errors))
        except GerError as exc:
            report.errors.append(f"{entry.name}: {exc}")
    if not report.rows and not report.errors:
        expected = ", ".join(sorted({e.paper_run.results_dir for e in catalog.paper_entries() if e.paper_run}))
        raise GerError(f"no paper result folders in {results} (expected some of: {expected})")
    return report


#: Columns of :func:`report_rows`; the text ones are left-aligned in the printed table.
REPORT_COLUMNS = (
    "table",
    "dataset",
    "metric",
    "paper",
    "paper protocol",
    "match",
    "ger",
    "ger acc",
    "answered/total",
    "invalid",
)
_LEFT_COLUMNS = ("dataset", "metric", "match")


def report_rows(rows: list[dict]) -> list[dict[str, str]]:
    """Replay rows -> the printed report's rows (two decimals, ``-`` where there is no number)."""

    def num(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    return [
        {
            "table": str(r["table"]),
            "dataset": r["dataset"],
            "metric": r["metric"],
            "paper": num(r["paper"]),
            "paper protocol": num(r["paper_protocol"]),
            "match": "yes" if round(r["paper_protocol"], 2) == round(r["paper"], 2) else "NO",
            "ger": num(r["ger"]),
            "ger acc": num(r["ger_acc"]),
            "answered/total": "-" if r["total"] is None else f"{r['answered']}/{r['total']}",
            "invalid": "-" if r["invalid"] is None else str(r["invalid"]),
        }
        for r in rows
    ]


def format_report(rows: list[dict]) -> str:
    """The replay as a fixed-width table (numbers right-aligned, names left)."""
    from ger_plugin.report.tables import format_table

    align: dict[str, Literal["left", "right"]] = {c: "left" if c in _LEFT_COLUMNS else "right" for c in REPORT_COLUMNS}
    return format_table(report_rows(rows), REPORT_COLUMNS, align)


# --------------------------------------------------------------------------------------
# Download (no --results)
# --------------------------------------------------------------------------------------


def _safe_members(archive: tarfile.TarFile, dest: Path) -> list[tarfile.TarInfo]:
    """Regular files and folders under ``<top>/results/``; anything that could escape is refused."""
    members = []
    for member in archive.getmembers():
        parts = PurePosixPath(member.name).parts
        if member.name.startswith(("/", "\\")) or ".." in parts or any(":" in p for p in parts[:1]):
            raise GerError(f"refusing unsafe path in the results archive: {member.name!r}")
        if member.issym() or member.islnk() or not (member.isfile() or member.isdir()):
            continue  # links and devices are never needed for CSV files
        if len(parts) >= 2 and parts[1] == "results":
            target = (dest / member.name).resolve()
            if not target.is_relative_to(dest.resolve()):
                raise GerError(f"refusing unsafe path in the results archive: {member.name!r}")
            members.append(member)
    return members


def shown_url(url: str) -> str:
    """``url`` fit for messages: user, password, query and fragment (where tokens go) are dropped."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        netloc = f"{host}:{parts.port}" if parts.port else host
    except ValueError:  # an unparsable URL: show only its scheme
        return url.split(":", 1)[0] + ":<url hidden>"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _hide(text: str, url: str) -> str:
    """``text`` with every credential-bearing part of ``url`` masked (library errors may quote it)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    # not the bare user name: it is no secret and short names would mask ordinary words
    for secret in sorted(
        {parts.password or "", parts.query, parts.fragment, parts.netloc.rpartition("@")[0]}, key=len, reverse=True
    ):
        if secret:
            text = text.replace(secret, "***")
    return text


def download_results(url: str = DEFAULT_URL, cache: Path | None = None, *, timeout: float = 30.0) -> Path:
    """Download and extract the paper's ``results/`` once; returns the extracted folder."""
    cache = (cache or ger_home()) / "paper-results" / catalog.PAPER_RESULTS_REVISION
    done = cache / "results"
    if done.is_dir() and any(done.iterdir()):
        return done
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        archive_path = Path(tmp) / "results.tar.gz"
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response, open(archive_path, "wb") as out:
                shutil.copyfileobj(response, out)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = _hide(str(getattr(exc, "reason", exc)), url)
            raise GerError(
                f"could not download the paper's results from {shown_url(url)} ({reason}); "
                "are you offline? Pass --results DIR with a copy of gpt4v-emotion/results"
            ) from None
        staging = Path(tmp) / "x"
        staging.mkdir()
        try:
            with tarfile.open(archive_path, "r:*") as archive:
                members = _safe_members(archive, staging)
                if not members:
                    raise GerError(f"the archive from {shown_url(url)} has no <repo>/results/ folder")
                if hasattr(tarfile, "data_filter"):  # Python >= 3.10.12: also refuse what the filter refuses
                    archive.extractall(staging, members=members, filter="data")
                else:  # pragma: no cover
                    archive.extractall(staging, members=members)
        except tarfile.TarError as exc:
            raise GerError(f"the download from {shown_url(url)} is not a readable tar archive ({exc})") from None
        top = next(p for p in staging.iterdir() if (p / "results").is_dir())
        if done.is_dir():
            done.rmdir()  # an empty leftover of an interrupted run
        (top / "results").rename(done)
    return done
