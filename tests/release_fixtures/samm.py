"""Tiny SAMM: the FACS sheet with its 13 preamble rows + grayscale ``SAMM/{SSS}/{Filename}`` frames.

Quirks covered: ``Other`` and ``Others``, a missing apex, excluded classes, int subjects vs
3-digit folders, 5-digit frame numbers.
"""

from __future__ import annotations

from pathlib import Path

from ._sheets import write_xlsx
from ._videos import write_frames

SHEET = "SAMM_Micro_FACS_Codes_v2.xlsx"
HEADER = ("Subject", "Filename", "Inducement Code", "Onset Frame", "Apex Frame", "Offset Frame", "Duration",
          "Micro", "Action Units", "Estimated Emotion", "Objective Classes", "Notes")
PREAMBLE = [("SAMM Micro-Movement FACS Codes",)] + [()] * 12

# (subject, filename, onset, apex, offset, AUs, emotion as written, canonical or None)
SAMPLES = (
    (6, "006_1_2", 5562, 5588, 5590, "4+7", "Anger", "angry"),
    (6, "006_1_3", 100, 102, 104, "R14", "Contempt", "contempt"),
    (7, "007_3_1", 2000, 2003, 2004, "6+12", "Happiness", "happy"),
    (7, "007_5_2", 310, 311, 313, "1+2", "Surprise", "surprised"),
    (9, "009_2_4", 40, 42, 45, "4 or 7", "Other", "others"),
    (10, "010_1_1", 50, "-", 56, "12", "Others", "others"),
    (11, "011_2_1", 1, 2, 3, "9", "Disgust", None),
)


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    rows = []
    for subject, name, onset, apex, offset, aus, emotion, label in SAMPLES:
        rows.append((subject, name, 1, onset, apex, offset, "", "Micro", aus, emotion, "", ""))
        if label:
            write_frames(root / "SAMM" / f"{subject:03d}" / name, label, range(onset, offset + 1),
                         lambda i, s=subject: f"{s:03d}_{i:05d}.jpg", mode="L")
    write_xlsx(root / SHEET, HEADER, rows, preamble=PREAMBLE)
    return {("default", "test"): {n: lab for _s, n, *_, lab in SAMPLES if lab}}
