"""SFEW 2.0 reader: the official Val set (the paper's test set); the folder name is the label.

``raw_dir`` is the SFEW_2.0 folder (the one holding ``Val``) or its parent.

Layout: ``Val/<Emotion>/<Movie>_<number>_<frame>.png``, unzipped as ``Val/Val/<Emotion>`` in the
copy the paper used. One file name occurs in two emotion folders, so ids are ``<Emotion>/<file>``
and both copies are kept (436 images; the paper's label.csv kept one of them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common import find_root, list_images, subfolders

CONFIGS = ("default",)


def extra_features() -> dict:
    return {}


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("sfew2", config, split)
    val = find_root(raw_dir, ("Val/Val", "Val"), ("Happy",), what="SFEW 2.0 Val set")
    for folder in subfolders(val):
        label = map_label(entry, folder.name, path=folder, field="emotion folder")
        if label is None:
            continue
        for image in list_images(folder):
            yield {"id": f"{folder.name}/{image.name}", "label": label, "label_original": folder.name,
                   "image": str(image.resolve())}
