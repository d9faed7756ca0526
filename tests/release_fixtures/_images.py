"""Fixture images: the package's synthetic generator (see :mod:`ger_plugin.data.synthetic`)."""

from ger_plugin.data.synthetic import (  # noqa: F401  (re-exported for the fixtures)
    IMAGE_SIZE as DEFAULT_SIZE,
    LABEL_COLOURS,
    LABEL_GREYS,
    label_colour,
    label_grey,
    label_of_image,
    make_image,
    seed_of,
    write_image,
)
