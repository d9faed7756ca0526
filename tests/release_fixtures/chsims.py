"""Tiny CH-SIMS in the MMSA layout (``make``) or the first release's layout (``make_first_release``).

Scores cover every 5-bin interval and its edges; clip ids are written zero-padded and not
(``label.csv`` re-saved by pandas loses the padding); the splits are clip-level, so one source
video appears in all three.
"""

from __future__ import annotations

from pathlib import Path

from ._sheets import write_csv
from ._videos import clip_length, write_video

# (video_id, clip_id as written in label.csv, score, mode)
SAMPLES = (
    ("video_0001", "0001", -1.0, "test"),
    ("video_0001", "2", -0.8, "train"),
    ("video_0001", "0003", -0.6, "valid"),
    ("video_0002", "1", -0.2, "test"),
    ("video_0002", "0002", 0.0, "test"),
    ("video_0002", "0003", 0.2, "train"),
    ("video_0003", "0001", 0.6, "test"),
    ("video_0003", "12", 0.8, "test"),
    ("video_0003", "0013", 1.0, "valid"),
)
BINS = {
    -1.0: "negative",
    -0.8: "negative",
    -0.6: "weakly negative",
    -0.2: "weakly negative",
    0.0: "neutral",
    0.2: "weakly positive",
    0.6: "weakly positive",
    0.8: "positive",
    1.0: "positive",
}
SPLITS = {"train": "train", "valid": "validation", "test": "test"}


def _clips(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    expected: dict[tuple[str, str], dict[str, str]] = {("default", s): {} for s in SPLITS.values()}
    for n, (video_id, clip, score, mode) in enumerate(SAMPLES):
        clip_id = f"{int(clip):04d}"
        write_video(root / "Raw" / video_id / f"{clip_id}.mp4", BINS[score], clip_length(n), sound=BINS[score])
        expected[("default", SPLITS[mode])][f"{video_id}_{clip_id}"] = BINS[score]
    return expected


def text(n: int) -> str:
    return f"这部电影{n}"


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    base = root / "SIMS"
    write_csv(
        base / "label.csv",
        ("video_id", "clip_id", "text", "label", "label_T", "label_A", "label_V", "annotation", "mode"),
        [
            (v, c, text(n), s, s, s, s, "Negative" if s < 0 else "Positive" if s > 0 else "Neutral", m)
            for n, (v, c, s, m) in enumerate(SAMPLES)
        ],
    )
    return _clips(base)


def make_first_release(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    meta = root / "metadata"
    write_csv(
        meta / "sentiment" / "label_M.csv",
        ("video_id", "clip_id", "label"),
        [(v, int(c), s) for v, c, s, _m in SAMPLES],
    )
    for mode, name in (("train", "train"), ("valid", "val"), ("test", "test")):
        write_csv(meta / f"{name}_index.csv", ("index",), [(n,) for n, s in enumerate(SAMPLES) if s[3] == mode])
    write_csv(
        meta / "Translation.csv",
        ("video_id", "clip_id", "Chinese", "English"),
        [(v, int(c), text(n), f"this movie {n}") for n, (v, c, _s, _m) in enumerate(SAMPLES)],
    )
    return _clips(root)


LAYOUT_FIXTURES = {"MMSA": (make,), "first-release": (make_first_release,)}
