"""Tiny MER2023: ``test1/`` with mixed .avi/.mp4 clips, ``test1-label.csv``, a train set that
must be ignored, and MERTools' ``transcription-engchi-polish.csv``."""

from __future__ import annotations

from pathlib import Path

from ger_plugin.catalog import get

from ._sheets import write_csv
from ._videos import clip_length, write_video

TEST1 = (("neutral", 0.0), ("angry", -3.25), ("happy", 2.5), ("sad", -2.0), ("worried", -1.5), ("surprise", 0.75),
         ("angry", -4.0), ("happy", 1.25))
CHINESE = "我今天很高兴"


def name(n: int) -> str:
    return f"sample_{n + 1:08d}"


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    entry = get("GER_MER2023")
    base = root / "MER2023"
    transcripts = []
    for n, (discrete, _valence) in enumerate(TEST1):
        suffix = ".avi" if n % 2 else ".mp4"
        write_video(base / "test1" / f"{name(n)}{suffix}", entry.canonical(discrete), clip_length(n))
        transcripts.append((name(n), f"{CHINESE}{n}", f"I am very happy today {n}"))
    write_csv(base / "test1-label.csv", ("name", "discrete", "valence"),
              [(name(n), d, v) for n, (d, v) in enumerate(TEST1)])
    write_video(base / "train" / "sample_00009999.avi", "happy", 12)
    write_csv(base / "train-label.csv", ("name", "discrete", "valence"), [("sample_00009999", "happy", 1.0)])
    transcripts.append(("sample_00009999", "训练", "training"))
    write_csv(root / "transcription-engchi-polish.csv", ("name", "chinese", "english"), transcripts)
    return {("default", "test"): {name(n): entry.canonical(d) for n, (d, _v) in enumerate(TEST1)}}
