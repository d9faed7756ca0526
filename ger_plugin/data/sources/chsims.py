"""CH-SIMS reader: clips, Chinese text and the multimodal sentiment score, per official split.

Original layouts read (both ship ``Raw/<video_id>/<clip_id>.mp4``, clip ids zero-padded to 4):

* the current MMSA release: ``label.csv`` with columns ``video_id, clip_id, text, label,
  label_T, label_A, label_V, annotation, mode``; ``mode`` train/valid/test gives the splits
  train/validation/test; ``text`` is the Chinese transcript (no English: ``text_en`` is empty);
* the first release (used by the paper's authors): ``metadata/sentiment/label_M.csv``
  (``video_id, clip_id, label``), ``metadata/{train,val,test}_index.csv`` (column ``index``:
  0-based row numbers of ``label_M.csv``) and ``metadata/Translation.csv`` (``video_id,
  clip_id, Chinese, English``).

``clip_id`` is read as a string and zero-padded to 4 digits; the id is ``{video_id}_{clip_id}``.
``sentiment`` is the multimodal score in [-1, 1]; ``label`` its 5-bin intensity per MMSA's SIMS
thresholds: [-1, -0.7] negative, (-0.7, -0.1] weakly negative, (-0.1, 0.1] neutral,
(0.1, 0.7] weakly positive, (0.7, 1] positive; ``polarity`` the sign of the score.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ger_plugin.core.sentiment import SIMS_SCALE
from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for
from ger_plugin.data.sources._common_video import (
    clip_file,
    mmsa_rows,
    parse_int,
    read_table,
    rows,
    sentiment_record,
)
from ger_plugin.errors import DataError

CONFIGS = ("default",)
_FIRST_RELEASE_SPLITS = {"train": "train", "validation": "val", "test": "test"}  # Hub name -> index file
LAYOUTS = (
    Layout(
        "MMSA",
        "official",
        "SIMS/label.csv (video_id, clip_id, text, label, ..., mode) with Raw/<video_id>/<clip_id>.mp4",
        (Need("labels", ("label.csv",)), Need("clips", ("Raw/",))),
        "thuiar/MMSA README and MMSA-FET (label.csv columns; Raw/video_0001/0001.mp4)",
    ),
    Layout(
        "first-release",
        "official",
        "metadata/sentiment/label_M.csv, metadata/{train,val,test}_index.csv, metadata/Translation.csv with Raw/",
        (Need("metadata", ("metadata/",), contains="sentiment/"), Need("clips", ("Raw/",))),
        "MERTools MER2025/.../toolkit/preprocess/sims.py (the paper authors' copy)",
    ),
)


def _clip_key(clip_id: str) -> str:
    number = parse_int(clip_id)
    return f"{number:04d}" if number is not None else clip_id


def _first_release(root: Path, split: str) -> Iterator[tuple[Path, int, str, str, str, str | None, str | None]]:
    """(file, line, video_id, clip_id, score, Chinese, English) of the first release's split."""
    meta = root / "metadata"
    label_csv = meta / "sentiment" / "label_M.csv"
    table = read_table(label_csv, ("video_id", "clip_id", "label"))
    index_csv = meta / f"{_FIRST_RELEASE_SPLITS[split]}_index.csv"
    indices = read_table(index_csv, ("index",))
    translation_csv = meta / "Translation.csv"
    translations = {
        (row["video_id"], _clip_key(row["clip_id"])): row
        for _, row in rows(read_table(translation_csv, ("video_id", "clip_id", "Chinese", "English")))
    }
    labelled = list(rows(table))
    for line, row in rows(indices):
        number = parse_int(row["index"])
        if number is None or not 0 <= number < len(labelled):
            raise DataError(
                f"row number {row['index']!r} is not a row of {label_csv}", path=index_csv, line=line, field="index"
            )
        label_line, label_row = labelled[number]
        key = (label_row["video_id"], _clip_key(label_row["clip_id"]))
        if key not in translations:
            raise DataError(
                f"no transcript for {key[0]}/{key[1]} (line {label_line} of {label_csv})", path=translation_csv
            )
        text = translations[key]
        yield label_csv, label_line, key[0], key[1], label_row["label"], text["Chinese"], text["English"] or None


def _mmsa(root: Path, split: str) -> Iterator[tuple[Path, int, str, str, str, str | None, str | None]]:
    label_csv = root / "label.csv"
    for line, row in mmsa_rows(label_csv, split):
        yield label_csv, line, row["video_id"], _clip_key(row["clip_id"]), row["label"], row["text"], None


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("chsims", config, split)
    found = locate(raw_dir, LAYOUTS, what="CH-SIMS")
    root = found.root
    samples = _mmsa(root, split) if found.layout.name == "MMSA" else _first_release(root, split)
    for path, line, video_id, clip_id, score, text, text_en in samples:
        video = clip_file(root / "Raw" / video_id, clip_id)
        if video is None:
            raise DataError(
                f"missing clip {root / 'Raw' / video_id / clip_id}.mp4", path=path, line=line, field="clip_id"
            )
        yield sentiment_record(
            entry,
            record_id=f"{video_id}_{clip_id}",
            score_text=score,
            scale=SIMS_SCALE,
            video=video,
            text=text,
            text_en=text_en,
            path=path,
            line=line,
        )


def extra_features() -> dict:
    return {}
