"""CASME II reader: apex/onset/offset frames of the coded micro-expressions.

Original layout read:

* the coding sheet ``CASME2-coding-*.xlsx`` (any version: 20140508, 20190701, updated) with
  columns ``Subject``, ``Filename``, ``OnsetFrame``, ``ApexFrame``, ``OffsetFrame``,
  ``Action Units``, ``Estimated Emotion``;
* frames ``CASME2_RAW_selected/sub{SS}/{Filename}/img{N}.jpg`` (preferred), else the full
  sequences ``CASME2-RAW/...`` or the cropped faces ``Cropped/.../reg_img{N}.jpg``.

``N`` is the sheet's frame number, unpadded, so frames are sorted numerically. About 21 rows
have no ``ApexFrame``: the apex becomes the middle frame between onset and offset
(``apex_estimated``). Fear and sadness are skipped (standard 5 classes). Ids are
``sub{SS}_{Filename}`` because one ``Filename`` recurs across subjects.
Sheet typos (an onset/offset/apex with no frame file) are tolerated: onset/offset snap to
the nearest frame present, the apex is estimated; each is logged with the sheet row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ger_plugin.data.sources import entry_for
from ger_plugin.data.sources._common_video import (
    find_dir,
    find_file,
    first_file,
    map_label_any_case,
    micro_extra_features,
    micro_frames,
    micro_record,
    parse_int,
    read_table,
    rows,
    subject_number,
)
from ger_plugin.errors import DataError

CONFIGS = ("default",)
_COLUMNS = ("Subject", "Filename", "OnsetFrame", "ApexFrame", "OffsetFrame", "Estimated Emotion")
# frame folders in order of preference -> frame-name prefix
_FRAME_ROOTS = {"casme2_raw_selected": "", "casme2-raw": "", "cropped": "reg_"}


def _frames_root(raw_dir: Path) -> Path:
    for name in _FRAME_ROOTS:  # preference order beats depth
        try:
            return find_dir(raw_dir, lambda p, n=name: p.name.lower() == n, name)
        except DataError:
            continue
    raise DataError("expected the frame folder CASME2_RAW_selected/ (or CASME2-RAW/, Cropped/) in this "
                    "folder or a few levels below it", path=raw_dir)


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("casme2", config, split)
    sheet = find_file(Path(raw_dir), ["CASME2-coding*.xlsx", "CASME2*.xlsx", "*.xlsx"], "the CASME II coding sheet")
    frames_root = _frames_root(Path(raw_dir))
    prefix = _FRAME_ROOTS[frames_root.name.lower()]
    for line, row in rows(read_table(sheet, _COLUMNS)):
        if not row["Filename"]:
            continue
        label = map_label_any_case(entry, row["Estimated Emotion"], path=sheet, line=line, field="Estimated Emotion")
        if label is None:
            continue
        subject = subject_number(row["Subject"], path=sheet, line=line)
        name = row["Filename"]
        folder = frames_root / f"sub{subject:02d}" / name
        if not folder.is_dir():
            raise DataError(f"missing frame folder of row {line} of {sheet}", path=folder)
        frames = micro_frames(
            folder, parse_int(row["OnsetFrame"]), parse_int(row["ApexFrame"]), parse_int(row["OffsetFrame"]),
            lambda n: first_file(folder, (f"{prefix}img{n}.jpg",)), rf"{prefix}img(\d+)\.jpg",
            sheet=sheet, line=line,
        )
        yield micro_record(record_id=f"sub{subject:02d}_{name}", label=label,
                           label_original=row["Estimated Emotion"], frames=frames, subject=f"sub{subject:02d}",
                           filename=name, action_units=row.get("Action Units", ""))


def extra_features() -> dict:
    return micro_extra_features()
