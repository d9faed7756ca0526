"""Annotation files in the releases' original formats (real .xlsx via openpyxl, csv)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path


def write_xlsx(
    path: Path, header: Sequence[object], rows: Iterable[Sequence[object]], preamble: Iterable[Sequence[object]] = ()
) -> Path:
    """A one-sheet workbook: optional preamble rows, then the header row, then the data rows."""
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    for row in (*preamble, header, *rows):
        sheet.append(list(row))
    book.save(path)
    return path


def write_csv(
    path: Path, header: Sequence[str] | None, rows: Iterable[Sequence[object]], *, delimiter: str = ","
) -> Path:
    """A csv file (``header=None``: no header line), UTF-8, ``\\n`` line ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        if header is not None:
            writer.writerow(header)
        writer.writerows(rows)
    return path
