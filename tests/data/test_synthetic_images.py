"""The synthetic images' label colours: one per canonical label, far apart, and recoverable from pixels."""

from __future__ import annotations

import io
import itertools

import pytest

from ger_plugin.core.labels import CANONICAL_LABELS
from ger_plugin.data.synthetic import (
    label_colour,
    label_grey,
    label_of_image,
    make_image,
)


def test_every_canonical_label_has_a_distinct_colour():
    colours = [label_colour(lab) for lab in CANONICAL_LABELS]
    for a, b in itertools.combinations(colours, 2):
        assert sum((x - y) ** 2 for x, y in zip(a, b)) ** 0.5 >= 50, (a, b)
    assert all(len(set(c)) > 1 for c in colours), "no colour may look grey"
    assert len({label_grey(lab) for lab in CANONICAL_LABELS}) == len(CANONICAL_LABELS)


@pytest.mark.parametrize("mode", ["RGB", "L"])
@pytest.mark.parametrize("label", CANONICAL_LABELS)
def test_label_survives_jpeg_and_mode_conversion(label, mode):
    buffer = io.BytesIO()
    make_image(label, f"id-{label}", mode=mode).save(buffer, format="JPEG", quality=75)
    buffer.seek(0)
    from PIL import Image

    with Image.open(buffer) as image:
        assert label_of_image(image) == label
        assert label_of_image(image.convert("RGB")) == label


def test_noise_depends_on_the_id_only():
    assert make_image("happy", "a").tobytes() == make_image("happy", "a").tobytes()
    assert make_image("happy", "a").tobytes() != make_image("happy", "b").tobytes()
