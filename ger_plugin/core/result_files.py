"""Result-file contract: the token-usage sidecar of an API run (this module writes and reads it).

Beside the host's prediction file ``{work_dir}/{model}/{model}_{dataset}.<fmt>`` an API model of
ours (``GER_OpenAI``, live or through the Batch API) appends one JSON line per answered call to
``{model}_{dataset}_usage.jsonl``::

    {"key": "<sample fingerprint or custom_id>", "model": "<endpoint model id>", "batch": false,
     "prompt_tokens": 1234, "completion_tokens": 56}

Every call that returned usage is a line, retries included, so the sum is what was spent; the
last line per ``key`` is that sample's final request. Never holds a key, a URL or a header.
Lines are appended whole under a lock by the writer; a torn last line (a killed run) is skipped.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
