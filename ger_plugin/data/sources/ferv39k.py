"""FERV39k reader: frame folders of the official All_scenes test setup.

Original layout read:

* ``4_setups/All_scenes/test_All.csv``: no header, space-separated lines
  ``<Scene>/<Emotion>/<NNNN> <Emotion>``;
* ``3_ClipsforScenImages/<Scene>/<Emotion>/<NNNN>/*.jpg``: the full scene frames the paper
  used, or else ``2_ClipsforFaceCrop/...`` (the face crops).

The frames and ``4_setups/`` are separate downloads, and the frames come in parts that unpack to
suffixed folders (``2_ClipsforFaceCrop-002/2_ClipsforFaceCrop/...``, ``drive-download-...-003/4_setups/``
in public loaders). ``--raw`` may name a folder holding them all, or one of them with the others
beside it; every part is searched for each clip.

``video`` is the clip's frame folder; the id is the relative clip path (``NNNN`` alone is
unique only within a Scene/Emotion folder). A label that disagrees with the path's emotion
folder is an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.errors import DataError

CONFIGS = ("default",)
#: folder levels above --raw also searched: the frames and 4_setups/ are separate downloads, and
#: --raw may name one of them with the others beside it
LOOK_BESIDE = 1
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
_SETUP = Need("setup", ("4_setups/All_scenes/", "*/4_setups/All_scenes/", "All_scenes/"), contains="test_All.csv")
_SOURCE = (
    "public loaders: FERV39k/2_ClipsforFaceCrop-002/2_ClipsforFaceCrop/<Scene>/<Emotion>/<clip>/*.jpg and "
    "FERV39k/drive-download-...-003/4_setups/All_scenes/test_All.csv; MAE-DFER preprocess/ferv39k.py"
)
LAYOUTS = (
    Layout(
        "3_ClipsforScenImages",
        "official",
        "4_setups/All_scenes/test_All.csv and 3_ClipsforScenImages[-001...]/<Scene>/<Emotion>/<NNNN>/*.jpg "
        "(separate downloads, side by side)",
        (
            _SETUP,
            Need(
                "frames", ("3_ClipsforScenImages*/", "*/3_ClipsforScenImages*/"), contains="*/*/[0-9][0-9][0-9][0-9]/"
            ),
        ),
        _SOURCE,
    ),
    Layout(
        "2_ClipsforFaceCrop",
        "official",
        "4_setups/All_scenes/test_All.csv and 2_ClipsforFaceCrop[-001...]/<Scene>/<Emotion>/<NNNN>/*.jpg "
        "(face crops, not the scene frames the paper used)",
        (
            _SETUP,
            Need("frames", ("2_ClipsforFaceCrop*/", "*/2_ClipsforFaceCrop*/"), contains="*/*/[0-9][0-9][0-9][0-9]/"),
        ),
        _SOURCE,
    ),
)


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("ferv39k", config, split)
    found = locate(raw_dir, LAYOUTS, what="FERV39k", beside=LOOK_BESIDE)
    setup = found["setup"] / "test_All.csv"
    parts = found.every["frames"]
    with setup.open(encoding="utf-8-sig") as handle:
        lines = handle.read().splitlines()
    for line_no, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        fields = text.split()
        if len(fields) != 2 or fields[0].replace("\\", "/").strip("/").count("/") != 2:
            raise DataError(f"expected '<Scene>/<Emotion>/<NNNN> <Emotion>', got {text!r}", path=setup, line=line_no)
        clip, original = fields[0].replace("\\", "/").strip("/"), fields[1]
        label = map_label(entry, original, path=setup, line=line_no, field="label")
        if clip.split("/")[1] != original:
            raise DataError(f"label {original!r} disagrees with the clip path {clip!r}", path=setup, line=line_no)
        if label is None:
            continue
        folder = next((part / clip for part in parts if (part / clip).is_dir()), None)
        if folder is None or not any(p.suffix.lower() in _IMAGE_SUFFIXES for p in folder.iterdir()):
            where = ", ".join(str(p) for p in parts)
            raise DataError(
                f"missing frames of clip {clip!r} (listed in {setup}, line {line_no}; searched {where})",
                path=folder or parts[0] / clip,
            )
        yield {"id": clip, "label": label, "label_original": original, "video": str(folder)}


def extra_features() -> dict:
    return {}
