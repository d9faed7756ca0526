"""Image corruptions for the robustness variants (``GER_<Name>_<Kind><severity>``, e.g. ``GER_RAFDB_Blur3``).

Made at load time with ``torchvision.transforms.v2``: Gaussian blur, Gaussian noise, JPEG
re-compression and low resolution, at three severities each (1 mild, 3 strong). The names are
the catalog's (:data:`ger_plugin.catalog.CORRUPTIONS`); the parameters live here.

Deterministic: :func:`corrupt` draws its noise from a generator seeded by
(:data:`SEED`, dataset, sample id), so the same image always gives the same bytes, whatever the
order or process that writes it. The output is PNG (lossless) so the corruption is exactly what
the model sees. torch/torchvision are imported inside the functions only.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ger_plugin.catalog import CORRUPTION_SEVERITIES, CORRUPTIONS

#: The fixed seed of every corruption draw (combined with dataset name and sample id).
SEED = 20231207


@dataclass(frozen=True)
class Corruption:
    kind: str  # one of catalog.CORRUPTIONS
    severity: int  # 1..3

    @property
    def suffix(self) -> str:
        return f"{self.kind}{self.severity}"


#: kind -> parameter per severity (index 0 = severity 1).
#: Blur: Gaussian sigma in pixels (kernel 2*ceil(3 sigma)+1). Noise: sigma on [0, 1] intensities.
#: JPEG: quality. LowRes: the shorter side is scaled down by this factor, then back up (bilinear).
PARAMETERS: Mapping[str, tuple[float, float, float]] = {
    "Blur": (1.0, 2.0, 4.0),
    "Noise": (0.04, 0.08, 0.16),
    "JPEG": (30, 15, 5),
    "LowRes": (2, 4, 8),
}
if tuple(PARAMETERS) != CORRUPTIONS or len(CORRUPTION_SEVERITIES) != 3:  # one list of names: the catalog's
    raise ImportError("data.corruptions.PARAMETERS and catalog.CORRUPTIONS disagree")


def sample_seed(dataset: str, sample_id: str, seed: int = SEED) -> int:
    digest = hashlib.sha256(f"{seed}\x1f{dataset}\x1f{sample_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1  # torch seeds must fit in a signed 64-bit int


def _transform(c: Corruption, height: int, width: int) -> Any:
    import math

    from torchvision.transforms import v2

    p = PARAMETERS[c.kind][c.severity - 1]
    if c.kind == "Blur":
        k = 2 * math.ceil(3 * p) + 1
        return v2.GaussianBlur(kernel_size=k, sigma=p)
    if c.kind == "Noise":
        import torch

        return v2.Compose(
            [
                v2.ToDtype(torch.float32, scale=True),
                v2.GaussianNoise(sigma=p, clip=True),
                v2.ToDtype(torch.uint8, scale=True),
            ]
        )
    if c.kind == "JPEG":
        return v2.JPEG(quality=int(p))
    if c.kind == "LowRes":
        small = (max(1, round(height / p)), max(1, round(width / p)))
        return v2.Compose([v2.Resize(small, antialias=True), v2.Resize((height, width), antialias=True)])
    raise ValueError(f"unknown corruption {c.kind!r}")


def corrupt(raw: bytes, c: Corruption, *, dataset: str, sample_id: str, mode: str = "RGB") -> bytes:
    """The PNG bytes of image ``raw`` (any format PIL reads) under corruption ``c``."""
    import torch
    from PIL import Image
    from torchvision.transforms import v2

    with Image.open(io.BytesIO(raw)) as im:
        image = im.convert(mode)
    tensor = v2.functional.pil_to_tensor(image)  # uint8, C x H x W
    height, width = tensor.shape[-2:]
    transform = _transform(c, int(height), int(width))
    with torch.random.fork_rng(devices=[]), warnings.catch_warnings():  # never disturb the caller's global RNG
        # torchvision 0.29 deprecates its JPEG codec (v2.JPEG uses it) in favour of TorchCodec
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"torchvision\.io")
        torch.manual_seed(sample_seed(dataset, sample_id))
        out = transform(tensor)
    buf = io.BytesIO()
    v2.functional.to_pil_image(out).save(buf, format="PNG")
    return buf.getvalue()


def parse(suffix: str) -> Corruption | None:
    """``"Blur3"`` -> ``Corruption("Blur", 3)``; ``""`` -> ``None`` (the host variant's ``corruption``)."""
    if not suffix:
        return None
    kind = suffix.rstrip("0123456789")
    severity = int(suffix[len(kind) :] or 0)
    if kind not in PARAMETERS or severity not in CORRUPTION_SEVERITIES:
        raise ValueError(f"unknown corruption {suffix!r}")
    return Corruption(kind, severity)
