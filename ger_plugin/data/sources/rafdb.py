"""RAF-DB (basic) reader: the 3,068 ``test_*.jpg`` lines of the partition list, original images.

Official layout: ``basic/EmoLabel/list_patition_label.txt`` (sic; lines ``test_0001.jpg 5``, codes
1-7) and ``basic/Image/original/`` - unzipped as ``Image/original/original/`` in the paper's copy.
The aligned 100x100 crops (``Image/aligned``) are not what the paper used.

Community repack accepted: the Kaggle ``DATASET/{train,test}/{1..7}/`` (folder = official code,
files ``test_0001_aligned.jpg``, with ``train_labels.csv``/``test_labels.csv`` beside): the same
3,068 test images and labels as aligned crops. Ids drop ``_aligned`` (``test_0001.jpg``), as in
the paper's list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common import first_existing, image_path, list_images, read_text, subfolders
from ger_plugin.errors import DataError

CONFIGS = ("default",)
LABEL_FILES = ("EmoLabel/list_patition_label.txt", "EmoLabel/list_partition_label.txt")
PREFIXES = {"train": "train_", "test": "test_"}
LAYOUTS = (
    Layout(
        "basic",
        "official",
        "basic/EmoLabel/list_patition_label.txt with basic/Image/original[/original]/test_0001.jpg",
        (Need("basic", ("basic/", "."), contains="EmoLabel/"),),
        "RAF-DB basic README v1.1; MERTools gptv/rafdb.py (basic/Image/original/original, "
        "basic/EmoLabel/list_patition_label.txt)",
    ),
    Layout(
        "DATASET",
        "repack",
        "Kaggle DATASET/test/<1..7>/test_0001_aligned.jpg (aligned crops, folder = code)",
        (Need("test", ("DATASET/test/", "test/"), contains="[1-7]/"),),
        "www.kaggle.com/datasets/shuvoalok/raf-db-dataset (RAF-DB/DATASET/{train,test}/{1..7}/)",
    ),
)
_ALIGNED = re.compile(r"^(?P<stem>(?:train|test)_\d+)_aligned(?P<ext>\.\w+)$", re.IGNORECASE)


def extra_features() -> dict:
    return {}


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("rafdb", config, split)
    found = locate(raw_dir, LAYOUTS, what="RAF-DB")
    if found.layout.name == "DATASET":
        yield from _read_repack(entry, found["test"])
        return
    root = found["basic"]
    labels = first_existing(root, LABEL_FILES, what="RAF-DB partition list")
    images = first_existing(root, ("Image/original/original", "Image/original"), what="RAF-DB original images")
    for line, text in enumerate(read_text(labels).splitlines(), start=1):
        if not text.strip():
            continue
        fields = text.split()
        if len(fields) != 2:
            raise DataError(f"expected '<image name> <label code>', found {text!r}", path=labels, line=line)
        name, code = fields
        if not name.startswith(tuple(PREFIXES.values())):
            raise DataError(f"image name {name!r} starts with neither train_ nor test_", path=labels, line=line)
        if not name.startswith(PREFIXES[split]):
            continue
        label = map_label(entry, code, path=labels, line=line, field="label")
        if label is None:
            continue
        yield {
            "id": name,
            "label": label,
            "label_original": code,
            "image": image_path(images, name, listed_in=labels, line=line),
        }


def _read_repack(entry, test: Path) -> Iterator[dict]:
    for folder in subfolders(test):
        label = map_label(entry, folder.name, path=folder, field="class folder")
        if label is None:
            continue
        for image in list_images(folder):
            match = _ALIGNED.match(image.name)
            yield {
                "id": f"{match['stem']}.jpg" if match else image.name,
                "label": label,
                "label_original": folder.name,
                "image": str(image.resolve()),
            }
