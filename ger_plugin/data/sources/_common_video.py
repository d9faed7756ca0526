"""Helpers shared by the micro-expression, video and multimodal readers.

Finding things in an unpacked release (archives often unzip into one or two extra folder
levels), reading annotation tables with errors that name the file and line, and the checks
every reader does on its ``config``/``split`` arguments. Pure file-system code: no decoding.
"""

from __future__ import annotations

import logging
import math
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ger_plugin.catalog import DatasetEntry
from ger_plugin.core.sentiment import intensity_from_score, score_polarity
from ger_plugin.data.sources import map_label
from ger_plugin.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    import pandas

log = logging.getLogger(__name__)

#: How many extra folder levels above the expected layout a search tolerates.
NESTING_DEPTH = 3


def walk_dirs(root: Path, depth: int = NESTING_DEPTH) -> Iterator[Path]:
    """``root`` and its sub-folders down to ``depth`` levels, breadth-first, in sorted order."""
    queue: deque[tuple[Path, int]] = deque([(root, 0)])
    while queue:
        folder, level = queue.popleft()
        yield folder
        if level < depth:
            try:
                children = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
            except OSError:
                continue
            queue.extend((child, level + 1) for child in children)


def find_dir(raw_dir: Path, accept: Callable[[Path], bool], what: str, depth: int = NESTING_DEPTH) -> Path:
    """The shallowest folder under ``raw_dir`` (itself included) that ``accept`` says is ``what``."""
    raw_dir = existing_dir(raw_dir)
    for folder in walk_dirs(raw_dir, depth):
        if accept(folder):
            return folder
    raise DataError(f"expected {what} in this folder or up to {depth} levels below it", path=raw_dir)


def find_file(raw_dir: Path, patterns: Sequence[str], what: str, depth: int = NESTING_DEPTH) -> Path:
    """The first file matching one of the glob ``patterns`` in the shallowest folder that has one."""
    raw_dir = existing_dir(raw_dir)
    for folder in walk_dirs(raw_dir, depth):
        for pattern in patterns:
            hits = sorted(p for p in folder.glob(pattern) if p.is_file() and not p.name.startswith(("~$", ".")))
            if hits:
                return hits[0]
    raise DataError(
        f"expected {what} ({' or '.join(patterns)}) in this folder or up to {depth} levels below it", path=raw_dir
    )


def existing_dir(path: Path | str) -> Path:
    path = Path(path)
    if not path.is_dir():
        raise DataError("the release folder does not exist", path=path)
    return path.resolve()


def first_file(folder: Path, names: Iterable[str]) -> Path | None:
    """The first ``folder/name`` that is a file, or ``None``."""
    for name in dict.fromkeys(names):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def _header_problem(raw: pandas.DataFrame, columns: Sequence[str]) -> str:
    """Why no header row was found: the closest row's missing columns, so a renamed one is named."""
    found = [[_cell(v) for v in raw.iloc[i] if _cell(v)] for i in range(min(30, len(raw)))]
    best = max(range(len(found)), key=lambda i: sum(c in found[i] for c in columns), default=None)
    if best is None or not any(c in found[best] for c in columns):
        return f"no header row with columns {list(columns)} in the first 30 rows"
    missing = [c for c in columns if c not in found[best]]
    return f"missing column(s) {missing} in the header (row {best + 1}); found {found[best]}"


def read_table(path: Path, columns: Sequence[str], **kwargs) -> pandas.DataFrame:
    """A csv/xlsx annotation table with ``columns`` present; every problem names ``path``.

    For spreadsheets the header row is found among the first 30 rows (SAMM's sheet has a
    13-row preamble). Cells are read as strings, so ids keep their zero padding.
    """
    import pandas as pd

    if not path.is_file():
        raise DataError("missing annotation file", path=path)
    try:
        if path.suffix.lower() in (".xlsx", ".xls"):
            raw = pd.read_excel(path, header=None, dtype=str, **kwargs)
            header_row = next(
                (i for i in range(min(30, len(raw))) if set(columns) <= {str(v).strip() for v in raw.iloc[i]}), None
            )
            if header_row is None:
                raise DataError(_header_problem(raw, columns), path=path)
            frame = raw.iloc[header_row + 1 :].reset_index(drop=True)
            frame.columns = [_cell(v) or f"Unnamed: {i}" for i, v in enumerate(raw.iloc[header_row])]
            frame.attrs["first_line"] = header_row + 2  # spreadsheet row of the first data row
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, **kwargs)
            frame.columns = [str(c).strip() for c in frame.columns]
            frame.attrs["first_line"] = 2
    except DataError:
        raise
    except Exception as exc:  # pandas/openpyxl raise many types for a corrupt file
        raise DataError(f"cannot read the table: {exc}", path=path) from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(f"missing column(s) {missing}; found {list(frame.columns)}", path=path)
    return frame


