"""Find and load the GER result files the host adapter writes into a VLMEvalKit work dir.

Layout (written by ``ger_plugin.host``): ``{work_dir}/{model}/{model}_{dataset}_ger_metrics.json``,
possibly inside run subfolders ``{work_dir}/{model}/T<timestamp>_.../``. One file = one model run on
one dataset (or frames/batch variant). Bad files are reported by name and skipped by
:func:`load_all`; nothing here computes scores (that is ``ger_plugin.core.scoring``'s job).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from ger_plugin import catalog
from ger_plugin.errors import DataError

#: The result-file format this reader understands (``ger_format`` field).
SUPPORTED_FORMAT = 1
RESULT_SUFFIX = "_ger_metrics.json"

_REQUIRED_TOP = ("ger_format", "model", "dataset", "base_dataset", "created", "ger")
_REQUIRED_GER = ("metrics", "n_total")


@dataclass(frozen=True)
class Confusion:
    """Rows = gold labels, columns = predicted labels plus a last ``none`` column (no valid answer)."""

    labels: tuple[str, ...]
    matrix: tuple[tuple[int, ...], ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return self.labels + ("none",)


@dataclass(frozen=True)
class Result:
    """One loaded ``*_ger_metrics.json``: who ran what, when, and the GER protocol's numbers."""

    path: Path
    model: str
    dataset: str  # the name the host ran (may carry a variant suffix)
    base_dataset: str  # catalog name
    frames: int
    batch: bool
    prompt_version: str
    created: datetime
    metrics: Mapping[str, float]  # percent
    ci95: Mapping[str, tuple[float, float]]
    n_total: int
    invalid_rate: float  # percent: answered, but no label of the set
    failed_rate: float  # percent
    confusion: Confusion | None
    unanswered_rate: float = 0.0  # percent: empty answers (neither invalid nor failed)
    run: str = ""  # the run subfolder under {work_dir}/{model}/ ("" = the model folder itself)
    usage: Mapping[str, Any] | None = None  # token usage, when the host recorded it
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def entry(self) -> catalog.DatasetEntry:
        return catalog.DATASETS[self.base_dataset]

    @property
    def no_answer_rate(self) -> float:
        """Percent of samples the model answered with no usable label (invalid or empty), calls that
        failed aside."""
        return self.invalid_rate + self.unanswered_rate

    @property
    def variant(self) -> str:
        """``""`` for the catalog's default setting, else e.g. ``8 frames`` / ``batch`` / ``8 frames, batch``."""
        parts = []
        if self.frames and self.frames != self.entry.default_frames:
            parts.append(f"{self.frames} frames")
        if self.batch:
            parts.append("batch")
        return ", ".join(parts)


def discover(work_dir: Path) -> list[Path]:
    """Every GER result file under ``work_dir`` (any depth), sorted for a stable order."""
    work_dir = Path(work_dir)
    if not work_dir.is_dir():
        raise DataError("work dir does not exist or is not a directory", path=work_dir)
    return sorted(p for p in work_dir.rglob(f"*{RESULT_SUFFIX}") if p.is_file())


def _parse_time(value: Any, path: Path) -> datetime:
    try:
        stamp = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise DataError(f"not an ISO time: {value!r}", path=path, field="created") from exc
    # naive times are taken as UTC so that naive and aware stamps can be compared
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)


