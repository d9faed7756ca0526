"""Tiny CASME II: coding sheet + CASME2_RAW_selected ``img{N}.jpg`` frames, nested one level.

Quirks covered: one Filename under two subjects, a missing ApexFrame whose middle frame is only
right under numeric sorting (img8..img12), excluded classes (fear, sadness).
"""

from __future__ import annotations

from pathlib import Path

from ._sheets import write_xlsx
from ._videos import write_frames

SHEET = "CASME2-coding-20140508.xlsx"
HEADER = ("Subject", "Filename", None, "OnsetFrame", "ApexFrame", "OffsetFrame", None, "Action Units",
          "Estimated Emotion")

# (subject, filename, onset, apex, offset, AUs, emotion as written, canonical or None)
SAMPLES = (
    (1, "EP02_01f", 46, 59, 62, "12", "happiness", "happy"),
    (2, "EP02_01f", 3, 5, 7, "R12", "others", "others"),
    (2, "EP03_02", 10, 11, 14, "1+2", "surprise", "surprised"),
    (5, "EP19_05f", 8, "/", 12, "4+7", "disgust", "disgusted"),
    (9, "EP09_04", 20, 22, 23, "14", "repression", "repressed"),
    (11, "EP01_01", 1, 2, 3, "4", "fear", None),
    (12, "EP13_02", 1, 2, 3, "15", "sadness", None),
)


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    base = root / "CASME2"  # the archive unzips into one extra folder
    rows = []
    for subject, name, onset, apex, offset, aus, emotion, label in SAMPLES:
        rows.append((subject, name, None, onset, apex, offset, None, aus, emotion))
        if label:
            write_frames(base / "CASME2_RAW_selected" / f"sub{subject:02d}" / name, label,
                         range(onset, offset + 1), lambda i: f"img{i}.jpg")
    write_xlsx(base / SHEET, HEADER, rows)
    return {("default", "test"): {f"sub{s:02d}_{n}": lab for s, n, *_, lab in SAMPLES if lab}}
