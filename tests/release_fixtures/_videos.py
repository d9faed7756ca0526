"""Generated frames, frame folders and short video clips for the release fixtures.

Every generated frame says which clip it belongs to and where in the clip it sits, so an
end-to-end test can check which frames a model received and in which order:

* the top part of the frame is one solid colour, :func:`label_colour` of the clip's canonical
  label (colours are corners/midpoints of the RGB cube, at least 127 apart in one channel, so
  they survive JPEG, H.264/MPEG-4 and 4:2:0 chroma subsampling);
* the bottom ``2 * block`` rows (``block = width // 8``; 8 px for the default 64x48) hold the
  frame index as 16 bits, two rows of 8 square blocks, most significant bit first, white = 1,
  black = 0. The blocks are aligned to the 8x8 transform grid of the codecs.

:func:`decode_frame` reads both back. Grayscale frames (SAMM) keep the index but not the colour.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
from PIL import Image

from ger_plugin.labels import CANONICAL_LABELS

#: Default frame size (width, height): tiny, even (H.264 needs even sides), 8-px aligned.
FRAME_SIZE = (64, 48)

#: Canonical label -> RGB colour of its frames. Fixed table; each value is unique.
LABEL_COLOURS: dict[str, tuple[int, int, int]] = {
    "happy": (255, 255, 0),
    "sad": (0, 0, 255),
    "angry": (255, 0, 0),
    "fearful": (128, 0, 128),
    "disgusted": (0, 128, 0),
    "surprised": (255, 128, 0),
    "neutral": (128, 128, 128),
    "contempt": (128, 0, 0),
    "calm": (0, 255, 255),
    "worried": (128, 128, 0),
    "amused": (255, 0, 255),
    "awed": (0, 128, 255),
    "content": (128, 255, 128),
    "excited": (255, 0, 128),
    "repressed": (0, 0, 128),
    "tense": (128, 0, 255),
    "others": (0, 128, 128),
    "positive": (0, 255, 0),
    "negative": (128, 255, 0),
    "weakly negative": (255, 128, 128),
    "weakly positive": (128, 128, 255),
}
if set(LABEL_COLOURS) != set(CANONICAL_LABELS) or len(set(LABEL_COLOURS.values())) != len(LABEL_COLOURS):
    raise RuntimeError("LABEL_COLOURS must give every canonical label its own colour")

_INDEX_BITS = 16


def label_colour(label: str) -> tuple[int, int, int]:
    """RGB colour of a canonical label's frames."""
    return LABEL_COLOURS[label]


def frame_image(label: str, index: int, size: tuple[int, int] = FRAME_SIZE) -> Image.Image:
    """One RGB frame: the label's colour on top, ``index`` (0..65535) in binary blocks below."""
    width, height = size
    block = width // 8
    if height < 2 * block + 8 or not 0 <= index < 2**_INDEX_BITS:
        raise ValueError(f"size {size} too small or index {index} out of range")
    pixels = np.empty((height, width, 3), dtype=np.uint8)
    pixels[:] = label_colour(label)
    top = height - 2 * block
    for bit in range(_INDEX_BITS):
        value = 255 if index >> (_INDEX_BITS - 1 - bit) & 1 else 0
        row, col = divmod(bit, 8)
        pixels[top + row * block: top + (row + 1) * block, col * block: (col + 1) * block] = value
    return Image.fromarray(pixels, "RGB")


def decode_frame(image: Image.Image) -> tuple[str, int]:
    """(label, frame index) written by :func:`frame_image`, robust to lossy encoding."""
    pixels = np.asarray(image.convert("RGB"), dtype=np.float64)
    height, width = pixels.shape[:2]
    block = width // 8
    top = height - 2 * block
    margin = max(1, block // 4)
    colour = pixels[margin: top - margin, margin: width - margin].reshape(-1, 3).mean(axis=0)
    label = min(LABEL_COLOURS, key=lambda lab: float(np.sum((np.array(LABEL_COLOURS[lab]) - colour) ** 2)))
    index = 0
    for bit in range(_INDEX_BITS):
        row, col = divmod(bit, 8)
        y, x = top + row * block, col * block
        cell = pixels[y + margin: y + block - margin, x + margin: x + block - margin]
        index = index << 1 | int(cell.mean() > 127)
    return label, index


def write_frames(folder: Path, label: str, indices: Iterable[int], name: Callable[[int], str],
                 *, mode: str = "RGB", size: tuple[int, int] = FRAME_SIZE) -> list[Path]:
    """A folder of JPEG frames ``name(i)`` for each index ``i`` (``mode="L"`` for grayscale)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in indices:
        path = folder / name(i)
        frame_image(label, i, size).convert(mode).save(path, quality=95)
        paths.append(path)
    return paths


#: Encoder per container: H.264 in mp4, MPEG-4 Part 2 in avi (what the releases use).
_CODECS = {".mp4": "libx264", ".avi": "mpeg4"}


def write_video(path: Path, label: str, num_frames: int = 16, *, fps: int = 25,
                size: tuple[int, int] = FRAME_SIZE, codec: str | None = None) -> Path:
    """A short clip whose frame ``i`` is ``frame_image(label, i)``; container from the suffix.

    ``path`` may lack a proper suffix (eNTERFACE's ``s16_su_3avi``): pass ``codec`` then, and
    the container is chosen from the codec.
    """
    import av

    codec = codec or _CODECS[path.suffix.lower()]
    container_format = {"libx264": "mp4", "mpeg4": "avi"}[codec]
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w", format=container_format) as container:
        stream = container.add_stream(codec, rate=Fraction(fps))
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        if codec == "libx264":
            stream.options = {"crf": "12", "preset": "ultrafast"}
        else:
            stream.bit_rate = 2_000_000
        for i in range(num_frames):
            frame = av.VideoFrame.from_image(frame_image(label, i, size))
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    return path


def clip_length(n: int) -> int:
    """A deterministic clip length in 12..24 for the n-th clip of a fixture (varied on purpose)."""
    return 12 + (n * 5) % 13
