"""The GER result-file contract: names, columns, the writers and the readers, in one place.

After the host has run a model on a GER dataset, the adapter scores the predictions and writes two
files beside the host's own prediction file ``{model}_{dataset}.<fmt>``:

- ``{model}_{dataset}_ger_samples.csv``: one line per sample, columns :data:`SAMPLE_COLUMNS`;
- ``{model}_{dataset}_ger_metrics.json``: one object, ``ger_format`` :data:`FORMAT_VERSION`, the
  run facts (:data:`REQUIRED_KEYS` and the optional ones :func:`metrics_record` writes) and the
  ``ger`` block of :func:`ger_plugin.core.scoring.score_ger`.

An API model of ours (``GER_OpenAI``, live or through the Batch API) also appends one JSON line per
answered call to the token-usage sidecar ``{model}_{dataset}_usage.jsonl`` (:func:`append_usage`)::

    {"key": "<sample fingerprint or custom_id>", "model": "<endpoint model id>", "batch": false,
     "prompt_tokens": 1234, "completion_tokens": 56}

Every call that returned usage is a line, retries included, so the sum is what was spent; the
last line per ``key`` is that sample's final request. Never holds a key, a URL or a header.
Lines are appended whole under a lock by the writer; a torn last line (a killed run) is skipped.

The leaderboard, ``ger cost`` and ``ger demo`` read them back with :func:`load` / :func:`discover`,
:func:`load_samples` and :func:`read_usage`.

This is the one module of ``core/`` that does file I/O: it owns the files of its contract and
touches nothing else (no environment, no network). Everything that decides what goes into the
files (parsing, scoring) stays pure in its own module.
"""

from __future__ import annotations

import csv
import json
import os
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ger_plugin import catalog
from ger_plugin.errors import DataError

#: The version of this contract, written as ``ger_format``; the reader refuses any other.
FORMAT_VERSION = 1
SAMPLES_SUFFIX = "_ger_samples.csv"
METRICS_SUFFIX = "_ger_metrics.json"
#: Columns of the per-sample CSV, in file order.
SAMPLE_COLUMNS = ("id", "gold", "raw_answer", "parsed_label", "ranked", "rule", "failed", "ov_words")
#: ``ranked`` joins the parsed labels (best first) with this separator.
RANKED_SEPARATOR = "|"
#: Keys every metrics file has at the top level, and inside its ``ger`` block.
REQUIRED_KEYS = ("ger_format", "model", "dataset", "base_dataset", "created", "ger")
REQUIRED_GER_KEYS = ("metrics", "n_total")
#: The folder of one repeat (``ger run --repeats N``) under the work dir, and the file that records its settings.
REPEAT_FOLDER = re.compile(r"^repeat-(\d+)$")
REPEAT_MANIFEST = "ger_repeat.json"


def repeat_folder(index: int) -> str:
    """The folder name of repeat ``index`` (1-based) under the work dir."""
    return f"repeat-{index}"


# --------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------


def result_paths(eval_file: str | os.PathLike[str]) -> tuple[Path, Path]:
    """``(samples_csv, metrics_json)`` beside the host's ``{model}_{dataset}.<fmt>`` file."""
    path = Path(eval_file)
    return path.with_name(f"{path.stem}{SAMPLES_SUFFIX}"), path.with_name(f"{path.stem}{METRICS_SUFFIX}")


def discover(work_dir: Path) -> list[Path]:
    """Every metrics file under ``work_dir`` (any depth), sorted for a stable order."""
    work_dir = Path(work_dir)
    if not work_dir.is_dir():
        raise DataError("work dir does not exist or is not a directory", path=work_dir)
    return sorted(p for p in work_dir.rglob(f"*{METRICS_SUFFIX}") if p.is_file())


# --------------------------------------------------------------------------------------
# Writer
# --------------------------------------------------------------------------------------


def sample_row(
    sample_id: str,
    gold: object,
    raw_answer: str | None,
    parsed_label: str | None,
    ranked: Sequence[str],
    rule: str,
    failed: bool,
    ov_words: Sequence[str] = (),
) -> dict[str, object]:
    """One line of the samples CSV, keyed by :data:`SAMPLE_COLUMNS` (``ov_words``: the emotion words
    the open-vocabulary protocol scored)."""
    return {
        "id": sample_id,
        "gold": gold,
        "raw_answer": "" if raw_answer is None else raw_answer,
        "parsed_label": parsed_label or "",
        "ranked": RANKED_SEPARATOR.join(ranked),
        "rule": rule,
        "failed": int(failed),
        "ov_words": RANKED_SEPARATOR.join(ov_words),
    }