def rows(frame) -> Iterator[tuple[int, dict[str, str]]]:
    """(file line number, row as a dict of stripped strings; empty cells -> "") of a table."""
    first = frame.attrs.get("first_line", 2)
    for offset, row in enumerate(frame.to_dict("records")):
        yield first + offset, {k: _cell(v) for k, v in row.items()}


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value).strip()
    return "" if text.lower() == "nan" else text


def parse_int(text: str) -> int | None:
    """``"59"``, ``"59.0"`` -> 59; anything else (``""``, ``"/"``, ``"-"``) -> ``None``."""
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def parse_float(text: str, *, path: Path, line: int | None, field: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if math.isnan(value):
        raise DataError(f"expected a number, got {text!r}", path=path, line=line, field=field)
    return value


def map_label_any_case(entry: DatasetEntry, original: str, *, path: Path, line: int | None, field: str) -> str | None:
    """:func:`map_label`, matching the release's spelling case-insensitively (sheet versions differ)."""
    known = {k.casefold(): k for k in (*entry.original_labels, *entry.excluded_original_labels)}
    return map_label(entry, known.get(original.strip().casefold(), original), path=path, line=line, field=field)


def subject_number(text: str, *, path: Path, line: int, field: str = "Subject") -> int:
    """``"1"``, ``"01"``, ``"sub01"``, ``"6.0"`` -> the subject number."""
    match = re.fullmatch(r"(?:sub)?0*(\d+)(?:\.0+)?", text.strip(), flags=re.IGNORECASE)
    if not match:
        raise DataError(f"expected a subject number, got {text!r}", path=path, line=line, field=field)
    return int(match.group(1))


# ---- micro-expression coding sheets -----------------------------------------------------


def frame_numbers(folder: Path, pattern: str) -> list[tuple[int, Path]]:
    """(frame number, file) of the files in ``folder`` whose name matches ``pattern`` (one
    integer group), sorted numerically: ``img9`` before ``img10``."""
    regex = re.compile(pattern)
    found = []
    for path in folder.iterdir() if folder.is_dir() else ():
        match = regex.fullmatch(path.name)
        if match:
            found.append((int(match.group(1)), path))
    return sorted(found)


def micro_rows(
    entry: DatasetEntry, sheet: Path, columns: Sequence[str], emotion: str
) -> Iterator[tuple[int, dict[str, str], str, int]]:
    """(line, row, canonical label, subject number) of a coding sheet's evaluated rows.

    Blank spacer rows and classes outside the evaluated set are skipped; an unknown emotion or a
    bad subject is a :class:`DataError` naming the sheet, line and field.
    """
    for line, row in rows(read_table(sheet, columns)):
        if not row["Filename"]:
            continue  # blank spacer rows
        label = map_label_any_case(entry, row[emotion], path=sheet, line=line, field=emotion)
        if label is None:
            continue
        yield line, row, label, subject_number(row["Subject"], path=sheet, line=line)


def micro_frames(
    folder: Path,
    onset: int | None,
    apex: int | None,
    offset: int | None,
    pattern: str,
    *,
    sheet: Path,
    line: int,
    strict_apex: bool = False,
) -> tuple[Path, Path, Path, bool]:
    """Onset, apex and offset frame files of one coded sample, and whether the apex was estimated.

    Frames are found by number, whatever the zero padding of their names (``pattern`` has one
    integer group). A missing apex (blank, ``/`` or <= 0 in the sheet) becomes the middle frame
    between onset and offset, taken from the frames present in numeric order. A sheet apex with no
    frame file is an error when ``strict_apex``, else estimated with a warning. An onset/offset
    with no frame file (the sheets have known typos) snaps to the nearest frame present, with a
    warning naming the sheet row.
    """
    if onset is None or offset is None:
        raise DataError("onset/offset frame is not a number", path=sheet, line=line)
    present = frame_numbers(folder, pattern)
    if not present:
        raise DataError(f"no frames named like {pattern!r} for row {line} of {sheet}", path=folder)
    by_number = dict(reversed(present))  # the first file of a number wins
    numbers = [n for n, _ in present]

    def existing(name: str, number: int) -> tuple[int, Path]:
        if number in by_number:
            return number, by_number[number]
        nearest = min(range(len(numbers)), key=lambda i: abs(numbers[i] - number))
        log.warning(
            "%s, line %d: no %s frame %d in %s; using frame %d", sheet, line, name, number, folder, numbers[nearest]
        )
        return present[nearest]

    onset, onset_path = existing("onset", onset)
    offset, offset_path = existing("offset", offset)
    apex_path = by_number.get(apex) if apex is not None and apex > 0 else None
    if apex_path is None and apex is not None and apex > 0:
        if strict_apex:
            raise DataError(
                f"no frame file numbered {apex} (the sheet's apex, line {line} of {sheet}); "
                f"frames here run {numbers[0]}..{numbers[-1]}",
                path=folder,
            )
        log.warning("%s, line %d: no apex frame %d in %s; estimating it", sheet, line, apex, folder)
    estimated = apex_path is None
    if estimated:
        between = [path for n, path in present if onset <= n <= offset] or [path for _, path in present]
        apex_path = between[len(between) // 2]
    assert apex_path is not None  # the sheet's frame, or the estimate just made
    return onset_path, apex_path, offset_path, estimated


def micro_record(
    *,
    record_id: str,
    label: str,
    label_original: str,
    frames: tuple[Path, Path, Path, bool],
    subject: str,
    filename: str,
    action_units: str,
) -> dict:
    """One micro-expression record from :func:`micro_frames`' result and the sheet's fields."""
    onset, apex, offset, estimated = frames
    return {
        "id": record_id,
        "label": label,
        "label_original": label_original,
        "onset": str(onset),
        "apex": str(apex),
        "offset": str(offset),
        "subject": subject,
        "filename": filename,
        "action_units": action_units,
        "apex_estimated": estimated,
    }


def micro_extra_features() -> dict:
    import datasets as ds

    return {
        "subject": ds.Value("string"),
        "filename": ds.Value("string"),
        "action_units": ds.Value("string"),
        "apex_estimated": ds.Value("bool"),
    }


# ---- multimodal releases ----------------------------------------------------------------

#: MMSA ``label.csv`` ``mode`` -> Hub split name.
MMSA_SPLITS = {"train": "train", "valid": "validation", "test": "test"}


def mmsa_rows(label_csv: Path, split: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) of an MMSA-style ``label.csv`` whose ``mode`` is ``split`` (Hub name)."""
    table = read_table(label_csv, ("video_id", "clip_id", "text", "label", "mode"))
    for line, row in rows(table):
        mode = MMSA_SPLITS.get(row["mode"].lower())
        if mode is None:
            raise DataError(
                f"unknown mode {row['mode']!r} (expected train, valid or test)", path=label_csv, line=line, field="mode"
            )
        if mode == split:
            yield line, row


def clip_file(folder: Path, clip_id: str, suffixes: Sequence[str] = (".mp4",)) -> Path | None:
    """A clip named by ``clip_id`` as written, zero-padded to 4 digits or unpadded."""
    names = [clip_id]
    number = parse_int(clip_id)
    if number is not None:
        names += [f"{number:04d}", str(number)]
    return first_file(folder, [name + suffix for name in names for suffix in suffixes])


def sentiment_record(
    entry: DatasetEntry,
    *,
    record_id: str,
    score_text: str,
    scale: tuple[float, float],
    video: Path,
    text: str | None,
    text_en: str | None,
    path: Path,
    line: int | None,
    field: str = "label",
) -> dict:
    """A CH-SIMS/CMU-MOSI record: float ``sentiment``, 5-bin ``label``, sign ``polarity``."""
    score = parse_float(score_text, path=path, line=line, field=field)
    if not scale[0] <= score <= scale[1]:
        raise DataError(f"sentiment {score} outside {list(scale)}", path=path, line=line, field=field)
    return {
        "id": record_id,
        "label": map_label(entry, intensity_from_score(score, scale), path=path, line=line, field=field),
        "label_original": score_text,
        "video": str(video),
        "text": text,
        "text_en": text_en,
        "sentiment": score,
        "polarity": score_polarity(score),
    }
