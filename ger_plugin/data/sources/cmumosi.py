"""CMU-MOSI reader: segment clips, English transcript and sentiment score, per standard split.

Original layout read: the MMSA release of MOSI, ``Raw/<video_id>/<clip_id>.mp4`` plus
``label.csv`` with the same columns as CH-SIMS (``video_id, clip_id, text, label, ...,
mode``; ``mode`` train/valid/test = the CMU-MultimodalSDK standard folds, 1,284/229/686
segments). Segments of the raw ``CMU_MOSI.zip`` (``Raw/Video/Segmented/<video_id>_<n>.mp4``)
are found too, but labels always come from ``label.csv`` (the SDK's .csd labels are not read).

Ids are ``{video_id}_{segment}`` (segment numbers start at 1; video ids contain ``_`` and
``-``). ``sentiment`` is the score in [-3, 3] at full precision; ``label`` is
``round(clip(score, -2, 2))`` mapped -2..2 to negative, weakly negative, neutral, weakly
positive, positive, with Python's ``round`` = round-half-to-even, as ``np.round`` in MMSA
(so 1.5 -> 2 and 0.5 -> 0); ``polarity`` is the sign of the score. ``text`` and ``text_en``
both hold the (English) transcript.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ger_plugin.core.sentiment import MOSI_SCALE
from ger_plugin.data.sources import entry_for
from ger_plugin.data.sources._common_video import (
    clip_file,
    find_dir,
    first_file,
    mmsa_rows,
    parse_int,
    sentiment_record,
)
from ger_plugin.errors import DataError

CONFIGS = ("default",)


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("cmumosi", config, split)
    root = find_dir(Path(raw_dir), lambda p: (p / "label.csv").is_file(), "label.csv (MMSA release of MOSI)")
    label_csv = root / "label.csv"
    for line, row in mmsa_rows(label_csv, split):
        video_id, clip_id = row["video_id"], row["clip_id"]
        number = parse_int(clip_id)
        segment = str(number) if number is not None else clip_id
        video = clip_file(root / "Raw" / video_id, clip_id) or first_file(
            root / "Raw" / "Video" / "Segmented", [f"{video_id}_{segment}.mp4"])
        if video is None:
            raise DataError(f"missing clip {root / 'Raw' / video_id / clip_id}.mp4", path=label_csv, line=line,
                            field="clip_id")
        yield sentiment_record(entry, record_id=f"{video_id}_{segment}", score_text=row["label"], scale=MOSI_SCALE,
                               video=video, text=row["text"], text_en=row["text"],
                               path=label_csv, line=line)


def extra_features() -> dict:
    return {}