def metrics_record(
    *,
    model: str,
    dataset: str,
    base_dataset: str,
    ger: Mapping[str, Any],
    prompt_version: str,
    created: datetime,
    frames: int = 0,
    batch: int = 0,
    prediction_file: str = "",
    paper_protocol: Mapping[str, Any] | None = None,
    open_vocabulary: Mapping[str, Any] | None = None,
    corruption: str = "",
    prompt_variant: str = "",
    usage: Mapping[str, Any] | None = None,
    repeat: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The metrics file's object: three protocols side by side (``ger``, ``paper_protocol``,
    ``open_vocabulary``), the robustness variant (``corruption``, ``prompt_variant``; "" = clean /
    standard), ``usage`` only when the host recorded token usage and ``repeat`` only inside
    ``ger run --repeats N`` (index, of, seed, temperature)."""
    record: dict[str, Any] = {
        "ger_format": FORMAT_VERSION,
        "model": model,
        "dataset": dataset,
        "base_dataset": base_dataset,
        "frames": int(frames),
        "batch": int(batch),
        "prompt_version": prompt_version,
        "corruption": corruption,
        "prompt_variant": prompt_variant,
        "created": created.isoformat(timespec="seconds"),
        "prediction_file": prediction_file,
        "ger": dict(ger),
        "paper_protocol": None if paper_protocol is None else dict(paper_protocol),
        "open_vocabulary": None if open_vocabulary is None else dict(open_vocabulary),
    }
    if usage is not None:
        record["usage"] = dict(usage)
    if repeat is not None:
        record["repeat"] = dict(repeat)
    return record


def write_samples(path: Path, rows: Iterable[Mapping[str, object]]) -> None:
    """The samples CSV; a row with a key outside :data:`SAMPLE_COLUMNS` is a bug (``ValueError``)."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=SAMPLE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def write_metrics(path: Path, record: Mapping[str, Any]) -> None:
    """The metrics JSON, atomically: a reader never sees half a file."""
    missing = [k for k in REQUIRED_KEYS if k not in record]
    if missing:
        raise ValueError(f"metrics record lacks {', '.join(missing)}")
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def write_result_files(
    eval_file: str | os.PathLike[str], rows: Iterable[Mapping[str, object]], record: Mapping[str, Any]
) -> tuple[Path, Path]:
    """Both files beside ``eval_file``; returns their paths ``(samples_csv, metrics_json)``."""
    samples_csv, metrics_json = result_paths(eval_file)
    write_samples(samples_csv, rows)
    write_metrics(metrics_json, record)
    return samples_csv, metrics_json


# --------------------------------------------------------------------------------------
# Reader
# --------------------------------------------------------------------------------------


def read_samples(path: Path) -> list[dict[str, str]]:
    """The samples CSV as strings, one dict per line; ``DataError`` when its header is not ours."""
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            if tuple(reader.fieldnames or ()) != SAMPLE_COLUMNS:
                raise DataError(f"columns {reader.fieldnames} are not {list(SAMPLE_COLUMNS)}", path=path, line=1)
            return [dict(row) for row in reader]
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read: {exc}", path=path) from exc


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
    """One loaded metrics file: who ran what, when, and the GER protocol's numbers."""

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
        return self.path.with_name(self.path.name[: -len(METRICS_SUFFIX)] + SAMPLES_SUFFIX)

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
    return (
        index,
        None if seed is None else int(_number(seed, path, "repeat.seed")),
        None if temperature is None else _number(temperature, path, "repeat.temperature"),
    )


def _confusion(ger: Mapping[str, Any], path: Path) -> Confusion | None:
    if not ger.get("confusion"):
        return None
    conf = ger["confusion"]
    try:
        labels = tuple(str(x) for x in conf["labels"])
        matrix = tuple(tuple(int(v) for v in row) for row in conf["matrix"])
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"malformed confusion matrix ({exc})", path=path, field="ger.confusion") from exc
    if len(matrix) != len(labels) or any(len(row) != len(labels) + 1 for row in matrix):
        raise DataError(
            f"confusion matrix must be {len(labels)} x {len(labels) + 1} (gold x predicted+none)",
            path=path,
            field="ger.confusion",
        )
    return Confusion(labels, matrix)


