"""CASME II reader: apex/onset/offset frames of the coded micro-expressions.

Original layout read:

* the coding sheet ``CASME2-coding-*.xlsx`` (any version: 20140508, 20190701, updated) with
  columns ``Subject``, ``Filename``, ``OnsetFrame``, ``ApexFrame``, ``OffsetFrame``,
  ``Action Units``, ``Estimated Emotion``;
* frames ``CASME2_RAW_selected/sub{SS}/{Filename}/img{N}.jpg`` (preferred), else the full
  sequences ``CASME2-RAW/...`` or the cropped faces ``Cropped/.../reg_img{N}.jpg``.
  Unzipping ``CASME2_RAW_selected.zip`` gives ``CASME2_RAW_selected/CASME2_RAW_selected/sub01/...``
  with the sheet beside the inner folder (public loaders: ``RAW_VIDEO_DIR =
  '../data/CASME2_RAW_selected/CASME2_RAW_selected'``, ``ANNOTATION_FILE =
  '../data/CASME2_RAW_selected/CASME2-coding-20140508.xlsx'``); any depth of that nesting is read.

``N`` is the sheet's frame number, unpadded, so frames are sorted numerically. About 21 rows
have no ``ApexFrame``: the apex becomes the middle frame between onset and offset
(``apex_estimated``). Fear and sadness are skipped (standard 5 classes). Ids are
``sub{SS}_{Filename}`` because one ``Filename`` recurs across subjects.
Sheet typos (an onset/offset/apex with no frame file) are tolerated: onset/offset snap to
the nearest frame present, the apex is estimated; each is logged with the sheet row.

Counts: 247 in the paper, 239 in its released list, 247 to 256 rows in the sheets in circulation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for
from ger_plugin.data.sources._common_video import (
    micro_extra_features,
    micro_frames,
    micro_record,
    micro_rows,
    parse_int,
)
from ger_plugin.errors import DataError

CONFIGS = ("default",)
_COLUMNS = ("Subject", "Filename", "OnsetFrame", "ApexFrame", "OffsetFrame", "Estimated Emotion")
_SHEET = Need("sheet", ("CASME2-coding*.xlsx", "CASME2*.xlsx", "*.xlsx"))
_SOURCE = (
    "public loaders of CASME2_RAW_selected.zip, e.g. "
    "RAW_VIDEO_DIR='../data/CASME2_RAW_selected/CASME2_RAW_selected' beside CASME2-coding-20140508.xlsx; "
    "MEB (micro-expression-benchmark) casme2_raw()"
)
LAYOUTS = (
    Layout(
        "CASME2_RAW_selected",
        "official",
        "coding sheet beside CASME2_RAW_selected/[CASME2_RAW_selected/]sub01/EP02_01f/img46.jpg",
        (_SHEET, Need("frames", ("CASME2_RAW_selected/", "."), contains="sub[0-9]*/")),
        _SOURCE,
    ),
    Layout(
        "CASME2-RAW",
        "official",
        "coding sheet beside CASME2-RAW/sub01/EP02_01f/img1.jpg (full sequences)",
        (_SHEET, Need("frames", ("CASME2-RAW/", "CASME2_RAW/"), contains="sub[0-9]*/")),
        _SOURCE,
    ),
    Layout(
        "Cropped",
        "official",
        "coding sheet beside Cropped/sub01/EP02_01f/reg_img46.jpg (cropped faces)",
        (_SHEET, Need("frames", ("Cropped/",), contains="sub[0-9]*/")),
        _SOURCE,
    ),
)
_PREFIX = {"Cropped": "reg_"}


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("casme2", config, split)
    found = locate(raw_dir, LAYOUTS, what="CASME II")
    sheet, frames_root = found["sheet"], found["frames"]
    prefix = _PREFIX.get(found.layout.name, "")
    for line, row, label, subject in micro_rows(entry, sheet, _COLUMNS, "Estimated Emotion"):
        name = row["Filename"]
        folder = frames_root / f"sub{subject:02d}" / name
        if not folder.is_dir():
            raise DataError(f"missing frame folder of row {line} of {sheet}", path=folder)
        frames = micro_frames(
            folder,
            parse_int(row["OnsetFrame"]),
            parse_int(row["ApexFrame"]),
            parse_int(row["OffsetFrame"]),
            rf"{prefix}img(\d+)\.jpg",
            sheet=sheet,
            line=line,
        )
        yield micro_record(
            record_id=f"sub{subject:02d}_{name}",
            label=label,
            label_original=row["Estimated Emotion"],
            frames=frames,
            subject=f"sub{subject:02d}",
            filename=name,
            action_units=row.get("Action Units", ""),
        )


def extra_features() -> dict:
    return micro_extra_features()
