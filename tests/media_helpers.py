"""Generated test media: clips whose frames carry their own index as a bar code.

Frame ``i`` shows ``BITS`` vertical bars, bar ``b`` white when bit ``b`` of ``i`` is set, so a
decoded frame tells which original frame it is even after lossy compression.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

BITS = 10
BAR = 16
HEIGHT = 48


def frame_array(i: int) -> np.ndarray:
    img = np.zeros((HEIGHT, BITS * BAR, 3), dtype=np.uint8)
    for b in range(BITS):
        if (i >> b) & 1:
            img[:, b * BAR : (b + 1) * BAR] = 255
    return img


def frame_index(image: Image.Image) -> int:
    arr = np.asarray(image.convert("L").resize((BITS * BAR, HEIGHT)), dtype=np.float32)
    return sum(1 << b for b in range(BITS) if arr[:, b * BAR + 4 : (b + 1) * BAR - 4].mean() > 128)


#: (suffix, container format, codec) of the containers the readers meet
FORMATS = {
    "mp4": ("mp4", "libx264"),
    "avi": ("avi", "mpeg4"),
    "webm": ("webm", "libvpx"),
    "flv": ("flv", "flv"),
}


def make_video(path: Path, frames: int, *, fps: int = 25, gop: int | None = None, bframes: int = 0) -> Path:
    """Write a clip of ``frames`` bar-code frames; ``gop`` sets the keyframe interval."""
    import av

    fmt, codec = FORMATS[path.suffix.lstrip(".")]
    with av.open(str(path), "w", format=fmt) as out:
        stream = out.add_stream(codec, rate=fps)
        stream.width, stream.height = BITS * BAR, HEIGHT
        stream.pix_fmt = "yuv420p"
        if gop:
            stream.codec_context.gop_size = gop
        if codec == "libx264":
            stream.options = {"bf": str(bframes), "crf": "18"}
        if bframes:  # B-frames: packets arrive in decode order, frames must come out in pts order
            stream.codec_context.max_b_frames = bframes
        for i in range(frames):
            frame = av.VideoFrame.from_ndarray(frame_array(i), format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def make_frame_folder(folder: Path, frames: int, *, suffix: str = ".jpg") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(frames):
        # unpadded names: a plain sort would put 10 before 2
        Image.fromarray(frame_array(i)).save(folder / f"img_{i + 1}{suffix}", quality=95)
    return folder
