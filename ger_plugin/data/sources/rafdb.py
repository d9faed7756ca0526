"""RAF-DB (basic) reader: the 3,068 ``test_*.jpg`` lines of the partition list, original images.

Layout: ``basic/EmoLabel/list_patition_label.txt`` (sic; lines ``test_0001.jpg 5``, codes 1-7)
and ``basic/Image/original/`` - unzipped as ``Image/original/original/`` in the paper's copy.
The aligned 100x100 crops (``Image/aligned``) are not what the paper used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common import (
    find_root,
    first_existing,
    image_path,
    read_text,
)
from ger_plugin.errors import DataError

CONFIGS = ("default",)
LABEL_FILES = ("EmoLabel/list_patition_label.txt", "EmoLabel/list_partition_label.txt")
PREFIXES = {"train": "train_", "test": "test_"}


def extra_features() -> dict:
    return {}


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("rafdb", config, split)
    root = find_root(raw_dir, ("basic", "."), ("EmoLabel",), what="RAF-DB basic")
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
        yield {"id": name, "label": label, "label_original": code,
               "image": image_path(images, name, listed_in=labels, line=line)}
