"""FERV39k reader: scene-frame folders of the official All_scenes test setup.

Original layout read:

* ``4_setups/All_scenes/test_All.csv``: no header, space-separated lines
  ``<Scene>/<Emotion>/<NNNN> <Emotion>``;
* ``3_ClipsforScenImages/<Scene>/<Emotion>/<NNNN>/*.jpg``: the full scene frames the paper
  used (not the ``2_ClipsforFaceCrop`` face crops).

``video`` is the clip's frame folder; the id is the relative clip path (``NNNN`` alone is
unique only within a Scene/Emotion folder). A label that disagrees with the path's emotion
folder is an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common_video import find_dir
from ger_plugin.errors import DataError

CONFIGS = ("default",)
_SETUP = Path("4_setups") / "All_scenes"
_FRAMES = "3_ClipsforScenImages"
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("ferv39k", config, split)
    root = find_dir(Path(raw_dir), lambda p: (p / _SETUP).is_dir() or (p / _FRAMES).is_dir(),
                    f"the folders {_SETUP}/ and {_FRAMES}/")
    setup = root / _SETUP / "test_All.csv"
    if not setup.is_file():
        raise DataError("missing the test setup list", path=setup)
    frames_root = root / _FRAMES
    with setup.open(encoding="utf-8-sig") as handle:
        lines = handle.read().splitlines()
    for line_no, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        parts = text.split()
        if len(parts) != 2 or parts[0].replace("\\", "/").strip("/").count("/") != 2:
            raise DataError(f"expected '<Scene>/<Emotion>/<NNNN> <Emotion>', got {text!r}", path=setup, line=line_no)
        clip, original = parts[0].replace("\\", "/").strip("/"), parts[1]
        label = map_label(entry, original, path=setup, line=line_no, field="label")
        if clip.split("/")[1] != original:
            raise DataError(f"label {original!r} disagrees with the clip path {clip!r}", path=setup, line=line_no)
        if label is None:
            continue
        folder = frames_root / clip
        if not folder.is_dir() or not any(p.suffix.lower() in _IMAGE_SUFFIXES for p in folder.iterdir()):
            raise DataError(f"missing frames of clip {clip!r} (listed in {setup}, line {line_no})", path=folder)
        yield {"id": clip, "label": label, "label_original": original, "video": str(folder)}


def extra_features() -> dict:
    return {}
