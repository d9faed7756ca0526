"""CK+ reader: the last 3 frames of every emotion-labelled sequence (the paper's 981 images).

Layout: ``cohn-kanade-images/S005/001/S005_001_00000011.png`` and one
``Emotion/S005/001/S005_001_00000011_emotion.txt`` per labelled sequence holding a float code
(``3.0000000e+00``); the two zips usually unpack one level deeper
(``extended-cohn-kanade-images/cohn-kanade-images``, ``Emotion_labels/Emotion``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common import find_root, list_images, subfolders
from ger_plugin.errors import DataError

CONFIGS = ("default",)
FRAMES_PER_SEQUENCE = 3  # the paper keeps the last 3 (peak) frames of each sequence


def extra_features() -> dict:
    import datasets as ds

    return {"sequence": ds.Value("string")}  # "S005/001": frames of one sequence share it


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("ckplus", config, split)
    images = find_root(raw_dir, ("cohn-kanade-images", "extended-cohn-kanade-images/cohn-kanade-images"), ("",),
                       what="CK+ frames")
    emotions = find_root(raw_dir, ("Emotion", "Emotion_labels/Emotion"), ("",), what="CK+ emotion labels")
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
                raise DataError(f"labelled sequence needs at least {FRAMES_PER_SEQUENCE} .png frames in {frame_dir}, "
                                f"found {len(frames)}", path=files[0])
            for frame in frames[-FRAMES_PER_SEQUENCE:]:  # zero-padded frame numbers: name order is time order
                yield {"id": frame.name, "label": label, "label_original": code, "image": str(frame.resolve()),
                       "sequence": f"{subject.name}/{sequence.name}"}


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
