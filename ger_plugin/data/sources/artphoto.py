"""ArtPhoto reader (Machajdik & Hanbury 2010): every image; the label is the file-name prefix.

Layout: a flat folder ``testImages_artphoto/<emotion>_<id>.jpg`` without an annotation file.
The paper renamed the images to random strings; GER keeps the original names as ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common import list_images
from ger_plugin.errors import DataError

CONFIGS = ("default",)
LAYOUTS = (
    Layout(
        "testImages_artphoto",
        "official",
        "testImages_artphoto/<emotion>_<id>.jpg (no annotation file)",
        (Need("images", ("testImages_artphoto/", "."), contains="*_*.jpg"),),
        "Machajdik & Hanbury 2010 release; tensorbay ImageEmotion loader (reference datasets-fer-vsa.md)",
    ),
)


def extra_features() -> dict:
    return {}


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("artphoto", config, split)
    root = locate(raw_dir, LAYOUTS, what="ArtPhoto")["images"]
    images = list_images(root)
    if not images:
        raise DataError("expected <emotion>_<id>.jpg images in testImages_artphoto, found none", path=root)
    for image in images:
        prefix, sep, _ = image.name.partition("_")
        if not sep:
            raise DataError("expected a file name <emotion>_<id>.jpg", path=image)
        label = map_label(entry, prefix.lower(), path=image, field="file-name prefix")
        if label is None:
            continue
        yield {"id": image.name, "label": label, "label_original": prefix, "image": str(image.resolve())}
