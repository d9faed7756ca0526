"""Tiny CASME II: coding sheet + ``img{N}.jpg`` frame folders, in each layout the reader declares.

Quirks covered: one Filename under two subjects, a missing ApexFrame whose middle frame is only
right under numeric sorting (img8..img12), excluded classes (fear, sadness). Layouts:
``CASME2_RAW_selected`` as ``CASME2_RAW_selected.zip`` unpacks (the folder twice, the sheet beside
the inner one), one extra level (``CASME2/``), ``CASME2-RAW/`` and ``Cropped/`` (``reg_img{N}.jpg``).
"""

from __future__ import annotations

from pathlib import Path

from ._sheets import write_xlsx
from ._videos import write_frames

SHEET = "CASME2-coding-20140508.xlsx"
HEADER = (
    "Subject",
    "Filename",
    None,
    "OnsetFrame",
    "ApexFrame",
    "OffsetFrame",
    None,
    "Action Units",
    "Estimated Emotion",
)

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


def write(frames: Path, sheet_dir: Path, prefix: str = "") -> dict[tuple[str, str], dict[str, str]]:
    """Frames under ``frames/sub{SS}/{Filename}/``, the sheet in ``sheet_dir``."""
    rows = []
    for subject, name, onset, apex, offset, aus, emotion, label in SAMPLES:
        rows.append((subject, name, None, onset, apex, offset, None, aus, emotion))
        if label:
            write_frames(
                frames / f"sub{subject:02d}" / name, label, range(onset, offset + 1), lambda i: f"{prefix}img{i}.jpg"
            )
    write_xlsx(sheet_dir / SHEET, HEADER, rows)
    return {("default", "test"): {f"sub{s:02d}_{n}": lab for s, n, *_, lab in SAMPLES if lab}}


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """One extra folder level: ``CASME2/CASME2_RAW_selected/`` with the sheet in ``CASME2/``."""
    return write(root / "CASME2" / "CASME2_RAW_selected", root / "CASME2")


def make_zip_nesting(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """As ``CASME2_RAW_selected.zip`` unpacks: the folder twice, the sheet beside the inner one."""
    outer = root / "CASME2_RAW_selected"
    return write(outer / "CASME2_RAW_selected", outer)


def make_deep_nesting(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """The archive unzipped into its own name twice more (``X/X/X/sub01``), the sheet at the top."""
    return write(root / "CASME2_RAW_selected" / "CASME2_RAW_selected" / "CASME2_RAW_selected", root)


def make_raw(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    return write(root / "CASME2-RAW", root)


def make_cropped(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    return write(root / "Cropped" / "Cropped", root, prefix="reg_")


LAYOUT_FIXTURES = {
    "CASME2_RAW_selected": (make, make_zip_nesting, make_deep_nesting),
    "CASME2-RAW": (make_raw,),
    "Cropped": (make_cropped,),
}
