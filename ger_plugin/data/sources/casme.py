"""CASME (CASME I) reader: apex/onset/offset frames of the coded micro-expressions.

Original layout read (official archive names unverified; the layout of public loaders):

* a coding sheet ``*.xlsx`` (``CASME*.xlsx`` preferred) with columns ``Subject``,
  ``Filename``, ``OnsetF``, ``ApexF1``, ``OffsetF``, an action-unit column (``AU...``) and
  ``Emotion``;
* frames ``CASME_raw_selected/sub{SS}/{Filename}/{Filename}-{frame}.jpg``, or, when only the
  cropped faces are present, ``Cropped/sub{SS}/{Filename}/reg_{Filename}-{frame}.jpg``. Like
  CASME II's, the archive may unzip into a folder of its own name
  (``CASME_raw_selected/CASME_raw_selected/sub01/...``, the sheet beside the inner folder).

Frame numbers are written unpadded in the first part of the release and zero-padded to 3 digits
after it; a frame is found by its number whatever the padding. A missing apex becomes the middle
frame (``apex_estimated``). Happiness, sadness, fear and contempt are skipped (the paper evaluates
4 classes). Ids are ``sub{SS}_{Filename}`` because one ``Filename`` recurs across subjects.
Sheet typos (an onset/offset/apex with no frame file) are tolerated: onset/offset snap to
the nearest frame present, the apex is estimated; each is logged with the sheet row.

Counts: 195 in the paper, 178 in its released list (4 classes), 189 to 197 sheet rows in circulation.
"""

from __future__ import annotations

import re
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
_COLUMNS = ("Subject", "Filename", "OnsetF", "ApexF1", "OffsetF", "Emotion")
_SHEET = Need("sheet", ("CASME*.xlsx", "*.xlsx"))
_SOURCE = (
    "MEB (micro-expression-benchmark) Casme loader: CASME_raw_selected/sub{SS}/{Filename}/{Filename}-{frame}.jpg; "
    "the self-named nesting as in CASME II's CASME2_RAW_selected.zip"
)
LAYOUTS = (
    Layout(
        "CASME_raw_selected",
        "official",
        "coding sheet beside CASME_raw_selected/[CASME_raw_selected/]sub01/EP01_12/EP01_12-81.jpg",
        (_SHEET, Need("frames", ("CASME_raw_selected/", "."), contains="sub[0-9]*/")),
        _SOURCE,
    ),
    Layout(
        "Cropped",
        "official",
        "coding sheet beside Cropped/sub01/EP01_12/reg_EP01_12-81.jpg (cropped faces)",
        (_SHEET, Need("frames", ("Cropped/",), contains="sub[0-9]*/")),
        _SOURCE,
    ),
)
_PREFIX = {"Cropped": "reg_"}


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("casme", config, split)
    found = locate(raw_dir, LAYOUTS, what="CASME")
    sheet, frames_root = found["sheet"], found["frames"]
    prefix = _PREFIX.get(found.layout.name, "")
    au_column = None
    for line, row, label, subject in micro_rows(entry, sheet, _COLUMNS, "Emotion"):
        if au_column is None:
            au_column = next((c for c in row if re.match(r"(?i)(au|action)", c)), "")
        name = row["Filename"]
        folder = frames_root / f"sub{subject:02d}" / name
        if not folder.is_dir():
            raise DataError(f"missing frame folder of row {line} of {sheet}", path=folder)
        frames = micro_frames(
            folder,
            parse_int(row["OnsetF"]),
            parse_int(row["ApexF1"]),
            parse_int(row["OffsetF"]),
            rf"{re.escape(prefix + name)}-(\d+)\.jpg",
            sheet=sheet,
            line=line,
        )
        yield micro_record(
            record_id=f"sub{subject:02d}_{name}",
            label=label,
            label_original=row["Emotion"],
            frames=frames,
            subject=f"sub{subject:02d}",
            filename=name,
            action_units=row.get(au_column, "") if au_column else "",
        )


def extra_features() -> dict:
    return micro_extra_features()
