"""Tiny CMU-MOSI in the MMSA layout: ``Raw/<video_id>/<segment>.mp4`` + ``label.csv``.

Video ids contain ``_`` and ``-``; scores include thirds, exact halves (round half to even)
and values beyond +-2 (clipped); segments are unpadded.
"""

from __future__ import annotations

from pathlib import Path

from ._sheets import write_csv
from ._videos import clip_length, write_video

# (video_id, segment, score, mode, expected 5-bin label)
SAMPLES = (
    ("f_pcplsH_V0", 1, -3.0, "test", "negative"),
    ("f_pcplsH_V0", 2, -1.5, "test", "negative"),
    ("f_pcplsH_V0", 3, -1.33333333333, "test", "weakly negative"),
    ("yDtzw_Y-7RU", 1, -0.5, "test", "neutral"),
    ("yDtzw_Y-7RU", 2, 0.0, "test", "neutral"),
    ("yDtzw_Y-7RU", 3, 0.5, "test", "neutral"),
    ("k5Y_838nuGo", 1, 0.6, "test", "weakly positive"),
    ("k5Y_838nuGo", 2, 1.5, "test", "positive"),
    ("k5Y_838nuGo", 10, 2.8, "test", "positive"),
    ("03bSnISJMiM", 1, 1.0, "train", "weakly positive"),
    ("03bSnISJMiM", 2, -2.2, "train", "negative"),
    ("1DmNV9C1hbY", 1, 2.4, "valid", "positive"),
)
SPLITS = {"train": "train", "valid": "validation", "test": "test"}


def transcript(n: int) -> str:
    return f"this movie was great {n}"


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    base = root / "MOSI"
    expected: dict[tuple[str, str], dict[str, str]] = {("default", s): {} for s in SPLITS.values()}
    for n, (video_id, segment, _score, mode, label) in enumerate(SAMPLES):
        write_video(base / "Raw" / video_id / f"{segment}.mp4", label, clip_length(n))
        expected[("default", SPLITS[mode])][f"{video_id}_{segment}"] = label
    write_csv(base / "label.csv",
              ("video_id", "clip_id", "text", "label", "label_T", "label_A", "label_V", "annotation", "mode"),
              [(v, seg, transcript(n), s, s, s, s, "Negative" if s < 0 else "Positive", m)
               for n, (v, seg, s, m, _l) in enumerate(SAMPLES)])
    return expected
