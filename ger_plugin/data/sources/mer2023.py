"""MER2023 reader: the MER-MULTI test set (``test1``), video plus Chinese/English transcript.

Original layout read (MERTools' baseline and preprocessing code):

* ``test1/`` with the clips ``sample_XXXXXXXX.avi`` or ``.mp4`` (the release mixes both;
  ``.avi`` wins when a name has both, as in the baseline code);
* ``test1-label.csv`` with columns ``name,discrete,valence`` (labels neutral, angry, happy,
  sad, worried, surprise; valence in [-5, 5]);
* a transcript, which the organisers' release does not include. Read, in this order:
  MERTools' ``transcription-engchi-polish.csv`` (``name,chinese,english``; the one the paper
  used; ``text`` = Chinese, ``text_en`` = English), or the baseline's ASR output
  ``transcription.csv`` (``name,sentence``; ``text`` only), anywhere in the release folder or
  below. Without either, the video variant is built (``text`` empty) and the build says which file
  adds the text and where it is published.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common_video import parse_float, read_table, rows
from ger_plugin.errors import DataError

CONFIGS = ("default",)
_SET = "test1"
_SUFFIXES = (".avi", ".mp4")
#: where the transcript the paper used is published
TRANSCRIPT_URL = (
    "https://github.com/zeroQiaoba/MERTools/blob/master/MERBench/dataset/"
    "mer2023-dataset-process/transcription-engchi-polish.csv"
)
NO_TRANSCRIPT = (
    f"MER2023: no transcript found, so text is empty (GER_MER2023_Video works; the text variants "
    f"need one): put transcription-engchi-polish.csv ({TRANSCRIPT_URL}) beside {_SET}-label.csv"
)
_RELEASE = (Need("labels", (f"{_SET}-label.csv", f"**/{_SET}-label.csv")), Need("clips", (f"{_SET}/", f"**/{_SET}/")))
_SOURCE = "zeroQiaoba/MERTools: MER2023/main-baseline.py, MER2023/config.py; MERBench/dataset/mer2023-dataset-process/"
LAYOUTS = (
    Layout(
        "release+polished-transcript",
        "official",
        f"{_SET}/ and {_SET}-label.csv with MERTools' transcription-engchi-polish.csv (name,chinese,english)",
        (*_RELEASE, Need("transcript", ("**/transcription-engchi-polish.csv",))),
        _SOURCE,
    ),
    Layout(
        "release+asr-transcript",
        "official",
        f"{_SET}/ and {_SET}-label.csv with the baseline's transcription.csv (name,sentence)",
        (*_RELEASE, Need("transcript", ("**/transcription.csv",))),
        _SOURCE,
    ),
    Layout(
        "release",
        "official",
        f"the organisers' {_SET}/ and {_SET}-label.csv without a transcript (video only)",
        _RELEASE,
        _SOURCE,
        note=NO_TRANSCRIPT,
    ),
)


def _clips(folder: Path) -> dict[str, Path]:
    """Clip name -> file below ``folder``; .avi before .mp4."""
    found: dict[str, Path] = {}
    for parent, dirs, files in os.walk(folder, followlinks=True):
        dirs.sort()
        for name in sorted(
            files,
            key=lambda n: (
                _SUFFIXES.index(os.path.splitext(n)[1].lower())
                if os.path.splitext(n)[1].lower() in _SUFFIXES
                else len(_SUFFIXES)
            ),
        ):
            stem, suffix = os.path.splitext(name)
            if suffix.lower() in _SUFFIXES:
                found.setdefault(stem, Path(parent) / name)
    return found


def _transcripts(path: Path | None) -> dict[str, tuple[str | None, str | None]]:
    """name -> (text, text_en) from either transcript format."""
    if path is None:
        return {}
    if path.name.lower() == "transcription.csv":
        return {row["name"]: (row["sentence"], None) for _, row in rows(read_table(path, ("name", "sentence")))}
    return {
        row["name"]: (row["chinese"], row["english"])
        for _, row in rows(read_table(path, ("name", "chinese", "english")))
    }


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("mer2023", config, split)
    found = locate(raw_dir, LAYOUTS, what="MER2023")
    label_csv, transcript = found["labels"], found.paths.get("transcript")
    labels = read_table(label_csv, ("name", "discrete", "valence"))
    texts = _transcripts(transcript)
    clips = _clips(found["clips"])
    for line, row in rows(labels):
        name = row["name"]
        label = map_label(entry, row["discrete"], path=label_csv, line=line, field="discrete")
        if label is None:
            continue
        if name not in clips:
            raise DataError(
                f"missing clip {name}.avi/.mp4 in {found['clips']}", path=label_csv, line=line, field="name"
            )
        if transcript is not None and name not in texts:
            raise DataError(f"no transcript for {name} (listed in {label_csv}, line {line})", path=transcript)
        text, text_en = texts.get(name, (None, None))
        yield {
            "id": name,
            "label": label,
            "label_original": row["discrete"],
            "video": str(clips[name]),
            "text": text,
            "text_en": text_en,
            "valence": parse_float(row["valence"], path=label_csv, line=line, field="valence"),
        }


def extra_features() -> dict:
    import datasets as ds

    return {"valence": ds.Value("float32")}