def _number(value: Any, path: Path, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataError(f"expected a number, got {value!r}", path=path, field=name)
    return float(value)


def _run_folder(path: Path, work_dir: Path | None) -> str:
    if work_dir is None:
        return ""
    rel = path.relative_to(work_dir).parts  # model/[run/...]/file
    return "/".join(rel[1:-1])


def load(path: Path, work_dir: Path | None = None) -> Result:
    """Load one result file; :class:`DataError` naming the file and field for anything malformed."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read: {exc}", path=path) from exc
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON ({exc.msg})", path=path, line=exc.lineno) from exc
    if not isinstance(data, dict):
        raise DataError("not a GER result (top level is not an object)", path=path)
    missing = [k for k in _REQUIRED_TOP if k not in data]
    if missing:
        raise DataError(f"not a GER result file (missing {', '.join(missing)})", path=path)
    if data["ger_format"] != SUPPORTED_FORMAT:
        raise DataError(f"unsupported ger_format {data['ger_format']!r} (this reader knows {SUPPORTED_FORMAT})",
                        path=path, field="ger_format")
    base = str(data["base_dataset"])
    if base not in catalog.DATASETS:
        raise DataError(f"unknown GER dataset {base!r}", path=path, field="base_dataset")
    ger = data["ger"]
    if not isinstance(ger, dict) or any(k not in ger for k in _REQUIRED_GER):
        raise DataError(f"'ger' must be an object with {', '.join(_REQUIRED_GER)}", path=path, field="ger")
    if not isinstance(ger["metrics"], dict):
        raise DataError("expected an object of metric -> percent", path=path, field="ger.metrics")
    metrics = {k: _number(v, path, f"ger.metrics.{k}") for k, v in ger["metrics"].items() if v is not None}
    ci95: dict[str, tuple[float, float]] = {}
    for name, pair in (ger.get("ci95") or {}).items():
        if not (isinstance(pair, (list, tuple)) and len(pair) == 2):
            raise DataError(f"expected [lo, hi], got {pair!r}", path=path, field=f"ger.ci95.{name}")
        ci95[name] = (_number(pair[0], path, f"ger.ci95.{name}"), _number(pair[1], path, f"ger.ci95.{name}"))
    confusion = None
    if ger.get("confusion"):
        conf = ger["confusion"]
        try:
            labels = tuple(str(x) for x in conf["labels"])
            matrix = tuple(tuple(int(v) for v in row) for row in conf["matrix"])
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"malformed confusion matrix ({exc})", path=path, field="ger.confusion") from exc
        if len(matrix) != len(labels) or any(len(row) != len(labels) + 1 for row in matrix):
            raise DataError(f"confusion matrix must be {len(labels)} x {len(labels) + 1} (gold x predicted+none)",
                            path=path, field="ger.confusion")
        confusion = Confusion(labels, matrix)
    return Result(
        path=path,
        model=str(data["model"]),
        dataset=str(data["dataset"]),
        base_dataset=base,
        frames=int(data.get("frames") or 0),
        batch=bool(data.get("batch", False)),
        prompt_version=str(data.get("prompt_version", "")),
        created=_parse_time(data["created"], path),
        metrics=metrics,
        ci95=ci95,
        n_total=int(_number(ger["n_total"], path, "ger.n_total")),
        invalid_rate=_number(ger.get("invalid_rate", 0.0), path, "ger.invalid_rate"),
        failed_rate=_number(ger.get("failed_rate", 0.0), path, "ger.failed_rate"),
        confusion=confusion,
        unanswered_rate=(100.0 * _number(ger.get("n_unanswered", 0), path, "ger.n_unanswered") / ger["n_total"]
                         if ger["n_total"] else 0.0),
        run=_run_folder(path, work_dir),
        usage=data.get("usage") if isinstance(data.get("usage"), dict) else None,
        raw=data,
    )


@dataclass
class LoadReport:
    results: list[Result]
    skipped: list[tuple[Path, str]]  # (file, why)


def _warn_stderr(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def load_all(work_dir: Path, models: Iterable[str] | None = None,
             warn: Callable[[str], None] = _warn_stderr) -> LoadReport:
    """Load every result under ``work_dir``; bad files are warned about by name and skipped."""
    work_dir = Path(work_dir)
    wanted = set(models) if models else None
    results, skipped = [], []
    for path in discover(work_dir):
        try:
            result = load(path, work_dir)
        except DataError as exc:
            skipped.append((path, str(exc)))
            warn(f"skipping {exc}")
            continue
        if wanted is None or result.model in wanted:
            results.append(result)
    return LoadReport(results, skipped)


def newest(results: Iterable[Result]) -> list[Result]:
    """Keep the newest result (by ``created``) per (model, base dataset, variant); ties go to the later path."""
    best: dict[tuple[str, str, str], Result] = {}
    for r in sorted(results, key=lambda r: (r.created, str(r.path))):
        best[(r.model, r.base_dataset, r.variant)] = r
    return sorted(best.values(), key=lambda r: (r.model, r.variant, r.base_dataset))
