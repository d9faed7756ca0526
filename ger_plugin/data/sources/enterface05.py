"""eNTERFACE'05 reader: every usable clip of subjects 1-44 except subject 6.

Original layout read: ``subject N/<emotion>/sentence M/sN_<code>_M.avi`` (folder names with
spaces; emotions anger, disgust, fear, happiness, sadness, surprise; codes an, di, fe, ha, sa,
su). The release is irregular, and the reader takes it as it is:

* folder depth varies (some clips sit one level higher or lower): every ``*avi`` file below a
  ``subject N`` folder counts, whatever lies between;
* file names are not trusted for identity (``s_3_*`` in subject 3, ``s12_*`` names inside
  subject 11, swapped sentence numbers in subject 2, ``s16_su_3avi`` without a dot): the id is
  the path relative to the folder holding the ``subject N`` folders, without the extension,
  e.g. ``subject 1/anger/sentence 1/s1_an_1``;
* the label is the emotion folder; where no folder names an emotion, the file name's code;
* subject 6 is left out (incomplete; the paper's 1,287 clips exclude it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for
from ger_plugin.data.sources._common_video import existing_dir, map_label_any_case
from ger_plugin.errors import DataError

CONFIGS = ("default",)
LAYOUTS = (
    Layout(
        "subject-folders",
        "official",
        "subject N/<emotion>/sentence M/sN_<code>_M.avi (depth varies)",
        (Need("subjects", ("**/subject [0-9]*/",)),),
        "eNTERFACE'05 audio-visual emotion database release (enterface.net); MAE-DFER enterface split files",
    ),
)
EXCLUDED_SUBJECTS = frozenset({6})
_SUBJECT = re.compile(r"subject\s*(\d+)", flags=re.IGNORECASE)
_CODE = re.compile(r"s_?\d+_([a-z]{2})_", flags=re.IGNORECASE)


def _clip_files(raw_dir: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(raw_dir):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith("avi") and not name.startswith("."):
                yield Path(folder) / name


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("enterface05", config, split)
    raw_dir = existing_dir(raw_dir)
    locate(raw_dir, LAYOUTS, what="eNTERFACE'05")
    emotions = {name.casefold() for name in entry.original_labels if len(name) > 2}
    clips = []
    for path in _clip_files(raw_dir):
        parts = path.relative_to(raw_dir).parts
        found = next(((i, m) for i, part in enumerate(parts[:-1]) if (m := _SUBJECT.fullmatch(part.strip()))), None)
        if found is None:
            raise DataError("clip outside any 'subject N' folder", path=path)
        at, subject = found[0], int(found[1].group(1))
        if subject in EXCLUDED_SUBJECTS:
            continue
        folder_emotion = next((p for p in parts[at + 1 : -1] if p.strip().casefold() in emotions), None)
        code = _CODE.match(path.name)
        original = folder_emotion or (code.group(1) if code else path.name)
        label = map_label_any_case(
            entry,
            original,
            path=path,
            line=None,
            field="emotion folder" if folder_emotion else "emotion code of the file name",
        )
        if label is None:
            continue
        rel = "/".join(parts[at:])
        rel = rel[:-4] if rel.lower().endswith(".avi") else rel[:-3]
        clips.append((subject, rel, label, original, path))
    if not clips:
        raise DataError("no clips (subject N/<emotion>/sentence M/*.avi) in this folder or below", path=raw_dir)
    for _subject, rel, label, original, path in sorted(clips):
        yield {"id": rel, "label": label, "label_original": original, "video": str(path)}


def extra_features() -> dict:
    return {}
