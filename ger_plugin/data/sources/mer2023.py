"""MER2023 reader: the MER-MULTI test set (``test1``), video plus Chinese/English transcript.

Original layout read (MERTools' baseline and preprocessing code):

* ``test1/`` with the clips ``sample_XXXXXXXX.avi`` or ``.mp4`` (the release mixes both;
  ``.avi`` wins when a name has both, as in the baseline code);
* ``test1-label.csv`` with columns ``name,discrete,valence`` (labels neutral, angry, happy,
  sad, worried, surprise; valence in [-5, 5]);
* a transcript table with columns ``name,chinese,english``: MERTools'
  ``transcription-engchi-polish.csv`` (the one the paper used), anywhere in the release folder
  or below; ``text`` is the Chinese column, ``text_en`` the English one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common_video import (
    find_dir,
    find_file,
    parse_float,
    read_table,
    rows,
)
from ger_plugin.errors import DataError

CONFIGS = ("default",)
_SET = "test1"
_SUFFIXES = (".avi", ".mp4")


def _clips(folder: Path) -> dict[str, Path]:
    """Clip name -> file below ``folder``; .avi before .mp4."""
    found: dict[str, Path] = {}
    for parent, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files, key=lambda n: _SUFFIXES.index(os.path.splitext(n)[1].lower())
                           if os.path.splitext(n)[1].lower() in _SUFFIXES else len(_SUFFIXES)):
            stem, suffix = os.path.splitext(name)
            if suffix.lower() in _SUFFIXES:
                found.setdefault(stem, Path(parent) / name)
    return found


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("mer2023", config, split)
    root = find_dir(Path(raw_dir), lambda p: (p / _SET).is_dir() or (p / f"{_SET}-label.csv").is_file(),
                    f"the folder {_SET}/ and {_SET}-label.csv")
    labels = read_table(root / f"{_SET}-label.csv", ("name", "discrete", "valence"))
    transcripts_csv = find_file(Path(raw_dir), ["transcription-engchi-polish.csv", "*transcri*.csv"],
                                "a transcript table with columns name,chinese,english")
    transcripts = {row["name"]: row for _, row in rows(read_table(transcripts_csv, ("name", "chinese", "english")))}
    if not (root / _SET).is_dir():
        raise DataError("missing the clip folder", path=root / _SET)
    clips = _clips(root / _SET)
    label_csv = root / f"{_SET}-label.csv"
    for line, row in rows(labels):
        name = row["name"]
        label = map_label(entry, row["discrete"], path=label_csv, line=line, field="discrete")
        if label is None:
            continue
        if name not in clips:
            raise DataError(f"missing clip {name}.avi/.mp4 in {root / _SET}", path=label_csv, line=line, field="name")
        if name not in transcripts:
            raise DataError(f"no transcript for {name} (listed in {label_csv}, line {line})", path=transcripts_csv)
        yield {
            "id": name,
            "label": label,
            "label_original": row["discrete"],
            "video": str(clips[name]),
            "text": transcripts[name]["chinese"],
            "text_en": transcripts[name]["english"],
            "valence": parse_float(row["valence"], path=label_csv, line=line, field="valence"),
        }


def extra_features() -> dict:
    import datasets as ds

    return {"valence": ds.Value("float32")}
