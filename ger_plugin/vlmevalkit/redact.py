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
    return sorted({v for k, v in os.environ.items() if _SECRET_ENV.search(k) and v and len(v) >= 6},
                  key=len, reverse=True)


def redact(text: str, extra: list[str] | None = None) -> str:
    for value in (extra if extra is not None else secret_values()):
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
