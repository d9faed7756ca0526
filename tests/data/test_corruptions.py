"""Corruption variants change pixels, deterministically, more with each severity, never touching global RNG."""

import io
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from ger_plugin.catalog import CORRUPTION_SEVERITIES, CORRUPTIONS
from ger_plugin.data import corruptions
from ger_plugin.data.corruptions import Corruption, corrupt

torch = pytest.importorskip("torch")
pytest.importorskip("torchvision")


def _image(mode: str = "RGB") -> bytes:
    rng = np.random.default_rng(7)
    pixels = (rng.random((48, 40, 3)) * 255).astype("uint8")  # texture: blur and JPEG visibly change it
    buf = io.BytesIO()
    Image.fromarray(pixels).convert(mode).save(buf, format="PNG")
    return buf.getvalue()


def _array(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png))).astype(float)


@pytest.mark.parametrize("kind", CORRUPTIONS)
@pytest.mark.parametrize("mode", ["RGB", "L"])
def test_same_seed_same_bytes_and_stronger_with_severity(kind, mode):
    raw = _image(mode)
    clean = _array(raw)
    damage = []
    for severity in CORRUPTION_SEVERITIES:
        c = Corruption(kind, severity)
        first = corrupt(raw, c, dataset="GER_RAFDB", sample_id="r0", mode=mode)
        assert first == corrupt(raw, c, dataset="GER_RAFDB", sample_id="r0", mode=mode)  # same bytes
        out = _array(first)
        assert out.shape == clean.shape, "corrupted images keep their size"
        damage.append(float(np.abs(out - clean).mean()))
    assert damage[0] > 0.5, f"{kind}1 changes the pixels"
    assert damage == sorted(damage) and damage[2] > damage[0], f"{kind}: severity 3 damages more than 1 ({damage})"


def test_noise_depends_on_the_sample_and_leaves_the_global_rng_alone():
    raw = _image()
    c = Corruption("Noise", 2)
    torch.manual_seed(123)
    expected_next = torch.rand(3)
    torch.manual_seed(123)
    a = corrupt(raw, c, dataset="GER_RAFDB", sample_id="r0")
    assert torch.equal(torch.rand(3), expected_next), "corrupt() must not consume the caller's torch RNG"
    assert a != corrupt(raw, c, dataset="GER_RAFDB", sample_id="r1"), "each sample draws its own noise"
    assert a == corrupt(raw, c, dataset="GER_RAFDB", sample_id="r0")


def test_parse_and_parameters_follow_the_catalog_names():
    assert tuple(corruptions.PARAMETERS) == CORRUPTIONS
    assert corruptions.parse("Blur3") == Corruption("Blur", 3) and corruptions.parse("") is None
    with pytest.raises(ValueError):
        corruptions.parse("Blur9")


def test_importing_the_module_does_not_import_torch():
    code = "import sys, ger_plugin.data.corruptions; print('torch' in sys.modules, 'torchvision' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"GER_VLMEVAL_PLUGIN": "0", "PYTHONPATH": str(__import__("pathlib").Path(__file__).parents[2])},
    )
    assert out.stdout.split() == ["False", "False"]
