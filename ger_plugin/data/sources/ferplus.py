"""FERPlus reader: FER2013 PrivateTest faces labelled by the plurality of the FER+ votes.

Layout: a microsoft/FERPlus checkout with ``fer2013new.csv`` (``Usage,Image name,neutral,...,NF``)
and ``data/FER2013Test/<name>.png`` written by its ``src/generate_training_data.py`` from
Kaggle's ``fer2013.csv``. Paper rules: rows with an empty name are not faces and are skipped;
label = argmax of the 8 emotion votes (ties go to the earlier column; ``unknown``/``NF`` ignored);
the duplicated name ``fer0033120.png`` keeps its first row. (The official script writes that PNG
twice, so its file shows the later, not-a-face row - as in the paper's copy.)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common import (
    first_existing,
    image_path,
    read_text,
)
from ger_plugin.errors import DataError

CONFIGS = ("default",)
VOTE_COLUMNS = ("neutral", "happiness", "surprise", "sadness", "anger", "disgust", "fear", "contempt", "unknown", "NF")
EMOTION_VOTES = 8  # the first 8 vote columns are emotions; unknown and NF never win
USAGE = {"test": "PrivateTest"}
IMAGE_FOLDERS = {"test": "FER2013Test"}
GENERATE_HINT = (
    "write the PNGs with microsoft/FERPlus: python src/generate_training_data.py -d data "
    "-fer fer2013.csv -ferplus fer2013new.csv"
)
LAYOUTS = (
    Layout(
        "FERPlus",
        "official",
        "a microsoft/FERPlus checkout: fer2013new.csv with data/FER2013Test/<name>.png from generate_training_data.py",
        (Need("labels", ("fer2013new.csv",)),),
        "github.com/microsoft/FERPlus (fer2013new.csv, src/generate_training_data.py)",
    ),
)


def extra_features() -> dict:
    import datasets as ds

    # raw FER+ vote counts in VOTE_COLUMNS order (10 taggers per image)
    return {"votes": ds.Sequence(ds.Value("int32"), length=len(VOTE_COLUMNS))}


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("ferplus", config, split)
    root = locate(raw_dir, LAYOUTS, what="FERPlus labels")["labels"].parent
    folder = IMAGE_FOLDERS[split]
    images = first_existing(root, (f"data/{folder}", folder), what=f"folder of FER2013 PNGs ({GENERATE_HINT})")
    labels_csv = root / "fer2013new.csv"
    rows = csv.reader(io.StringIO(read_text(labels_csv), newline=""))
    header = [h.strip() for h in next(rows, [])]
    if header != ["Usage", "Image name", *VOTE_COLUMNS]:
        raise DataError(f"expected the header Usage,Image name,{','.join(VOTE_COLUMNS)}", path=labels_csv, line=1)
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise DataError(f"expected {len(header)} fields, found {len(row)}", path=labels_csv, line=line)
        usage, name = row[0].strip(), row[1].strip()
        if usage != USAGE[split] or not name or name in seen:
            continue  # other split, not a face, or the later copy of a duplicated name
        seen.add(name)
        votes = _votes(row[2:], labels_csv, line)
        emotion = votes[:EMOTION_VOTES]
        original = VOTE_COLUMNS[emotion.index(max(emotion))]  # index() = first maximum: ties to the earlier column
        label = map_label(entry, original, path=labels_csv, line=line)
        if label is None:
            continue
        yield {
            "id": name,
            "label": label,
            "label_original": original,
            "image": image_path(images, name, listed_in=labels_csv, line=line),
            "votes": votes,
        }


def _votes(fields: list[str], path: Path, line: int) -> list[int]:
    try:
        return [int(v) for v in fields]
    except ValueError:
        raise DataError(f"vote counts must be integers, found {fields}", path=path, line=line) from None
