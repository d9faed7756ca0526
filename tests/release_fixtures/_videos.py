"""Fixture frames and clips: the package's synthetic generator (see :mod:`ger_plugin.data.synthetic`)."""

from ger_plugin.data.synthetic import (  # noqa: F401  (re-exported for the fixtures)
    FRAME_SIZE,
    LABEL_COLOURS,
    clip_length,
    decode_frame,
    frame_image,
    label_colour,
    write_frames,
    write_video,
)
