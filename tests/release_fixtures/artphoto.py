"""ArtPhoto fixture: a flat testImages_artphoto/ of <emotion>_<id>.jpg files, no annotation file.

Pitfall: stray non-image files (Thumbs.db) beside the images.
"""

from __future__ import annotations

from pathlib import Path

from release_fixtures._images import write_image

PREFIXES = {
    "amusement": "amused",
    "anger": "angry",
    "awe": "awed",
    "contentment": "content",
    "disgust": "disgusted",
    "excitement": "excited",
    "fear": "fearful",
    "sad": "sad",
}


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    folder = root / "testImages_artphoto"
    expected: dict[str, str] = {}
    for i, (prefix, label) in enumerate(PREFIXES.items()):
        for k in (1, 2 + 10 * i):
            name = f"{prefix}_{k}.jpg"
            write_image(folder / name, label, name)
            expected[name] = label
    (folder / "Thumbs.db").write_bytes(b"\0" * 16)
    return {("default", "test"): expected}


LAYOUT_FIXTURES = {"testImages_artphoto": (make,)}
