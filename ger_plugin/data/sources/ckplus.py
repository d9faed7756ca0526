"""CK+ reader: the last 3 frames of every emotion-labelled sequence (the paper's 981 images).

Official layout: ``cohn-kanade-images/S005/001/S005_001_00000011.png`` and one
``Emotion/S005/001/S005_001_00000011_emotion.txt`` per labelled sequence holding a float code
(``3.0000000e+00``); the two zips usually unpack one level deeper
(``extended-cohn-kanade-images/cohn-kanade-images``, ``Emotion_labels/Emotion``).

Community repack accepted: Kaggle's "CK+48" (``CK+48/<emotion>/S010_004_00000017.png``, one folder
per emotion: anger, contempt, disgust, fear, happy, sadness, surprise), which holds exactly the last
three frames of each labelled sequence (135/54/177/75/207/84/249 = the paper's 981) under their
original names, as 48x48 grayscale face crops: the same test set (ids and labels), other pixels.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common import list_images, subfolders
from ger_plugin.errors import DataError

CONFIGS = ("default",)
FRAMES_PER_SEQUENCE = 3  # the paper keeps the last 3 (peak) frames of each sequence
#: CK+48 emotion folder -> the official CK+ emotion code
CK48_FOLDERS = {
    "anger": "1",
    "contempt": "2",
    "disgust": "3",
    "fear": "4",
    "happy": "5",
    "sadness": "6",
    "surprise": "7",
}
LAYOUTS = (
    Layout(
        "official",
        "official",
        "extended-cohn-kanade-images/cohn-kanade-images/S005/001/*.png with Emotion_labels/Emotion/S005/001/*_emotion.txt",
        (
            Need("images", ("cohn-kanade-images/", "extended-cohn-kanade-images/cohn-kanade-images/")),
            Need("emotions", ("Emotion/", "Emotion_labels/Emotion/")),
        ),
        "CK+ ReadMe; MERTools gptv/ckplus.py (extended-cohn-kanade-images/cohn-kanade-images, Emotion_labels/Emotion)",
    ),
    Layout(
        "CK+48",
        "repack",
        "Kaggle CK+48: <emotion>/S010_004_00000017.png (48x48 crops of the last 3 frames)",
        (Need("folders", ("CK+48/", "*/CK+48/", "."), contains="contempt/"),),
        "Kaggle shawon10/ckplus (../input/ckplus/ck/CK+48/anger/S010_004_00000017.png in public notebooks)",
    ),
)


def extra_features() -> dict:
    import datasets as ds

    return {"sequence": ds.Value("string")}  # "S005/001": frames of one sequence share it


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("ckplus", config, split)
    found = locate(raw_dir, LAYOUTS, what="CK+")
    if found.layout.name == "CK+48":
        yield from _read_ck48(entry, found["folders"])
        return
    images, emotions = found["images"], found["emotions"]
    for subject in subfolders(emotions):
        for sequence in subfolders(subject):
            files = sorted(sequence.glob("*_emotion.txt"))
            if not files:
                continue  # an unlabelled sequence
            if len(files) > 1:
                raise DataError(f"expected one *_emotion.txt per sequence, found {len(files)}", path=sequence)
            code = _code(files[0])
            label = map_label(entry, code, path=files[0], line=1)
            if label is None:
                continue
            frame_dir = images / subject.name / sequence.name
            frames = [f for f in list_images(frame_dir) if f.suffix == ".png"] if frame_dir.is_dir() else []
            if len(frames) < FRAMES_PER_SEQUENCE:
                raise DataError(
                    f"labelled sequence needs at least {FRAMES_PER_SEQUENCE} .png frames in {frame_dir}, "
                    f"found {len(frames)}",
                    path=files[0],
                )
            for frame in frames[-FRAMES_PER_SEQUENCE:]:  # zero-padded frame numbers: name order is time order
                yield {
                    "id": frame.name,
                    "label": label,
                    "label_original": code,
                    "image": str(frame.resolve()),
                    "sequence": f"{subject.name}/{sequence.name}",
                }


def _read_ck48(entry, root: Path) -> Iterator[dict]:
    for folder in subfolders(root):
        code = CK48_FOLDERS.get(folder.name.lower())
        if code is None:
            raise DataError(f"unknown CK+48 emotion folder (known: {', '.join(CK48_FOLDERS)})", path=folder)
        label = map_label(entry, code, path=folder, field="emotion folder")
        for image in list_images(folder):
            parts = image.stem.split("_")
            sequence = f"{parts[0]}/{parts[1]}" if len(parts) == 3 else ""
            yield {
                "id": image.name,
                "label": label,
                "label_original": folder.name,
                "image": str(image.resolve()),
                "sequence": sequence,
            }


def _code(path: Path) -> str:
    """The integer code of an emotion file, written by MATLAB as a float (``3.0000000e+00``)."""
    text = path.read_text(encoding="utf-8").strip()
    try:
        value = float(text)
    except ValueError:
        raise DataError(f"expected one numeric emotion code, found {text[:40]!r}", path=path, line=1) from None
    if not value.is_integer():
        raise DataError(f"emotion code {text!r} is not a whole number", path=path, line=1)
    return str(int(value))