def load(path: Path, work_dir: Path | None = None) -> Result:
    """Load one metrics file; :class:`DataError` naming the file and field for anything malformed."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read: {exc}", path=path) from exc
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON ({exc.msg})", path=path, line=exc.lineno) from exc
    if not isinstance(data, dict):
        raise DataError("not a GER result (top level is not an object)", path=path)
    missing = [k for k in REQUIRED_KEYS if k not in data]
    if missing:
        raise DataError(f"not a GER result file (missing {', '.join(missing)})", path=path)
    if data["ger_format"] != FORMAT_VERSION:
        raise DataError(
            f"unsupported ger_format {data['ger_format']!r} (this reader knows {FORMAT_VERSION})",
            path=path,
            field="ger_format",
        )
    base = str(data["base_dataset"])
    if base not in catalog.DATASETS:
        raise DataError(f"unknown GER dataset {base!r}", path=path, field="base_dataset")
    ger = data["ger"]
    if not isinstance(ger, dict) or any(k not in ger for k in REQUIRED_GER_KEYS):
        raise DataError(f"'ger' must be an object with {', '.join(REQUIRED_GER_KEYS)}", path=path, field="ger")
    if not isinstance(ger["metrics"], dict):
        raise DataError("expected an object of metric -> percent", path=path, field="ger.metrics")
    metrics = {k: _number(v, path, f"ger.metrics.{k}") for k, v in ger["metrics"].items() if v is not None}
    ci95: dict[str, tuple[float, float]] = {}
    for name, pair in (ger.get("ci95") or {}).items():
        if not (isinstance(pair, (list, tuple)) and len(pair) == 2):
            raise DataError(f"expected [lo, hi], got {pair!r}", path=path, field=f"ger.ci95.{name}")
        ci95[name] = (_number(pair[0], path, f"ger.ci95.{name}"), _number(pair[1], path, f"ger.ci95.{name}"))
    n_total = int(_number(ger["n_total"], path, "ger.n_total"))
    unanswered = _number(ger.get("n_unanswered", 0), path, "ger.n_unanswered")
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
        n_total=n_total,
        invalid_rate=_number(ger.get("invalid_rate", 0.0), path, "ger.invalid_rate"),
        failed_rate=_number(ger.get("failed_rate", 0.0), path, "ger.failed_rate"),
        confusion=_confusion(ger, path),
        unanswered_rate=100.0 * unanswered / n_total if n_total else 0.0,
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


@dataclass(frozen=True)
class Samples:
    """One run's per-sample outcomes as the host recorded them (input of :func:`scoring.ger_outcomes`)."""

    gold: Mapping[str, str]  # sample id -> gold label (a sentiment score, as text, for intensity datasets)
    answers: Mapping[str, list[str] | None]  # ranked canonical labels; [] = invalid; None = no prediction
    failed: frozenset[str]


def load_samples(result: Result) -> Samples:
    """Read ``result``'s samples CSV; :class:`DataError` naming the file when absent or malformed."""
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
                    ranked = [x for x in row["ranked"].split(RANKED_SEPARATOR) if x]
                    answers[sid] = None if rule in ("missing", "failed") else ranked
                except (KeyError, TypeError, AttributeError) as exc:
                    raise DataError(f"not a GER samples file (no column {exc})", path=path, line=line) from None
    except OSError as exc:
        raise DataError(f"no per-sample file ({exc.strerror})", path=path) from None
    return Samples(gold, answers, frozenset(failed))


# --------------------------------------------------------------------------------------
# The token-usage sidecar of an API run
# --------------------------------------------------------------------------------------

USAGE_SUFFIX = "_usage.jsonl"
_FIELDS = ("key", "model", "batch", "prompt_tokens", "completion_tokens")
_lock = threading.Lock()


def usage_path(prediction_dir: str | os.PathLike[str], model: str, dataset: str) -> Path:
    """The sidecar of run ``model`` x ``dataset`` in the host's prediction folder."""
    return Path(prediction_dir) / f"{model}_{dataset}{USAGE_SUFFIX}"


def usage_path_for(prediction_file: str | os.PathLike[str]) -> Path:
    """The sidecar beside a host prediction file ``{model}_{dataset}.<fmt>``."""
    path = Path(prediction_file)
    return path.with_name(path.stem + USAGE_SUFFIX)


def append_usage(path: str | os.PathLike[str], record: Mapping[str, Any]) -> None:
    """Append one call's usage (only the contract's fields; one whole line per write)."""
    line = {k: record[k] for k in _FIELDS if k in record}
    for k in ("prompt_tokens", "completion_tokens"):
        line[k] = int(line.get(k) or 0)
    data = (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    path = Path(path)
    with _lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)


@dataclass
class Usage:
    """What one sidecar says: calls and tokens spent, split into live and Batch API calls."""

    calls: int = 0
    samples: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    batch_prompt_tokens: int = 0
    batch_completion_tokens: int = 0
    models: list[str] = field(default_factory=list)

    @property
    def live_prompt_tokens(self) -> int:
        return self.prompt_tokens - self.batch_prompt_tokens

    @property
    def live_completion_tokens(self) -> int:
        return self.completion_tokens - self.batch_completion_tokens


def read_usage(path: str | os.PathLike[str]) -> Usage | None:
    """Sum a sidecar; ``None`` when there is none. Unreadable lines are skipped."""
    path = Path(path)
    if not path.is_file():
        return None
    usage, keys = Usage(), set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        try:
            rec = json.loads(raw)
            p, c = int(rec.get("prompt_tokens") or 0), int(rec.get("completion_tokens") or 0)
        except (ValueError, TypeError, AttributeError):
            continue
        usage.calls += 1
        keys.add(rec.get("key"))
        usage.prompt_tokens += p
        usage.completion_tokens += c
        if rec.get("batch"):
            usage.batch_prompt_tokens += p
            usage.batch_completion_tokens += c
        if rec.get("model") and rec["model"] not in usage.models:
            usage.models.append(str(rec["model"]))
    usage.samples = len(keys)
    return usage
