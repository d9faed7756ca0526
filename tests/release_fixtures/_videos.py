"""Fixture frames and clips: the package's synthetic generator (see :mod:`ger_plugin.synthetic`)."""

from ger_plugin.synthetic import (  # noqa: F401  (re-exported for the fixtures)
    FRAME_SIZE,
    LABEL_COLOURS,
    clip_length,
    decode_frame,
    frame_image,
    label_colour,
    write_frames,
    write_video,
)
