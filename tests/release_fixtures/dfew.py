"""Tiny DFEW: 10 original mp4 clips in two unpacked parts (padded and unpadded names) and
five folds in ``EmoLabel_DataSplit/{train,test}(single_labeled)/set_N.csv``."""

from __future__ import annotations

from pathlib import Path

from ger_plugin.catalog import get

from ._sheets import write_csv
from ._videos import clip_length, write_video

CLIPS = range(1, 11)


def code(clip: int) -> int:
    """DFEW label code 1..7 of a fixture clip."""
    return (clip - 1) % 7 + 1


def fold_of(clip: int) -> int:
    return (clip - 1) % 5 + 1


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    entry = get("GER_DFEW")
    for clip in CLIPS:
        # part 1 keeps the zero-padded names, part 2 was renamed like the paper's all_parts/
        part, name = ("data_part_1-2-3", f"{clip:05d}.mp4") if clip <= 5 else ("data_part_4-5-6", f"{clip}.mp4")
        write_video(root / "Clip" / "original" / part / name, entry.canonical(str(code(clip))), clip_length(clip))
    expected: dict[tuple[str, str], dict[str, str]] = {}
    for fold in range(1, 6):
        for split in ("train", "test"):
            members = [c for c in CLIPS if (fold_of(c) == fold) == (split == "test")]
            write_csv(
                root / "EmoLabel_DataSplit" / f"{split}(single_labeled)" / f"set_{fold}.csv",
                ("video_name", "label"),
                [(c, code(c)) for c in members],
            )
            expected[(f"fold{fold}", split)] = {str(c): entry.canonical(str(code(c))) for c in members}
    return expected


LAYOUT_FIXTURES = {"original": (make,)}
