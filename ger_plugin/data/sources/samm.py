"""SAMM reader: apex/onset/offset frames of the FACS-coded micro-movements.

Original layout read:

* the sheet ``SAMM_Micro_FACS_Codes*.xlsx`` (13 preamble rows; the header row, the one with
  ``Filename``, is found automatically) with columns ``Subject``, ``Filename``,
  ``Onset Frame``, ``Apex Frame``, ``Offset Frame``, ``Action Units``, ``Estimated Emotion``;
* grayscale frames ``<frames>/{Subject:03d}/{Filename}/{Subject:03d}_{frame}.jpg`` where
  ``<frames>`` is the folder beside the sheet holding the 3-digit subject folders: ``SAMM/``,
  ``SAMM/SAMM/`` (the archive unzipped into a folder of its own name: ``Datasets/SAMM/SAMM/``
  beside ``Datasets/SAMM/SAMM_Micro_FACS_Codes_v2.xlsx`` in public loaders), a renamed outer
  folder, or the sheet's own folder.

The frame number is zero-padded in the file name (``006_05562.jpg``; 4 digits in some copies,
``006_0230.jpg``): the apex file is the one whose number equals the sheet's ``Apex Frame``,
whatever the padding. A sheet apex with no such file is an error naming both; the apex is
estimated (the middle frame, ``apex_estimated``) only when the sheet has none, and the build
report counts those. ``Other`` and ``Others`` both mean ``others``; Disgust, Fear and Sadness are
skipped (fewer than 10 samples). Ids are the sheet's ``Filename`` (it starts with the subject).

Counts: 159 in the paper, 135 in its released list, 136 rows of the 5 classes in the v2 sheet.
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
_COLUMNS = ("Subject", "Filename", "Onset Frame", "Apex Frame", "Offset Frame", "Estimated Emotion")
LAYOUTS = (
    Layout(
        "SAMM",
        "official",
        "SAMM_Micro_FACS_Codes_v2.xlsx beside SAMM/[SAMM/]<subject>/<clip>/<subject>_<frame>.jpg "
        "(outer folder possibly renamed)",
        (
            Need("sheet", ("SAMM_Micro_FACS_Codes*.xlsx", "SAMM*.xlsx")),
            Need("frames", ("SAMM/", "SAMM_CROP/", "*/", "."), contains="[0-9][0-9][0-9]/"),
        ),
        "public loaders: image_path='Datasets/SAMM/SAMM/', label_file='Datasets/SAMM/SAMM_Micro_FACS_Codes_v2.xlsx'; "
        "frame names 006_05562.jpg (SAMM loader docstrings)",
    ),
)


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("samm", config, split)
    found = locate(raw_dir, LAYOUTS, what="SAMM")
    sheet, frames_root = found["sheet"], found["frames"]
    for line, row, label, number in micro_rows(entry, sheet, _COLUMNS, "Estimated Emotion"):
        subject, name = f"{number:03d}", row["Filename"]
        folder = frames_root / subject / name
        if not folder.is_dir():
            raise DataError(f"missing frame folder of row {line} of {sheet}", path=folder)
        frames = micro_frames(
            folder,
            parse_int(row["Onset Frame"]),
            parse_int(row["Apex Frame"]),
            parse_int(row["Offset Frame"]),
            rf"{subject}_(\d+)\.jpg",
            sheet=sheet,
            line=line,
            strict_apex=True,
        )
        yield micro_record(
            record_id=name,
            label=label,
            label_original=row["Estimated Emotion"],
            frames=frames,
            subject=subject,
            filename=name,
            action_units=row.get("Action Units", ""),
        )


def extra_features() -> dict:
    return micro_extra_features()
