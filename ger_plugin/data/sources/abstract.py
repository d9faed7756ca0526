"""Abstract paintings reader (Machajdik & Hanbury 2010): the paintings with a unique most-voted emotion.

Layout: ``testImages_abstract/ABSTRACT_groundTruth.csv`` (single-quoted fields; header
``'','Amusement',...,'Sad'``; rows ``'abstract_0001.jpg',v1,...,v8`` of vote counts) beside the
``abstract_XXXX.jpg`` images. Paper rule: label = argmax of the 8 votes; ties are dropped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common import image_path, read_text
from ger_plugin.errors import DataError

CONFIGS = ("default",)
LISTING = "ABSTRACT_groundTruth.csv"
LAYOUTS = (
    Layout(
        "testImages_abstract",
        "official",
        "testImages_abstract/ABSTRACT_groundTruth.csv beside abstract_XXXX.jpg",
        (Need("listing", (LISTING,)),),
        "Machajdik & Hanbury 2010 release; tensorbay ImageEmotion loader (reference datasets-fer-vsa.md)",
    ),
)


def extra_features() -> dict:
    import datasets as ds

    return {"votes": ds.Sequence(ds.Value("int32"), length=8)}  # raw votes in the CSV's header order


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("abstract", config, split)
    root = locate(raw_dir, LAYOUTS, what="Abstract paintings")["listing"].parent
    listing = root / LISTING
    rows = csv.reader(io.StringIO(read_text(listing), newline=""), quotechar="'", skipinitialspace=True)
    header = [h.strip() for h in next(rows, [])][1:]
    if len(header) != 8:
        raise DataError(
            f"expected a header of an empty field and 8 emotion names, found {header}", path=listing, line=1
        )
    for column in header:
        map_label(entry, column, path=listing, line=1, field="header")
    for line, row in enumerate(rows, start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) != 9:
            raise DataError(
                f"expected an image name and 8 vote counts, found {len(row)} fields", path=listing, line=line
            )
        name = row[0].strip()
        try:
            votes = [int(v) for v in row[1:]]
        except ValueError:
            raise DataError(f"vote counts must be integers, found {row[1:]}", path=listing, line=line) from None
        best = max(votes)
        if votes.count(best) > 1:
            continue  # tied emotions: no single label (the paper drops these)
        original = header[votes.index(best)]
        label = map_label(entry, original, path=listing, line=line)
        if label is None:
            continue
        yield {
            "id": name,
            "label": label,
            "label_original": original,
            "image": image_path(root, name, listed_in=listing, line=line),
            "votes": votes,
        }
