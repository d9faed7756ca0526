"""Tiny FERV39k: scene-frame folders ``3_ClipsforScenImages/<Scene>/<Emotion>/<NNNN>/`` and the
headerless, space-separated ``4_setups/All_scenes/{train,test}_All.csv``.

Every emotion appears in two scenes under the same clip number (ids must be full paths).
"""

from __future__ import annotations

from pathlib import Path

from ger_plugin.catalog import get

from ._sheets import write_csv
from ._videos import clip_length, write_frames

SCENES = ("Action", "Crime")
EMOTIONS = ("Angry", "Disgust", "Fear", "Happy", "Neutral", "Sad", "Surprise")


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    entry = get("GER_FERV39k")
    base = root / "FERV39k"  # unzips into one extra folder
    test, train = [], []
    for n, (scene, emotion) in enumerate((s, e) for s in SCENES for e in EMOTIONS):
        for clip, lines in (("0001", test), ("0002", train)):
            rel = f"{scene}/{emotion}/{clip}"
            write_frames(base / "3_ClipsforScenImages" / rel, entry.canonical(emotion), range(clip_length(n)),
                         lambda i: f"{i + 1:05d}.jpg")
            lines.append((rel, emotion))
    write_csv(base / "4_setups" / "All_scenes" / "test_All.csv", None, test, delimiter=" ")
    write_csv(base / "4_setups" / "All_scenes" / "train_All.csv", None, train, delimiter=" ")
    return {("default", "test"): {rel: entry.canonical(emotion) for rel, emotion in test}}
