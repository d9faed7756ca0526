"""Fixture images: the package's synthetic generator (see :mod:`ger_plugin.data.synthetic`)."""

from ger_plugin.data.synthetic import (
    IMAGE_SIZE as DEFAULT_SIZE,
)
from ger_plugin.data.synthetic import (
    LABEL_COLOURS,
    LABEL_GREYS,
    label_colour,
    label_grey,
    label_of_image,
    make_image,
    seed_of,
    write_image,
)

# re-exported for the fixtures
__all__ = [
    "DEFAULT_SIZE",
    "LABEL_COLOURS",
    "LABEL_GREYS",
    "label_colour",
    "label_grey",
    "label_of_image",
    "make_image",
    "seed_of",
    "write_image",
]
