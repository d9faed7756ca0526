"""Generated fixture images that say which sample they are.

Every fixture image is a solid colour chosen by its canonical label (:func:`label_colour`; grey
images use :func:`label_grey`), with a noise patch in the bottom-right quarter drawn from a
generator seeded by the sample id (:func:`seed_of`). So a later test can tell, from the pixels
a model received, the label (:func:`label_of_image`, robust to JPEG and to grey/RGB conversion)
and the exact sample (:func:`make_image` regenerates it).

Colours (RGB) per canonical label, fixed so tests stay stable:

=================  ===============   =================  ===============
happy              (255, 215, 0)     amused             (255, 105, 180)
sad                (30, 60, 200)     awed               (0, 128, 128)
angry              (220, 20, 20)     content            (150, 230, 120)
fearful            (128, 0, 128)     excited            (250, 250, 80)
disgusted          (85, 140, 20)     repressed          (70, 40, 110)
surprised          (255, 140, 0)     tense              (240, 160, 120)
neutral            (140, 150, 170)   others             (0, 0, 90)
contempt           (140, 70, 20)     positive           (0, 200, 0)
calm               (100, 200, 230)   negative           (120, 0, 0)
worried            (200, 120, 160)   weakly positive    (160, 255, 200)
                                     weakly negative    (230, 190, 210)
=================  ===============   =================  ===============

No colour has R == G == B, so a grey pixel always means a grey-mode image; grey levels are
``16 + 9 * index`` in :data:`ger_plugin.labels.CANONICAL_LABELS` order.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from types import MappingProxyType

import numpy as np
from PIL import Image

from ger_plugin.labels import CANONICAL_LABELS

LABEL_COLOURS = MappingProxyType(
    {
        "happy": (255, 215, 0), "sad": (30, 60, 200), "angry": (220, 20, 20), "fearful": (128, 0, 128),
        "disgusted": (85, 140, 20), "surprised": (255, 140, 0), "neutral": (140, 150, 170),
        "contempt": (140, 70, 20), "calm": (100, 200, 230), "worried": (200, 120, 160),
        "amused": (255, 105, 180), "awed": (0, 128, 128), "content": (150, 230, 120),
        "excited": (250, 250, 80), "repressed": (70, 40, 110), "tense": (240, 160, 120),
        "others": (0, 0, 90), "positive": (0, 200, 0), "negative": (120, 0, 0),
        "weakly positive": (160, 255, 200), "weakly negative": (230, 190, 210),
    }
)
LABEL_GREYS = MappingProxyType({label: 16 + 9 * i for i, label in enumerate(CANONICAL_LABELS)})
DEFAULT_SIZE = (32, 32)


def label_colour(label: str) -> tuple[int, int, int]:
    """The fixed RGB colour of a canonical label."""
    return LABEL_COLOURS[label]


def label_grey(label: str) -> int:
    """The fixed grey level of a canonical label (grey-mode fixtures such as FER2013 and CK+)."""
    return LABEL_GREYS[label]


def seed_of(sample_id: str) -> int:
    """A stable noise seed from a sample id (CRC-32, independent of Python's hash randomisation)."""
    return zlib.crc32(sample_id.encode("utf-8"))


def make_image(label: str, sample_id: str, size: tuple[int, int] = DEFAULT_SIZE, mode: str = "RGB") -> Image.Image:
    """Solid label colour with an id-seeded noise patch in the bottom-right quarter."""
    width, height = size
    rng = np.random.default_rng(seed_of(sample_id))
    if mode == "L":
        pixels = np.full((height, width), label_grey(label), dtype=np.uint8)
        pixels[height // 2:, width // 2:] = rng.integers(0, 256, (height - height // 2, width - width // 2))
    else:
        pixels = np.empty((height, width, 3), dtype=np.uint8)
        pixels[:] = label_colour(label)
        pixels[height // 2:, width // 2:] = rng.integers(0, 256, (height - height // 2, width - width // 2, 3))
    return Image.fromarray(pixels, mode="L" if mode == "L" else "RGB")


def write_image(path: Path, label: str, sample_id: str, size: tuple[int, int] = DEFAULT_SIZE,
                mode: str = "RGB") -> Path:
    """Write :func:`make_image` to ``path``; the format follows the suffix (.jpg, .png, .tif ...)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    make_image(label, sample_id, size, mode).save(path)
    return path


def label_of_image(image: Image.Image) -> str:
    """The canonical label whose colour (or grey level) is nearest the image's top-left quarter."""
    width, height = image.size
    patch = np.asarray(image.convert("RGB").crop((0, 0, max(1, width // 2), max(1, height // 2))), dtype=float)
    r, g, b = np.median(patch.reshape(-1, 3), axis=0)
    if max(r, g, b) - min(r, g, b) <= 3:  # grey: a grey-mode fixture, maybe converted to RGB
        return min(LABEL_GREYS, key=lambda lab: abs(LABEL_GREYS[lab] - r))
    return min(LABEL_COLOURS, key=lambda lab: sum((c - x) ** 2 for c, x in zip(LABEL_COLOURS[lab], (r, g, b))))
