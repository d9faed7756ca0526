"""SFEW 2.0 fixture: Train/ and the nested Val/Val/<Emotion>/ folders of the EmotiW 2015 release.

Pitfalls: Val is nested (Val/Val), one file name occurs in two emotion folders, Train must be
ignored, and a stray Thumbs.db sits in a class folder.
"""

from __future__ import annotations

from pathlib import Path

from release_fixtures._images import write_image

FOLDERS = {
    "Angry": "angry",
    "Disgust": "disgusted",
    "Fear": "fearful",
    "Happy": "happy",
    "Neutral": "neutral",
    "Sad": "sad",
    "Surprise": "surprised",
}
DUPLICATE = "Saw3D_004056050_00000032.png"  # in Angry and in Sad


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    expected: dict[str, str] = {}
    for i, (folder, label) in enumerate(FOLDERS.items()):
        names = [f"{21 + i}_{1108440 + 7 * i + k:09d}_{25 + k:08d}.png" for k in range(2)]
        if folder in ("Angry", "Sad"):
            names.append(DUPLICATE)
        for name in names:
            write_image(root / "Val" / "Val" / folder / name, label, f"{folder}/{name}")
            expected[f"{folder}/{name}"] = label
        write_image(root / "Train" / "Train" / folder / f"train_{i}.png", label, f"train/{folder}")
    (root / "Val" / "Val" / "Happy" / "Thumbs.db").write_bytes(b"\0" * 8)
    return {("default", "test"): expected}


def make_aligned(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """``Val_Aligned_Faces_new.zip`` unpacked: ``Val_Aligned_Faces/<Emotion>/<same names>``."""
    expected: dict[str, str] = {}
    for i, (folder, label) in enumerate(FOLDERS.items()):
        for k in range(2):
            name = f"{21 + i}_{1108440 + 7 * i + k:09d}_{25 + k:08d}.png"
            write_image(
                root / "SFEW_2.0" / "Val_Aligned_Faces" / folder / name, label, f"{folder}/{name}", size=(143, 181)
            )
            expected[f"{folder}/{name}"] = label
        write_image(root / "SFEW_2.0" / "Train_Aligned_Faces" / folder / f"train_{i}.png", label, f"train/{folder}")
    return {("default", "test"): expected}


LAYOUT_FIXTURES = {"Val": (make,), "Val_Aligned_Faces": (make_aligned,)}
