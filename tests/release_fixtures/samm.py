"""Tiny SAMM: the FACS sheet with its 13 preamble rows + grayscale ``<subject>/<clip>/`` frames.

Quirks covered: ``Other`` and ``Others``, a missing apex (estimated), excluded classes, int
subjects vs 3-digit folders, 5-digit frame numbers and, for one subject, 4-digit ones
(``008_0230.jpg``). Layouts: the sheet beside ``SAMM/``, beside ``SAMM/SAMM/`` (the archive in a
folder of its own name), beside a renamed outer folder, and inside the frames folder.
"""

from __future__ import annotations

from pathlib import Path

from ._sheets import write_xlsx
from ._videos import write_frames

SHEET = "SAMM_Micro_FACS_Codes_v2.xlsx"
HEADER = (
    "Subject",
    "Filename",
    "Inducement Code",
    "Onset Frame",
    "Apex Frame",
    "Offset Frame",
    "Duration",
    "Micro",
    "Action Units",
    "Estimated Emotion",
    "Objective Classes",
    "Notes",
)
PREAMBLE = [("SAMM Micro-Movement FACS Codes",)] + [()] * 12

# (subject, filename, onset, apex, offset, AUs, emotion as written, canonical or None)
SAMPLES = (
    (6, "006_1_2", 5562, 5588, 5590, "4+7", "Anger", "angry"),
    (6, "006_1_3", 100, 102, 104, "R14", "Contempt", "contempt"),
    (7, "007_3_1", 2000, 2003, 2004, "6+12", "Happiness", "happy"),
    (7, "007_5_2", 310, 311, 313, "1+2", "Surprise", "surprised"),
    (8, "008_2_1", 228, 230, 233, "12", "Happiness", "happy"),
    (9, "009_2_4", 40, 42, 45, "4 or 7", "Other", "others"),
    (10, "010_1_1", 50, "-", 56, "12", "Others", "others"),
    (11, "011_2_1", 1, 2, 3, "9", "Disgust", None),
)
#: subjects whose frame files use 4 digits
FOUR_DIGITS = (8,)


def frame_name(subject: int, i: int) -> str:
    return f"{subject:03d}_{i:04d}.jpg" if subject in FOUR_DIGITS else f"{subject:03d}_{i:05d}.jpg"


def write(frames: Path, sheet_dir: Path) -> dict[tuple[str, str], dict[str, str]]:
    rows = []
    for subject, name, onset, apex, offset, aus, emotion, label in SAMPLES:
        rows.append((subject, name, 1, onset, apex, offset, "", "Micro", aus, emotion, "", ""))
        if label:
            write_frames(
                frames / f"{subject:03d}" / name,
                label,
                range(onset, offset + 1),
                lambda i, s=subject: frame_name(s, i),
                mode="L",
            )
    write_xlsx(sheet_dir / SHEET, HEADER, rows, preamble=PREAMBLE)
    return {("default", "test"): {n: lab for _s, n, *_, lab in SAMPLES if lab}}


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    return write(root / "SAMM", root)


def make_zip_nesting(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """``Datasets/SAMM/SAMM/<subject>`` with ``Datasets/SAMM/SAMM_Micro_FACS_Codes_v2.xlsx``."""
    return write(root / "SAMM" / "SAMM", root / "SAMM")


def make_renamed(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    return write(root / "samm_frames_v1" / "samm_frames_v1", root)


def make_sheet_inside(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    return write(root / "SAMM", root / "SAMM")


def make_deep_nesting(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    return write(root / "SAMM" / "SAMM" / "SAMM" / "SAMM", root)


LAYOUT_FIXTURES = {"SAMM": (make, make_zip_nesting, make_renamed, make_sheet_inside, make_deep_nesting)}
