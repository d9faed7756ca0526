"""Tiny CASME: coding sheet + frame folders, with the release's quirks, in each declared layout.

Quirks covered: unpadded and 3-digit padded frame numbers, one Filename under two subjects,
a missing apex (``/``), an excluded class (happiness, no frames needed), a capitalised label.
Layouts: ``CASME_raw_selected/`` beside the sheet, the same unzipped into a folder of its own name
(``CASME_raw_selected/CASME_raw_selected/``, the sheet beside the inner one) and ``Cropped/``.
"""

from __future__ import annotations

from pathlib import Path

from ._sheets import write_xlsx
from ._videos import write_frames

SHEET = "CASME_coding.xlsx"
HEADER = ("Subject", "Filename", None, "OnsetF", "ApexF1", "OffsetF", None, "AU", "Emotion")

# (subject, filename, onset, apex, offset, AU, emotion as written, canonical or None, padded)
SAMPLES = (
    (1, "EP01_12", 10, 13, 16, "4+7", "tense", "tense", False),
    (1, "EP07", 20, 22, 24, "9", "disgust", "disgusted", False),
    (2, "EP01_12", 5, 6, 9, "14", "repression", "repressed", False),
    (3, "EP12_2_1", 93, 95, 97, "1+2", "surprise", "surprised", True),
    (3, "EP05", 100, 104, 106, "4", "Tense", "tense", True),
    (4, "EP02", 30, 31, 33, "12", "happiness", None, False),
    (4, "EP03", 40, "/", 44, "10", "disgust", "disgusted", False),
)


def write(frames: Path, sheet_dir: Path, prefix: str = "") -> dict[tuple[str, str], dict[str, str]]:
    rows = []
    for subject, name, onset, apex, offset, au, emotion, label, padded in SAMPLES:
        rows.append((subject, name, None, onset, apex, offset, None, au, emotion))
        if label is None:
            continue  # excluded classes: the reader must not even look for their frames
        fmt = "{:03d}" if padded else "{}"
        write_frames(
            frames / f"sub{subject:02d}" / name,
            label,
            range(onset, offset + 1),
            lambda i, n=name, f=fmt: f"{prefix}{n}-{f.format(i)}.jpg",
        )
    write_xlsx(sheet_dir / SHEET, HEADER, rows)
    return {("default", "test"): {f"sub{s:02d}_{n}": lab for s, n, *_, lab, _p in SAMPLES if lab}}


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    return write(root / "CASME_raw_selected", root)


def make_zip_nesting(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    outer = root / "CASME_raw_selected"
    return write(outer / "CASME_raw_selected", outer)


def make_cropped(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    return write(root / "Cropped", root, prefix="reg_")


LAYOUT_FIXTURES = {"CASME_raw_selected": (make, make_zip_nesting), "Cropped": (make_cropped,)}
