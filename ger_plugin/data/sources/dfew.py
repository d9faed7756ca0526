"""DFEW reader: the original mp4 clips with the official single-labelled 5-fold splits.

Original layout read (release README v1.0):

* ``EmoLabel_DataSplit/{train,test}(single_labeled)/set_{1..5}.csv`` with columns
  ``video_name,label`` (label 1 Happy .. 7 Fear); the folder is also spelled
  ``(single-labeled)``;
* the original clips ``<id>.mp4``, anywhere below the release folder (the four
  ``Clip/original/data_part_*.zip`` archives unpacked side by side or merged into one
  ``all_parts/`` folder). File names may be zero-padded (``00001.mp4``) or not (``1.mp4``).

Configs ``fold1``..``fold5`` are the official folds; ids are the unpadded integer
``video_name`` (as in the paper's lists). The 224x224 face-crop frame folders are not read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common_video import (
    existing_dir,
    parse_int,
    read_table,
    rows,
)
from ger_plugin.errors import DataError

CONFIGS = tuple(f"fold{i}" for i in range(1, 6))
LAYOUTS = (
    Layout(
        "original",
        "official",
        "EmoLabel_DataSplit/{train,test}(single_labeled)/set_1..5.csv with the original <id>.mp4 clips below",
        (Need("splits", ("EmoLabel_DataSplit/",), contains="test(single[-_]labeled)/"),),
        "DFEW release README v1.0 (Clip/original/data_part_*.zip, EmoLabel_DataSplit/)",
    ),
)


def _split_csv(raw_dir: Path, fold: int, split: str) -> Path:
    splits_dir = locate(raw_dir, LAYOUTS, what="DFEW")["splits"]
    for spelling in ("single_labeled", "single-labeled"):
        folder = splits_dir / f"{split}({spelling})"
        if folder.is_dir():
            return folder / f"set_{fold}.csv"
    raise DataError(
        f"expected {split}(single_labeled)/ (or {split}(single-labeled)/) with set_{fold}.csv", path=splits_dir
    )


def _clip_index(raw_dir: Path) -> dict[int, Path]:
    """Clip number -> mp4 path, first in sorted path order when a number appears twice."""
    index: dict[int, Path] = {}
    for folder, dirs, files in os.walk(raw_dir):
        # the face-crop releases hold ~1M frame files and no mp4: don't walk them
        dirs[:] = sorted(d for d in dirs if not d.lower().startswith("clip_224x224"))
        for name in sorted(files):
            match = re.fullmatch(r"(\d+)\.mp4", name, flags=re.IGNORECASE)
            if match:
                index.setdefault(int(match.group(1)), Path(folder) / name)
    return index


def read(raw_dir: str | Path, *, config: str = "fold1", split: str = "test") -> Iterator[dict]:
    entry = entry_for("dfew", config, split)
    raw_dir = existing_dir(raw_dir)
    csv_path = _split_csv(raw_dir, int(config.removeprefix("fold")), split)
    table = read_table(csv_path, ("video_name", "label"))
    clips = _clip_index(raw_dir)
    for line, row in rows(table):
        number = parse_int(row["video_name"])
        if number is None:
            raise DataError(
                f"expected a clip number, got {row['video_name']!r}", path=csv_path, line=line, field="video_name"
            )
        label = map_label(entry, row["label"], path=csv_path, line=line, field="label")
        if label is None:
            continue
        if number not in clips:
            raise DataError(
                f"missing clip {number}.mp4 (or zero-padded) below {raw_dir}",
                path=csv_path,
                line=line,
                field="video_name",
            )
        yield {"id": str(number), "label": label, "label_original": row["label"], "video": str(clips[number])}


def extra_features() -> dict:
    return {}
