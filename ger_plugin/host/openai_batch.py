"""The OpenAI Batch API for ``GER_OpenAI``: submit, status, collect (``ger batch``).

Lives in ``host/`` because the requests are the host's own prompts: each dataset is built with the
host's ``build_dataset`` (our adapters), each row's message comes from ``build_prompt``, and each
body from :func:`ger_plugin.host.openai_model.request_body`, exactly what a live run sends.

Work-dir layout (``{W}/{model}/`` is the host's prediction folder for that model name):

- ``{W}/{model}/batch/state.json``: the submitted batches (ids, request files, datasets), no key;
- ``{W}/{model}/batch/requests_<k>.jsonl``: the JSONL uploaded with ``files.create(purpose="batch")``;
- ``{W}/{model}/batch/results.jsonl``: one line per ``custom_id`` collected (answer or error);
- ``{W}/{model}/{model}_{dataset}.xlsx`` (``PRED_FORMAT``): the host's prediction file, written by
  ``collect`` once every request of the dataset has an outcome, then scored like a host run.

``custom_id`` is ``{dataset}::{row index}``. Failed or expired requests keep the host's failure text
as prediction (counted as failed); ``submit --retry-failed`` sends exactly those again.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ger_plugin.errors import GerError

ENDPOINT = "/v1/chat/completions"
STATE = "state.json"
RESULTS = "results.jsonl"
#: The Batch API's own limits per input file (requests, bytes); larger runs become several batches.
MAX_REQUESTS, MAX_BYTES = 50_000, 190 * 1024 * 1024
#: Batch statuses after which the output and error files are final.
FINAL = frozenset({"completed", "expired", "failed", "cancelled"})
FAIL_MSG = "Failed to obtain answer via API."
SEP = "::"


def batch_dir(work_dir: Path, model_name: str) -> Path:
    return Path(work_dir) / model_name / "batch"


def custom_id(dataset: str, index: Any) -> str:
    return f"{dataset}{SEP}{index}"


def split_custom_id(cid: str) -> tuple[str, str]:
    dataset, _, index = cid.rpartition(SEP)
    if not dataset:
        raise GerError(f"unexpected custom_id {cid!r} in a batch result (want <dataset>::<index>)")
    return dataset, index


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def load_state(work_dir: Path, model_name: str) -> dict[str, Any]:
    path = batch_dir(work_dir, model_name) / STATE
    if not path.is_file():
        raise GerError(f"{path}: no batch submitted in this work dir (run `ger batch submit` first)")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise GerError(f"{path}: not valid JSON ({exc})") from exc


def save_state(work_dir: Path, model_name: str, state: dict[str, Any]) -> Path:
    path = batch_dir(work_dir, model_name) / STATE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2), encoding="utf-8")
    os.replace(tmp, path)
    return path


def _dataset(name: str) -> Any:
    from ger_plugin.host import register

    register()  # idempotent; the .pth hook may already have done it
    from vlmeval.dataset import build_dataset

    ds = build_dataset(name)
    if ds is None:
        raise GerError(f"unknown dataset {name!r} for the host")
    return ds


def _message(ds: Any, row: Any, video: bool) -> list[dict[str, str]]:
    if getattr(ds, "MODALITY", "") == "VIDEO":
        return ds.build_prompt(row, video_llm=video)
    return ds.build_prompt(row)


def request_lines(datasets: Sequence[str], model: Any, only: set[str] | None = None) -> Iterable[dict[str, Any]]:
    """One Batch API request per host row, in dataset order; ``only``: just these custom_ids."""
    for name in datasets:
        ds = _dataset(name)
        for i in range(len(ds.data)):
            row = ds.data.iloc[i]
            cid = custom_id(name, row["index"])
            if only is not None and cid not in only:
                continue
            body = model.body(model._normalise(_message(ds, row, model.VIDEO_LLM)))
            yield {"custom_id": cid, "method": "POST", "url": ENDPOINT, "body": body}


def _write_chunks(lines: Iterable[dict[str, Any]], folder: Path, start: int) -> list[tuple[Path, int]]:
    """Write JSONL files of at most MAX_REQUESTS lines / MAX_BYTES each; (path, n requests)."""
    folder.mkdir(parents=True, exist_ok=True)
    chunks: list[list[bytes]] = []
    size = 0
    for line in lines:
        data = (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        if not chunks or len(chunks[-1]) >= MAX_REQUESTS or size + len(data) > MAX_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append(data)
        size += len(data)
    out = []
    for k, chunk in enumerate(chunks):
        path = folder / f"requests_{start + k:03d}.jsonl"
        path.write_bytes(b"".join(chunk))
        out.append((path, len(chunk)))
    return out


def build_model(model_name: str) -> Any:
    from ger_plugin.host import OPENAI_MODEL as MODEL_NAME
    from ger_plugin.host.openai_model import GEROpenAI

    if model_name != MODEL_NAME:
        raise GerError(f"the Batch API path runs --model {MODEL_NAME}, not {model_name!r}")
    return GEROpenAI(name=model_name)


@dataclass
class Outcome:
    custom_id: str
    answer: str | None
    error: str | None
    usage: dict[str, int] = field(default_factory=dict)
    batch_id: str = ""


def parse_result_line(line: dict[str, Any], batch_id: str) -> Outcome:
    """One line of a batch output or error file."""
    cid = str(line.get("custom_id", ""))
    response = line.get("response") or {}
    body = response.get("body") or {}
    error = line.get("error")
    if error:
        return Outcome(cid, None, f"{error.get('code', 'error')}: {error.get('message', '')}".strip(), {}, batch_id)
    status = response.get("status_code")
    usage = {k: int(v) for k, v in (body.get("usage") or {}).items() if k in ("prompt_tokens", "completion_tokens")}
    if status != 200:
        message = (body.get("error") or {}).get("message", "") if isinstance(body, dict) else ""
        return Outcome(cid, None, f"HTTP {status}: {message}".strip(), usage, batch_id)
    choices = body.get("choices") or []
    text = ((choices[0].get("message") or {}).get("content") or "") if choices else ""
    if not text.strip():
        return Outcome(cid, None, "empty answer", usage, batch_id)
    return Outcome(cid, text, None, usage, batch_id)


def read_results(folder: Path) -> dict[str, Outcome]:
    """custom_id -> its latest outcome; an answer is never replaced by a later error."""
    path = folder / RESULTS
    out: dict[str, Outcome] = {}
    if not path.is_file():
        return out
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            rec = Outcome(**json.loads(raw))
        except (ValueError, TypeError) as exc:
            raise GerError(f"{path}: line {n} is not a batch outcome ({exc})") from exc
        if rec.answer is None and out.get(rec.custom_id) and out[rec.custom_id].answer is not None:
            continue
        out[rec.custom_id] = rec
    return out


def _requested_ids(folder: Path, batch: dict[str, Any]) -> list[str]:
    path = folder / batch["requests_file"]
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["custom_id"] for line in fh if line.strip()]


def submit(
    work_dir: Path, datasets: Sequence[str], *, model_name: str, retry_failed: bool = False, client: Any = None
) -> dict[str, Any]:
    """Write, upload and start the batch(es); returns the state. ``retry_failed``: only the
    requests whose collected outcome is an error (or that a finished batch never answered)."""
    folder = batch_dir(work_dir, model_name)
    state_path = folder / STATE
    if retry_failed:  # checks first: nothing is built or imported for a run that cannot start
        state = load_state(work_dir, model_name)
        if any(not b.get("collected") for b in state["batches"]):
            raise GerError(f"{state_path}: collect the submitted batches first (`ger batch collect`)")
        failed = failed_ids(folder, state)
        if not failed:
            return state | {"submitted": []}
        model = build_model(model_name)
        names = [d for d in state["datasets"] if any(c.startswith(d + SEP) for c in failed)]
        lines = request_lines(names, model, only=set(failed))
    else:
        if state_path.is_file():
            raise GerError(
                f"{state_path}: a batch run exists in this work dir; use --retry-failed, or another --work-dir"
            )
        model = build_model(model_name)
        state = {
            "model": model_name,
            "endpoint_model": model.model,
            "datasets": list(datasets),
            "batches": [],
            "video": model.VIDEO_LLM,
        }
        lines = request_lines(list(datasets), model)
    client = client or model.client
    chunks = _write_chunks(lines, folder, start=len(state["batches"]))
    submitted = []
    for path, n in chunks:
        with open(path, "rb") as fh:
            uploaded = client.files.create(file=fh, purpose="batch")
        batch = client.batches.create(
            input_file_id=uploaded.id,
            endpoint=ENDPOINT,
            completion_window="24h",
            metadata={"ger_model": model_name, "ger_file": path.name},
        )
        entry = {
            "id": batch.id,
            "input_file_id": uploaded.id,
            "requests_file": path.name,
            "requests": n,
            "status": batch.status,
            "submitted": _now(),
            "collected": False,
            "retry": retry_failed,
        }
        state["batches"].append(entry)
        submitted.append(entry)
        save_state(work_dir, model_name, state)  # after every batch: nothing created is forgotten
    return state | {"submitted": submitted}


def failed_ids(folder: Path, state: dict[str, Any]) -> list[str]:
    results = read_results(folder)
    ids: list[str] = []
    seen: set[str] = set()
    for batch in state["batches"]:
        seen.update(_requested_ids(folder, batch))
    for cid in sorted(seen):
        rec = results.get(cid)
        if rec is None or rec.answer is None:
            ids.append(cid)
    return ids


def status(work_dir: Path, model_name: str, client: Any = None) -> list[dict[str, Any]]:
    state = load_state(work_dir, model_name)
    client = client or build_model(model_name).client
    rows = []
    for entry in state["batches"]:
        batch = client.batches.retrieve(entry["id"])
        entry["status"] = batch.status
        counts = batch.request_counts
        rows.append(
            {
                "batch": entry["id"],
                "status": batch.status,
                "requests": entry["requests"],
                "completed": getattr(counts, "completed", None),
                "failed": getattr(counts, "failed", None),
                "collected": "yes" if entry.get("collected") else "no",
                "file": entry["requests_file"],
            }
        )
    save_state(work_dir, model_name, state)
    return rows


def _download(client: Any, file_id: str | None) -> list[dict[str, Any]]:
    if not file_id:
        return []
    text = client.files.content(file_id).text
    lines = []
    for n, raw in enumerate(text.splitlines(), 1):
        if raw.strip():
            try:
                lines.append(json.loads(raw))
            except ValueError as exc:
                raise GerError(f"batch file {file_id}: line {n} is not JSON ({exc})") from exc
    return lines


@dataclass
class Collected:
    written: dict[str, str]  # dataset -> prediction file
    waiting: list[str]  # batch ids not finished yet
    failed: dict[str, str]  # custom_id -> error
    scores: dict[str, dict[str, float]]


def collect(work_dir: Path, model_name: str, client: Any = None) -> Collected:
    from vlmeval.smp import dump, get_pred_file_path

    from ger_plugin.core import result_files

    state = load_state(work_dir, model_name)
    client = client or build_model(model_name).client
    folder = batch_dir(work_dir, model_name)
    pred_dir = Path(work_dir) / model_name
    waiting: list[str] = []
    for entry in state["batches"]:
        if entry.get("collected"):
            continue
        batch = client.batches.retrieve(entry["id"])
        entry["status"] = batch.status
        if batch.status not in FINAL:
            waiting.append(entry["id"])
            continue
        outcomes = {}
        for line in _download(client, batch.output_file_id) + _download(client, batch.error_file_id):
            rec = parse_result_line(line, entry["id"])
            outcomes[rec.custom_id] = rec
        for cid in _requested_ids(folder, entry):  # a finished batch that never answered a request
            outcomes.setdefault(cid, Outcome(cid, None, f"no result (batch {batch.status})", {}, entry["id"]))
        with open(folder / RESULTS, "a", encoding="utf-8") as fh:
            for rec in outcomes.values():
                fh.write(json.dumps(rec.__dict__, ensure_ascii=False) + "\n")
        for rec in outcomes.values():
            if rec.usage:
                dataset, _ = split_custom_id(rec.custom_id)
                result_files.append_usage(
                    result_files.usage_path(pred_dir, model_name, dataset),
                    {"key": rec.custom_id, "model": state.get("endpoint_model", ""), "batch": True, **rec.usage},
                )
        entry["collected"] = True
        save_state(work_dir, model_name, state)

    results = read_results(folder)
    pending = {cid for e in state["batches"] if not e.get("collected") for cid in _requested_ids(folder, e)}
    written, scores = {}, {}
    for name in state["datasets"]:
        if any(c.startswith(name + SEP) for c in pending):
            continue
        ds = _dataset(name)
        data = ds.data.copy()
        preds = []
        for index in data["index"]:
            got = results.get(custom_id(name, index))
            preds.append(got.answer if got is not None and got.answer is not None else FAIL_MSG)
        data["prediction"] = preds
        if "image" in data:
            data.pop("image")
        pred_dir.mkdir(parents=True, exist_ok=True)
        result_file = get_pred_file_path(str(pred_dir), model_name, name, use_env_format=True)
        dump(data, result_file)
        written[name] = result_file
        scores[name] = ds.evaluate(result_file)
    failed = {cid: rec.error or "" for cid, rec in results.items() if rec.answer is None}
    return Collected(written, waiting, failed, scores)
