"""SFEW 2.0 reader: the official Val set (the paper's test set); the folder name is the label.

``raw_dir`` is the SFEW_2.0 folder (the one holding ``Val``) or its parent.

Official layout: ``Val/<Emotion>/<Movie>_<number>_<frame>.png``, unzipped as ``Val/Val/<Emotion>``
in the copy the paper used. One file name occurs in two emotion folders, so ids are
``<Emotion>/<file>`` and both copies are kept (436 images; the paper's label.csv kept one of them).

Also accepted: the aligned faces of the same Val set, ``Val_Aligned_Faces[_new]/<Emotion>/``
(the distributor's ``Val_Aligned_Faces_new.zip``, also on Kaggle), recorded as such: the same
emotion folders and file names, cropped faces instead of the frames the paper used; the count
check reports any image without a detected face.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common import list_images, subfolders

CONFIGS = ("default",)
LAYOUTS = (
    Layout(
        "Val",
        "official",
        "Val/[Val/]<Emotion>/<file>.png",
        (Need("val", ("Val/",), contains="Happy/"),),
        "MERTools gptv/sfew.py (SFEW_2.0/Val/Val/<Emotion>); albanie/mcnDatasets sfew/getSfewImdb.m",
    ),
    Layout(
        "Val_Aligned_Faces",
        "repack",
        "Val_Aligned_Faces[_new]/<Emotion>/<file>.png (aligned face crops)",
        (Need("val", ("Val_Aligned_Faces*/", "Val/Val_Aligned_Faces*/"), contains="Happy/"),),
        "distributor zips Train_Aligned_Faces.zip, Val_Aligned_Faces_new.zip; Kaggle inumomizi/sfew20",
    ),
)


def extra_features() -> dict:
    return {}


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("sfew2", config, split)
    val = locate(raw_dir, LAYOUTS, what="SFEW 2.0 Val set")["val"]
    for folder in subfolders(val):
        label = map_label(entry, folder.name, path=folder, field="emotion folder")
        if label is None:
            continue
        for image in list_images(folder):
            yield {
                "id": f"{folder.name}/{image.name}",
                "label": label,
                "label_original": folder.name,
                "image": str(image.resolve()),
            }
