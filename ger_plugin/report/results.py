"""Find and load the GER result files the host adapter writes into a VLMEvalKit work dir.

Layout (written by ``ger_plugin.host``): ``{work_dir}/{model}/{model}_{dataset}_ger_metrics.json``,
possibly inside run subfolders ``{work_dir}/{model}/T<timestamp>_.../``. One file = one model run on
one dataset (or frames/batch variant). Bad files are reported by name and skipped by
:func:`load_all`; nothing here computes scores (that is ``ger_plugin.core.scoring``'s job).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ger_plugin import catalog
from ger_plugin.errors import DataError

#: The result-file format this reader understands (``ger_format`` field).
SUPPORTED_FORMAT = 1
RESULT_SUFFIX = "_ger_metrics.json"
SAMPLES_SUFFIX = "_ger_samples.csv"
#: The folder of one repeat under the work dir, and the file that records its settings.
REPEAT_FOLDER = re.compile(r"^repeat-(\d+)$")
REPEAT_MANIFEST = "ger_repeat.json"


def repeat_folder(index: int) -> str:
    """The folder name of repeat ``index`` (1-based) under the work dir."""
    return f"repeat-{index}"

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
    repeat: int = 0  # 1..N for `ger run --repeats N`; 0 = a single run
    seed: int | None = None  # the repeat's seed (the chance baselines draw with it)
    temperature: float | None = None  # the sampling temperature passed to the host (None = its default)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    corruption: str = ""  # robustness variant: e.g. "Blur3" ("" = the clean images)
    prompt_variant: str = ""  # "P1" / "P2" ("" = the standard prompt)
    open_vocabulary: Mapping[str, float] = field(default_factory=dict)  # open-vocabulary protocol, percent

    @property
    def samples_path(self) -> Path:
        """The per-sample file the host wrote beside this result."""
        return self.path.with_name(self.path.name[: -len(RESULT_SUFFIX)] + SAMPLES_SUFFIX)

    @property
    def entry(self) -> catalog.DatasetEntry:
        return catalog.DATASETS[self.base_dataset]

    @property
    def no_answer_rate(self) -> float:
        """Percent of samples the model answered with no usable label (invalid or empty), calls that
        failed aside."""
        return self.invalid_rate + self.unanswered_rate

    @property
    def setting(self) -> str:
        """``""`` for the catalog's default setting, else e.g. ``8 frames`` / ``batch`` / ``8 frames, batch``."""
        parts = []
        if self.frames and self.frames != self.entry.default_frames:
            parts.append(f"{self.frames} frames")
        if self.batch:
            parts.append("batch")
        return ", ".join(parts)

    @property
    def robustness(self) -> str:
        """The robustness variant (``"Blur3"``, ``"P2"``, ``"Blur3_P2"``; ``""`` = clean images, standard prompt)."""
        return "_".join(p for p in (self.corruption, self.prompt_variant) if p)

    @property
    def variant(self) -> str:
        """The setting plus the robustness variant: ``""``, ``8 frames``, ``batch``, ``Blur3``, ``8 frames, P1`` ..."""
        return ", ".join(p for p in (self.setting, self.robustness) if p)


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


def _relative_parts(path: Path, work_dir: Path | None) -> tuple[str, ...]:
    """``path``'s folders below the work dir: ([repeat-k/]model/[run/...]/file)."""
    if work_dir is None:
        return ()
    try:
        return path.relative_to(work_dir).parts
    except ValueError:
        return ()


def _run_folder(path: Path, work_dir: Path | None) -> str:
    rel = _relative_parts(path, work_dir)
    if rel and REPEAT_FOLDER.match(rel[0]):
        rel = rel[1:]
    return "/".join(rel[1:-1])


def _repeat(data: Mapping[str, Any], path: Path, work_dir: Path | None) -> tuple[int, int | None, float | None]:
    """(repeat index, seed, temperature): the result file's ``repeat`` block, else the
    ``repeat-<k>`` folder it sits in and that folder's manifest; (0, None, None) for a single run."""
    block = data.get("repeat")
    if not isinstance(block, dict):
        rel = _relative_parts(path, work_dir)
        match = REPEAT_FOLDER.match(rel[0]) if rel else None
        if match is None:
            return 0, None, None
        block = {"index": int(match.group(1))}
        manifest = Path(work_dir or ".") / rel[0] / REPEAT_MANIFEST
        if manifest.is_file():
            try:
                block = {**json.loads(manifest.read_text(encoding="utf-8")), **block}
            except (OSError, json.JSONDecodeError) as exc:
                raise DataError(f"cannot read the repeat manifest ({exc})", path=manifest) from exc
    index = block.get("index")
    if isinstance(index, bool) or not isinstance(index, int) or index < 1:
        raise DataError(f"expected a repeat index >= 1, got {index!r}", path=path, field="repeat.index")
    seed, temperature = block.get("seed"), block.get("temperature")
    return (index, None if seed is None else int(_number(seed, path, "repeat.seed")),
            None if temperature is None else _number(temperature, path, "repeat.temperature"))


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
    repeat, seed, temperature = _repeat(data, path, work_dir)
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
        repeat=repeat,
        seed=seed,
        temperature=temperature,
        raw=data,
        corruption=str(data.get("corruption") or ""),
        prompt_variant=str(data.get("prompt_variant") or ""),
        open_vocabulary=_open_vocabulary_metrics(data.get("open_vocabulary"), path),
    )


def _open_vocabulary_metrics(block: Any, path: Path) -> dict[str, float]:
    """The open-vocabulary protocol's metrics (``{}`` for older files or a recorded error)."""
    if not isinstance(block, dict) or not isinstance(block.get("metrics"), dict):
        return {}
    return {k: _number(v, path, f"open_vocabulary.metrics.{k}") for k, v in block["metrics"].items() if v is not None}


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
    """Keep the newest result (by ``created``) per (model, base dataset, variant, repeat); ties go to
    the later path."""
    best: dict[tuple[str, str, str, int], Result] = {}
    for r in sorted(results, key=lambda r: (r.created, str(r.path))):
        best[(r.model, r.base_dataset, r.variant, r.repeat)] = r
    return sorted(best.values(), key=lambda r: (r.model, r.variant, r.base_dataset, r.repeat))


@dataclass(frozen=True)
class Samples:
    """One run's per-sample outcomes as the host recorded them (input of :func:`scoring.ger_outcomes`)."""

    gold: Mapping[str, str]  # sample id -> gold label (a sentiment score, as text, for intensity datasets)
    answers: Mapping[str, list[str] | None]  # ranked canonical labels; [] = invalid; None = no prediction
    failed: frozenset[str]


def load_samples(result: Result) -> Samples:
    """Read ``result``'s ``*_ger_samples.csv``; :class:`DataError` naming the file when absent or malformed."""
    path = result.samples_path
    gold: dict[str, str] = {}
    answers: dict[str, list[str] | None] = {}
    failed: set[str] = set()
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                try:
                    sid, rule = row["id"], row["rule"]
                    gold[sid] = row["gold"]
                    if row["failed"] not in ("", "0"):
                        failed.add(sid)
                    answers[sid] = None if rule in ("missing", "failed") else [x for x in row["ranked"].split("|") if x]
                except (KeyError, TypeError, AttributeError) as exc:
                    raise DataError(f"not a GER samples file (no column {exc})", path=path, line=line) from None
    except OSError as exc:
        raise DataError(f"no per-sample file ({exc.strerror})", path=path) from None
    return Samples(gold, answers, frozenset(failed))
