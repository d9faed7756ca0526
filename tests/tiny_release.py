"""A tiny built GER_CKPlus folder (three labelled images) for tests of publishing and pulling."""

from __future__ import annotations

import warnings
from pathlib import Path

from ger_plugin.data import build
from ger_plugin.data.synthetic import write_image

LABELS = {"S1": "angry", "S2": "happy", "S3": "sad"}


def build_tiny_ckplus(tmp_path: Path, out: Path, labels: dict[str, str] = LABELS) -> Path:
    """Write synthetic images and build them through the real writer into ``out``."""
    media = tmp_path / f"tiny-media-{out.name}"
    records = [
        {
            "id": rid,
            "label": label,
            "label_original": label,
            "image": str(write_image(media / f"{rid}.png", label, rid, size=(8, 8))),
        }
        for rid, label in labels.items()
    ]
    with warnings.catch_warnings():  # three images never match the catalog's class counts
        warnings.simplefilter("ignore")
        return build.write_release("ckplus", {"default": {"test": records}}, out).folder
