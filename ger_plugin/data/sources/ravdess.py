"""RAVDESS reader: the 1,440 speech utterances of the 24 actors, video-only or with their sound.

Original layout read: the Zenodo archives ``Video_Speech_Actor_XX.zip``, each unpacking to
``Actor_XX/`` (sometimes inside ``Video_Speech_Actor_XX/``), with files
``MM-VV-EE-II-SS-RR-AA.mp4``. Vocal channel 01 (speech) only; song files are ignored.

Configs (one pass of ``ger prepare`` builds both):

* ``default``: modality 02, the video-only clips (no sound track) the paper evaluated;
* ``audio_visual``: modality 01, the same utterances recorded with sound (H.264 + AAC), for
  ``GER_RAVDESS_AV`` / ``_AVT`` / ``_Audio``; ``text`` is the scripted statement (field 5,
  ``SS``: 01 "Kids are talking by the door", 02 "Dogs are sitting by the door").

The label is field 3 (``EE``: 01 neutral .. 08 surprised); the id is the file name without ``.mp4``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.errors import DataError

LAYOUTS = (
    Layout(
        "Actor_XX",
        "official",
        "Video_Speech_Actor_XX.zip unpacked: [Video_Speech_Actor_XX/]Actor_XX/02-01-EE-II-SS-RR-AA.mp4 "
        "(and the 01-01-... twins with sound: config audio_visual)",
        (Need("actors", ("**/Actor_[0-9][0-9]/",), contains="02-01-*.mp4"),),
        "RAVDESS on Zenodo (Video_Speech_Actor_XX.zip); MAE-DFER ravdess split files",
    ),
)
CONFIGS = ("default", "audio_visual")
#: file-name modality code per config: 02 video-only, 01 audio-video
_MODALITY = {"default": "02", "audio_visual": "01"}
#: the two scripted statements (field 5 of the file name)
STATEMENTS = {"01": "Kids are talking by the door", "02": "Dogs are sitting by the door"}


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("ravdess", config, split)
    raw_dir = locate(raw_dir, LAYOUTS, what="RAVDESS").root
    pattern = re.compile(rf"{_MODALITY[config]}-01-(\d\d)-\d\d-(\d\d)-\d\d-\d\d")
    clips: dict[str, Path] = {}
    for folder, dirs, files in os.walk(raw_dir):
        dirs.sort()
        for name in files:
            stem, suffix = os.path.splitext(name)
            if suffix.lower() != ".mp4" or not pattern.fullmatch(stem):
                continue
            path = Path(folder) / name
            if stem in clips:
                raise DataError(f"clip {stem} appears twice: {clips[stem]} and {path}", path=path)
            clips[stem] = path
    if not clips:
        kind = "video-only" if config == "default" else "audio-video"
        raise DataError(f"no {kind} speech clips ({_MODALITY[config]}-01-*.mp4) in this folder or below", path=raw_dir)
    for stem in sorted(clips):
        code, statement = pattern.fullmatch(stem).groups()  # type: ignore[union-attr]
        label = map_label(entry, code, path=clips[stem], field="emotion (3rd field of the file name)")
        if label is None:
            continue
        text = None  # the video-only clips are silent: no transcript goes with them
        if config == "audio_visual":
            text = STATEMENTS.get(statement)
            if text is None:
                raise DataError(f"unknown statement code {statement!r} (5th field of the file name)", path=clips[stem])
        yield {
            "id": stem,
            "label": label,
            "label_original": code,
            "video": str(clips[stem]),
            "text": text,
            "text_en": text,
        }


def extra_features() -> dict:
    return {}
