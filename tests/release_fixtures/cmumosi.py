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
        write_video(base / "Raw" / video_id / f"{segment}.mp4", label, clip_length(n), sound=label)
        expected[("default", SPLITS[mode])][f"{video_id}_{segment}"] = label
    write_csv(
        base / "label.csv",
        ("video_id", "clip_id", "text", "label", "label_T", "label_A", "label_V", "annotation", "mode"),
        [
            (v, seg, transcript(n), s, s, s, s, "Negative" if s < 0 else "Positive", m)
            for n, (v, seg, s, m, _l) in enumerate(SAMPLES)
        ],
    )
    return expected


#: (video_id, [(start, end, score, expected 5-bin label)] in file order), standard-fold videos
SDK_VIDEOS = (
    (
        "f_pcplsH_V0",
        "test",
        [(0.0, 2.5, -3.0, "negative"), (2.5, 4.0, -1.5, "negative"), (4.0, 7.2, -1.33333333333, "weakly negative")],
    ),
    # rows stored out of time order: segment numbers follow time, not storage
    (
        "k5Y_838nuGo",
        "test",
        [(3.0, 5.0, 1.5, "positive"), (0.5, 3.0, 0.6, "weakly positive"), (5.0, 6.0, 2.8, "positive")],
    ),
    ("yDtzw_Y-7RU", "test", [(0.0, 1.0, 0.5, "neutral"), (1.0, 2.0, 0.0, "neutral")]),
    ("03bSnISJMiM", "train", [(0.0, 2.0, 1.0, "weakly positive"), (2.0, 3.0, -2.2, "negative")]),
    ("WKA5OygbEKI", "valid", [(0.0, 1.5, 2.4, "positive")]),
)


def make_sdk(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """``CMU_MOSI.zip`` as it unpacks (``Raw/Video/Segmented``, ``Raw/Transcript/Segmented``) and the
    SDK's ``CMU_MOSI_Opinion_Labels.csd`` (HDF5: ``<root>/data/<video>/{features,intervals}``)."""
    import h5py
    import numpy as np

    base = root / "CMU_MOSI"
    expected: dict[tuple[str, str], dict[str, str]] = {("default", s): {} for s in SPLITS.values()}
    (base / "Raw" / "Transcript" / "Segmented").mkdir(parents=True)
    labels = root / "CMU-MOSI" / "labels" / "CMU_MOSI_Opinion_Labels.csd"
    labels.parent.mkdir(parents=True)
    n = 0
    with h5py.File(labels, "w") as handle:
        data = handle.create_group("Opinion Segment Labels").create_group("data")
        handle["Opinion Segment Labels"].create_group("metadata")
        for video_id, mode, rows in SDK_VIDEOS:
            group = data.create_group(video_id)
            group.create_dataset("features", data=np.array([[score] for _s, _e, score, _l in rows]))
            group.create_dataset("intervals", data=np.array([[s, e] for s, e, _sc, _l in rows]))
            in_time = sorted(rows)
            lines = []
            for segment, (_s, _e, _score, label) in enumerate(in_time, start=1):
                write_video(base / "Raw" / "Video" / "Segmented" / f"{video_id}_{segment}.mp4", label, clip_length(n))
                lines.append(f"{segment}_DELIM_{transcript(n)}\n")
                expected[("default", SPLITS[mode])][f"{video_id}_{segment}"] = label
                n += 1
            (base / "Raw" / "Transcript" / "Segmented" / f"{video_id}.annotprocessed").write_text("".join(lines))
    return expected


LAYOUT_FIXTURES = {"CMU_MOSI.zip+csd": (make_sdk,), "MMSA": (make,)}
