"""RAVDESS reader: the 1,440 video-only speech clips (``02-01-*.mp4``) of the 24 actors.

Original layout read: the Zenodo archives ``Video_Speech_Actor_XX.zip``, each unpacking to
``Actor_XX/`` (sometimes inside ``Video_Speech_Actor_XX/``), with files
``MM-VV-EE-II-SS-RR-AA.mp4``. Only modality 02 (video-only) and vocal channel 01 (speech) are
read; the audio-visual ``01-`` twins and song files are ignored. The label is field 3 (``EE``:
01 neutral .. 08 surprised); the id is the file name without ``.mp4``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.errors import DataError

CONFIGS = ("default",)
LAYOUTS = (
    Layout("Actor_XX", "official", "Video_Speech_Actor_XX.zip unpacked: [Video_Speech_Actor_XX/]Actor_XX/02-01-EE-II-SS-RR-AA.mp4",
           (Need("actors", ("**/Actor_[0-9][0-9]/",), contains="02-01-*.mp4"),),
           "RAVDESS on Zenodo (Video_Speech_Actor_XX.zip); MAE-DFER ravdess split files"),
)
_NAME = re.compile(r"02-01-(\d\d)-\d\d-\d\d-\d\d-\d\d")


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("ravdess", config, split)
    raw_dir = locate(raw_dir, LAYOUTS, what="RAVDESS").root
    clips: dict[str, Path] = {}
    for folder, dirs, files in os.walk(raw_dir):
        dirs.sort()
        for name in files:
            stem, suffix = os.path.splitext(name)
            if suffix.lower() != ".mp4" or not _NAME.fullmatch(stem):
                continue
            path = Path(folder) / name
            if stem in clips:
                raise DataError(f"clip {stem} appears twice: {clips[stem]} and {path}", path=path)
            clips[stem] = path
    if not clips:
        raise DataError("no video-only speech clips (02-01-*.mp4) in this folder or below", path=raw_dir)
    for stem in sorted(clips):
        code = _NAME.fullmatch(stem).group(1)
        label = map_label(entry, code, path=clips[stem], field="emotion (3rd field of the file name)")
        if label is not None:
            yield {"id": stem, "label": label, "label_original": code, "video": str(clips[stem])}


def extra_features() -> dict:
    return {}
