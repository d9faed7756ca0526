"""Keep API keys out of log records: the host logs the key it uses (vlmeval/api/gpt.py).

Installed by the hook as a log-record factory, so every record is cleaned where it is created,
whatever handler (console, the run's log file) later writes it. Stdlib only.
"""

from __future__ import annotations

import logging
import os
import re

MASK = "***"
_PATTERNS = [
    re.compile(r"\bsk-[A-Za-z0-9_\-]{6,}"),  # OpenAI-style keys
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9_\-\.=:/+]{6,}"),
    re.compile(r"\bhf_[A-Za-z0-9]{10,}"),  # Hugging Face tokens
]
_SECRET_ENV = re.compile(r"(_API_KEY|_TOKEN|_SECRET|^HF_TOKEN|_KEY)$")


def secret_values() -> list[str]:
    """Values of secret-looking environment variables (long enough not to mask common words)."""
    return sorted(
        {v for k, v in os.environ.items() if _SECRET_ENV.search(k) and v and len(v) >= 6}, key=len, reverse=True
    )


def redact(text: str, extra: list[str] | None = None) -> str:
    for value in extra if extra is not None else secret_values() + _argv_secrets():
        text = text.replace(value, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + MASK, text)
    return text


_installed = False


def install() -> None:
    """Wrap the current log-record factory once; records carrying a secret get a cleaned message."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs):  # type: ignore[no-untyped-def]
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
            clean = redact(message)
            if clean != message:
                record.msg, record.args = clean, None
        except Exception:  # a record we cannot format is left to logging's own error path
            pass
        return record

    logging.setLogRecordFactory(factory)
    _installed = True


def _clean(obj: object, secrets: list[str]) -> object:
    if isinstance(obj, str):
        return redact(obj, secrets)
    if isinstance(obj, list):
        return [_clean(x, secrets) for x in obj]
    if isinstance(obj, dict):
        return {k: _clean(v, secrets) for k, v in obj.items()}
    return obj


def _argv_secrets() -> list[str]:
    """Values given to key-like flags on the command line (``--key``, ``--judge-key``...)."""
    import sys

    argv = list(sys.argv)
    out = []
    for i, arg in enumerate(argv):
        flag, eq, value = arg.partition("=")
        if flag.startswith("--") and flag.endswith("key"):
            value = value if eq else (argv[i + 1] if i + 1 < len(argv) else "")
            if len(value) >= 6:
                out.append(value)
    return out


def protect_run_status() -> None:
    """Redact the run record the host writes (``status.json`` keeps ``argv``, so ``--key`` values).

    Wraps the host's one writer of that file, looked up at call time inside its module, so the
    import order of ``vlmeval.run`` does not matter. Silently does nothing if the host changed.
    """
    try:
        from vlmeval.smp import status_report
    except Exception:
        return
    writer = getattr(status_report, "_dump_run_status_unlocked", None)
    if writer is None or getattr(writer, "_ger_redacts", False):
        return

    def dump(status_file, status):  # type: ignore[no-untyped-def]
        return writer(status_file, _clean(status, _argv_secrets() + secret_values()))

    dump._ger_redacts = True  # type: ignore[attr-defined]
    status_report._dump_run_status_unlocked = dump
