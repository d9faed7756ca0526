"""AffectNet reader: the official validation set, expressions 0-7 (the paper's 8 x 500 images).

Layout: ``Manually_Annotated_file_lists/validation.csv`` (``subDirectory_filePath, face_x, face_y,
face_width, face_height, facial_landmarks, expression, valence, arousal``; a header line may or
may not be present) and ``Manually_Annotated_Images/<subDirectory>/<file>`` with mixed formats
(jpg, JPG, png, jpeg, tif). Codes 8-10 (None, Uncertain, No-Face) are skipped.
"""

from __future__ import annotations

import csv
import io
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
COLUMNS = ("subDirectory_filePath", "face_x", "face_y", "face_width", "face_height", "facial_landmarks",
           "expression", "valence", "arousal")
LISTS = {"test": "validation.csv"}
NOT_APPLICABLE = -2.0  # valence/arousal value meaning "not applicable"; stored as None


def extra_features() -> dict:
    import datasets as ds

    return {"valence": ds.Value("float32"), "arousal": ds.Value("float32")}


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("affectnet", config, split)
    lists = find_root(raw_dir, ("Manually_Annotated_file_lists", "Manually_Annotated/Manually_Annotated_file_lists"),
                      (LISTS[split],), what="AffectNet file lists")
    base = lists.parent
    images = first_existing(base, ("Manually_Annotated_Images", "Manually_Annotated/Manually_Annotated_Images",
                                   "Manually_Annotated_Images/Manually_Annotated_Images"),
                            what="AffectNet manually annotated images")
    listing = lists / LISTS[split]
    column = {name: i for i, name in enumerate(COLUMNS)}
    for line, row in enumerate(csv.reader(io.StringIO(read_text(listing), newline="")), start=1):
        if not row or (line == 1 and row[0].strip() == COLUMNS[0]):
            continue  # blank line or the optional header
        if len(row) != len(COLUMNS):
            raise DataError(f"expected {len(COLUMNS)} fields ({', '.join(COLUMNS)}), found {len(row)}",
                            path=listing, line=line)
        name, code = row[column["subDirectory_filePath"]].strip(), row[column["expression"]].strip()
        label = map_label(entry, code, path=listing, line=line, field="expression")
        if label is None:
            continue
        yield {"id": name, "label": label, "label_original": code,
               "image": image_path(images, name, listed_in=listing, line=line),
               "valence": _score(row[column["valence"]], listing, line, "valence"),
               "arousal": _score(row[column["arousal"]], listing, line, "arousal")}


def _score(text: str, path: Path, line: int, field: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        raise DataError(f"expected a number, found {text!r}", path=path, line=line, field=field) from None
    return None if value == NOT_APPLICABLE else value
