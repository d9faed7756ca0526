"""Where GER keeps its files on this machine: ``$GER_HOME`` (default ``~/.cache/ger``)."""

from __future__ import annotations

import os
from pathlib import Path


def ger_home() -> Path:
    """``$GER_HOME`` or ``~/.cache/ger``: prepared datasets, the paper's results, the demo."""
    return Path(os.environ.get("GER_HOME") or Path.home() / ".cache" / "ger").expanduser()
