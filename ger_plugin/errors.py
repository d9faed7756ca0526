"""Errors meant for the user: the CLI prints them as one clear line, without a traceback."""

from __future__ import annotations


class GerError(Exception):
    """A problem the user can fix; the message names the file, row or field at fault."""


class DataError(GerError):
    """Bad input data: a missing file, a malformed row, an unknown label code."""

    def __init__(
        self, message: str, *, path: object | None = None, line: int | None = None, field: str | None = None
    ) -> None:
        where = []
        if path is not None:
            where.append(str(path))
        if line is not None:
            where.append(f"line {line}")
        if field is not None:
            where.append(f"field {field!r}")
        self.path, self.line, self.field = path, line, field
        super().__init__(f"{': '.join([', '.join(where), message]) if where else message}")


class UnknownNameError(GerError, KeyError):
    """A dataset, model or group name that does not exist; the message lists the closest names.

    Also a ``KeyError``, so lookups behave like a mapping's.
    """

    def __str__(self) -> str:  # KeyError quotes its argument; show the plain sentence
        return str(self.args[0])
