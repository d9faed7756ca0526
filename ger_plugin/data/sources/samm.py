"""SAMM reader: apex/onset/offset frames of the FACS-coded micro-movements.

Original layout read:

* the sheet ``SAMM_Micro_FACS_Codes*.xlsx`` (13 preamble rows; the header row, the one with
  ``Filename``, is found automatically) with columns ``Subject``, ``Filename``,
  ``Onset Frame``, ``Apex Frame``, ``Offset Frame``, ``Action Units``, ``Estimated Emotion``;
* grayscale frames ``SAMM/{Subject:03d}/{Filename}/{Subject:03d}_{frame:05d}.jpg`` (or the
  same below ``SAMM_CROP/``, or subject folders directly in the release folder).

``Other`` and ``Others`` (sheet versions differ) both mean ``others``; Disgust, Fear and
Sadness are skipped (fewer than 10 samples). A missing apex becomes the middle frame
(``apex_estimated``). Ids are the sheet's ``Filename`` (it starts with the subject).
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
_COLUMNS = ("Subject", "Filename", "Onset Frame", "Apex Frame", "Offset Frame", "Estimated Emotion")


def _is_frames_root(folder: Path) -> bool:
    if folder.name.upper() in ("SAMM", "SAMM_CROP"):
        return True
    return any(p.is_dir() and re.fullmatch(r"\d{3}", p.name) for p in folder.iterdir())


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("samm", config, split)
    sheet = find_file(Path(raw_dir), ["SAMM_Micro_FACS_Codes*.xlsx", "SAMM*.xlsx", "*.xlsx"], "the SAMM FACS sheet")
    frames_root = find_dir(Path(raw_dir), _is_frames_root, "the frame folder SAMM/ with 3-digit subject folders")
    for line, row in rows(read_table(sheet, _COLUMNS)):
        if not row["Filename"]:
            continue
        label = map_label_any_case(entry, row["Estimated Emotion"], path=sheet, line=line, field="Estimated Emotion")
        if label is None:
            continue
        subject = f"{subject_number(row['Subject'], path=sheet, line=line):03d}"
        name = row["Filename"]
        folder = frames_root / subject / name
        if not folder.is_dir():
            raise DataError(f"missing frame folder of row {line} of {sheet}", path=folder)
        frames = micro_frames(
            folder, parse_int(row["Onset Frame"]), parse_int(row["Apex Frame"]), parse_int(row["Offset Frame"]),
            lambda n: first_file(folder, (f"{subject}_{n:05d}.jpg", f"{subject}_{n}.jpg")),
            rf"{subject}_(\d+)\.jpg", sheet=sheet, line=line,
        )
        yield micro_record(record_id=name, label=label, label_original=row["Estimated Emotion"], frames=frames,
                           subject=subject, filename=name, action_units=row.get("Action Units", ""))


def extra_features() -> dict:
    return micro_extra_features()
