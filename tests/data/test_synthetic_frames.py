"""The fixture frame code survives the codecs the fixtures use, so end-to-end tests can trust it."""

from __future__ import annotations

import av
import pytest
from PIL import Image

from ger_plugin.core.labels import CANONICAL_LABELS
from ger_plugin.data.synthetic import (
    LABEL_COLOURS,
    decode_frame,
    frame_image,
    label_colour,
    write_frames,
    write_video,
)


def test_every_canonical_label_has_its_own_well_separated_colour():
    assert set(LABEL_COLOURS) == set(CANONICAL_LABELS)
    colours = [label_colour(lab) for lab in CANONICAL_LABELS]
    for i, a in enumerate(colours):
        for b in colours[i + 1 :]:
            assert max(abs(x - y) for x, y in zip(a, b)) >= 127


@pytest.mark.parametrize("suffix", [".mp4", ".avi"])
def test_label_and_frame_order_survive_video_encoding(tmp_path, suffix):
    labels = list(CANONICAL_LABELS)
    for n, label in enumerate(labels[::4]):
        path = write_video(tmp_path / f"clip{n}{suffix}", label, 14)
        with av.open(str(path)) as container:
            decoded = [decode_frame(frame.to_image()) for frame in container.decode(video=0)]
        assert decoded == [(label, i) for i in range(14)]


def test_large_indices_and_grayscale_jpeg(tmp_path):
    (path,) = write_frames(tmp_path, "contempt", [5588], lambda i: f"{i}.jpg", mode="L")
    with Image.open(path) as image:
        assert decode_frame(image)[1] == 5588
    assert decode_frame(frame_image("weakly positive", 65535)) == ("weakly positive", 65535)
