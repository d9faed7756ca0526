"""Tiny MER2023: ``test1/`` with mixed .avi/.mp4 clips, ``test1-label.csv``, a train set that
must be ignored, and a transcript: MERTools' ``transcription-engchi-polish.csv`` (beside the
release folder), the baseline's ASR ``transcription.csv`` (``name,sentence``), or none (the
organisers' release as it is)."""

from __future__ import annotations

from pathlib import Path

from ger_plugin.catalog import get

from ._sheets import write_csv
from ._videos import clip_length, write_video

TEST1 = (
    ("neutral", 0.0),
    ("angry", -3.25),
    ("happy", 2.5),
    ("sad", -2.0),
    ("worried", -1.5),
    ("surprise", 0.75),
    ("angry", -4.0),
    ("happy", 1.25),
)
CHINESE = "我今天很高兴"


def name(n: int) -> str:
    return f"sample_{n + 1:08d}"


def write(root: Path, transcript: str | None) -> dict[tuple[str, str], dict[str, str]]:
    entry = get("GER_MER2023")
    base = root / "MER2023"
    rows = []
    for n, (discrete, _valence) in enumerate(TEST1):
        suffix = ".avi" if n % 2 else ".mp4"
        write_video(
            base / "test1" / f"{name(n)}{suffix}",
            entry.canonical(discrete),
            clip_length(n),
            sound=entry.canonical(discrete),
        )
        rows.append((name(n), f"{CHINESE}{n}", f"I am very happy today {n}"))
    write_csv(
        base / "test1-label.csv", ("name", "discrete", "valence"), [(name(n), d, v) for n, (d, v) in enumerate(TEST1)]
    )
    write_video(base / "train" / "sample_00009999.avi", "happy", 12)
    write_csv(base / "train-label.csv", ("name", "discrete", "valence"), [("sample_00009999", "happy", 1.0)])
    rows.append(("sample_00009999", "训练", "training"))
    if transcript == "polished":
        write_csv(root / "transcription-engchi-polish.csv", ("name", "chinese", "english"), rows)
    elif transcript == "asr":
        write_csv(base / "transcription.csv", ("name", "sentence"), [(n, zh) for n, zh, _en in rows])
    return {("default", "test"): {name(n): entry.canonical(d) for n, (d, _v) in enumerate(TEST1)}}


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    return write(root, "polished")


def make_asr(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    return write(root, "asr")


def make_video_only(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    return write(root, None)


LAYOUT_FIXTURES = {
    "release+polished-transcript": (make,),
    "release+asr-transcript": (make_asr,),
    "release": (make_video_only,),
}
