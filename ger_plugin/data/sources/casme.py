"""CASME (CASME I) reader: apex/onset/offset frames of the coded micro-expressions.

Original layout read (official archive names unverified; the layout of public loaders):

* a coding sheet ``*.xlsx`` (``CASME*.xlsx`` preferred) with columns ``Subject``,
  ``Filename``, ``OnsetF``, ``ApexF1``, ``OffsetF``, an action-unit column (``AU...``) and
  ``Emotion``;
* frames ``CASME_raw_selected/sub{SS}/{Filename}/{Filename}-{frame}.jpg``, or, when only the
  cropped faces are present, ``Cropped/sub{SS}/{Filename}/reg_{Filename}-{frame}.jpg``.

Frame numbers are written unpadded in the first part of the release and zero-padded to 3 digits
after it; both spellings are tried. A missing apex becomes the middle frame
(``apex_estimated``). Happiness, sadness, fear and contempt are skipped (the paper evaluates
4 classes). Ids are ``sub{SS}_{Filename}`` because one ``Filename`` recurs across subjects.
Sheet typos (an onset/offset/apex with no frame file) are tolerated: onset/offset snap to
the nearest frame present, the apex is estimated; each is logged with the sheet row.
"""

from __future__ import annotations

import re
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
_COLUMNS = ("Subject", "Filename", "OnsetF", "ApexF1", "OffsetF", "Emotion")
_FRAME_ROOTS = {"casme_raw_selected": "", "cropped": "reg_"}  # folder -> frame-name prefix


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("casme", config, split)
    sheet = find_file(Path(raw_dir), ["[Cc][Aa][Ss][Mm][Ee]*.xlsx", "*.xlsx"], "the CASME coding sheet")
    frames_root = find_dir(Path(raw_dir), lambda p: p.name.lower() in _FRAME_ROOTS,
                           "the frame folder CASME_raw_selected/ (or Cropped/)")
    prefix = _FRAME_ROOTS[frames_root.name.lower()]
    table = read_table(sheet, _COLUMNS)
    au_column = next((c for c in table.columns if re.match(r"(?i)(au|action)", c)), None)
    for line, row in rows(table):
        if not row["Filename"]:
            continue  # blank spacer rows
        label = map_label_any_case(entry, row["Emotion"], path=sheet, line=line, field="Emotion")
        if label is None:
            continue
        subject = subject_number(row["Subject"], path=sheet, line=line)
        name = row["Filename"]
        folder = frames_root / f"sub{subject:02d}" / name
        if not folder.is_dir():
            raise DataError(f"missing frame folder of row {line} of {sheet}", path=folder)
        frames = micro_frames(
            folder, parse_int(row["OnsetF"]), parse_int(row["ApexF1"]), parse_int(row["OffsetF"]),
            lambda n: first_file(folder, (f"{prefix}{name}-{n}.jpg", f"{prefix}{name}-{n:03d}.jpg")),
            rf"{re.escape(prefix + name)}-(\d+)\.jpg", sheet=sheet, line=line,
        )
        yield micro_record(record_id=f"sub{subject:02d}_{name}", label=label, label_original=row["Emotion"],
                           frames=frames, subject=f"sub{subject:02d}", filename=name,
                           action_units=row.get(au_column, "") if au_column else "")


def extra_features() -> dict:
    return micro_extra_features()
