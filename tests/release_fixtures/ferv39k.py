"""Tiny FERV39k: frame folders ``<Scene>/<Emotion>/<NNNN>/`` and the headerless, space-separated
``4_setups/All_scenes/{train,test}_All.csv``, in each declared layout.

Every emotion appears in two scenes under the same clip number (ids must be full paths). Layouts:
everything in one folder; the separate downloads as they unpack (frames in two parts
``3_ClipsforScenImages-001/3_ClipsforScenImages/`` and ``-002``, the setups in
``drive-download-...-003/4_setups/``); the face-crop frames ``2_ClipsforFaceCrop``.
"""

from __future__ import annotations

from pathlib import Path

from ger_plugin.catalog import get

from ._sheets import write_csv
from ._videos import clip_length, write_frames

SCENES = ("Action", "Crime")
EMOTIONS = ("Angry", "Disgust", "Fear", "Happy", "Neutral", "Sad", "Surprise")


def write(frames_for_scene, setups: Path) -> dict[tuple[str, str], dict[str, str]]:
    entry = get("GER_FERV39k")
    test, train = [], []
    for n, (scene, emotion) in enumerate((s, e) for s in SCENES for e in EMOTIONS):
        for clip, lines in (("0001", test), ("0002", train)):
            rel = f"{scene}/{emotion}/{clip}"
            write_frames(
                frames_for_scene(scene) / rel,
                entry.canonical(emotion),
                range(clip_length(n)),
                lambda i: f"{i + 1:05d}.jpg",
            )
            lines.append((rel, emotion))
    write_csv(setups / "All_scenes" / "test_All.csv", None, test, delimiter=" ")
    write_csv(setups / "All_scenes" / "train_All.csv", None, train, delimiter=" ")
    return {("default", "test"): {rel: entry.canonical(emotion) for rel, emotion in test}}


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    base = root / "FERV39k"  # unzips into one extra folder
    return write(lambda scene: base / "3_ClipsforScenImages", base / "4_setups")


def make_parts(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """Separate downloads side by side; each scene in its own part."""

    def part(scene: str) -> Path:
        number = SCENES.index(scene) + 1
        return root / f"3_ClipsforScenImages-{number:03d}" / "3_ClipsforScenImages"

    return write(part, root / "drive-download-20260721T053535Z-1-003" / "4_setups")


def make_face_crops(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    return write(lambda scene: root / "2_ClipsforFaceCrop-002" / "2_ClipsforFaceCrop", root / "4_setups")


LAYOUT_FIXTURES = {"3_ClipsforScenImages": (make, make_parts), "2_ClipsforFaceCrop": (make_face_crops,)}
