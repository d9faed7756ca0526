"""Synthetic media that say what they are: for the offline demo and the test fixtures.

Every generated image or video frame is painted in the colour of its canonical label
(:data:`LABEL_COLOURS`), so whoever receives it - a test server posing as a model, a test of
the frame sampler - can read back the label, and for video frames also the frame index:

* images: solid label colour with a noise patch in the bottom-right quarter, seeded by the
  sample id (so each sample is distinct and reproducible); grey-mode images use a grey level
  per label instead (:data:`LABEL_GREYS`);
* frames: the top part in the label colour, the bottom ``2 * width // 8`` rows holding the frame
  index as 16 bits in square black/white blocks aligned to the codecs' 8x8 grid.

Colours are corners and midpoints of the RGB cube, at least 127 apart in one channel, none of
them grey, so they survive JPEG, H.264/MPEG-4 and 4:2:0 chroma subsampling, and a grey pixel
always means a grey-mode image. Nothing here is real data; the demo says so when it uses it.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
from PIL import Image

from ger_plugin.catalog import INTENSITY_LABELS, DatasetEntry, parse_host_name
from ger_plugin.core.labels import CANONICAL_LABELS
from ger_plugin.core.sentiment import score_polarity
from ger_plugin.data.features import field_names

LABEL_COLOURS = MappingProxyType(
    {
        "happy": (255, 255, 0),
        "sad": (0, 0, 255),
        "angry": (255, 0, 0),
        "fearful": (128, 0, 128),
        "disgusted": (0, 128, 0),
        "surprised": (255, 128, 0),
        "neutral": (128, 255, 255),
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
)
#: Grey level per label for grey-mode images (CK+, FER2013, SAMM are mostly grey).
LABEL_GREYS = MappingProxyType({label: 16 + 9 * i for i, label in enumerate(CANONICAL_LABELS)})

if set(LABEL_COLOURS) != set(CANONICAL_LABELS) or len(set(LABEL_COLOURS.values())) != len(LABEL_COLOURS):
    raise RuntimeError("LABEL_COLOURS must give every canonical label its own colour")

IMAGE_SIZE = (32, 32)
#: Frame size (width, height): tiny, even (H.264 needs even sides), 8-px aligned.
FRAME_SIZE = (64, 48)
_INDEX_BITS = 16
#: Sample rate of generated sound tracks (the audio-visual releases record 48 kHz).
SOUND_RATE = 48_000
#: Encoder per container: H.264 in mp4, MPEG-4 Part 2 in avi (what the releases use).
_CODECS = {".mp4": "libx264", ".avi": "mpeg4"}


def label_colour(label: str) -> tuple[int, int, int]:
    """The fixed RGB colour of a canonical label."""
    return LABEL_COLOURS[label]


def label_grey(label: str) -> int:
    """The fixed grey level of a canonical label."""
    return LABEL_GREYS[label]


def nearest_label(rgb: Iterable[float]) -> str:
    """The label whose colour is nearest an RGB triple (grey triples: nearest grey level)."""
    r, g, b = (float(c) for c in rgb)
    if max(r, g, b) - min(r, g, b) <= 3:
        return min(LABEL_GREYS, key=lambda lab: abs(LABEL_GREYS[lab] - r))
    return min(LABEL_COLOURS, key=lambda lab: sum((c - x) ** 2 for c, x in zip(LABEL_COLOURS[lab], (r, g, b))))


def seed_of(sample_id: str) -> int:
    """A stable noise seed from a sample id (CRC-32, independent of hash randomisation)."""
    return zlib.crc32(sample_id.encode("utf-8"))


def make_image(label: str, sample_id: str, size: tuple[int, int] = IMAGE_SIZE, mode: str = "RGB") -> Image.Image:
    """Solid label colour (or grey level) with an id-seeded noise patch in the bottom-right quarter."""
    width, height = size
    rng = np.random.default_rng(seed_of(sample_id))
    patch = (height - height // 2, width - width // 2)
    if mode == "L":
        pixels = np.full((height, width), label_grey(label), dtype=np.uint8)
        pixels[height // 2 :, width // 2 :] = rng.integers(0, 256, patch)
        return Image.fromarray(pixels, mode="L")
    pixels = np.empty((height, width, 3), dtype=np.uint8)
    pixels[:] = label_colour(label)
    pixels[height // 2 :, width // 2 :] = rng.integers(0, 256, (*patch, 3))
    return Image.fromarray(pixels, mode="RGB")


def write_image(path: Path, label: str, sample_id: str, size: tuple[int, int] = IMAGE_SIZE, mode: str = "RGB") -> Path:
    """Write :func:`make_image` to ``path``; the format follows the suffix (.jpg, .png, .tif ...)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    make_image(label, sample_id, size, mode).save(path)
    return path


def label_of_image(image: Image.Image) -> str:
    """The label painted into an image by :func:`make_image` (robust to JPEG and grey/RGB conversion)."""
    width, height = image.size
    patch = np.asarray(image.convert("RGB").crop((0, 0, max(1, width // 2), max(1, height // 2))), dtype=float)
    return nearest_label(np.median(patch.reshape(-1, 3), axis=0))


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
        pixels[top + row * block : top + (row + 1) * block, col * block : (col + 1) * block] = value
    return Image.fromarray(pixels, "RGB")


def decode_frame(image: Image.Image) -> tuple[str, int]:
    """(label, frame index) written by :func:`frame_image`, robust to lossy encoding and resizing."""
    image = image.convert("RGB")
    if image.size != FRAME_SIZE:
        image = image.resize(FRAME_SIZE, Image.Resampling.NEAREST)
    pixels = np.asarray(image, dtype=np.float64)
    height, width = pixels.shape[:2]
    block = width // 8
    top = height - 2 * block
    margin = max(1, block // 4)
    label = nearest_label(pixels[margin : top - margin, margin : width - margin].reshape(-1, 3).mean(axis=0))
    index = 0
    for bit in range(_INDEX_BITS):
        row, col = divmod(bit, 8)
        y, x = top + row * block, col * block
        cell = pixels[y + margin : y + block - margin, x + margin : x + block - margin]
        index = index << 1 | int(cell.mean() > 127)
    return label, index


def write_frames(
    folder: Path,
    label: str,
    indices: Iterable[int],
    name: Callable[[int], str],
    *,
    mode: str = "RGB",
    size: tuple[int, int] = FRAME_SIZE,
) -> list[Path]:
    """A folder of JPEG frames ``name(i)`` for each index ``i`` (``mode="L"`` for grayscale)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in indices:
        path = folder / name(i)
        frame_image(label, i, size).convert(mode).save(path, quality=95)
        paths.append(path)
    return paths


def tone_hz(label: str) -> float:
    """The pitch of a label's sound track: 200 Hz plus 50 Hz per canonical label index."""
    return 200.0 + 50.0 * CANONICAL_LABELS.index(label)


def tone(label: str, seconds: float, rate: int = SOUND_RATE) -> np.ndarray:
    """A label's tone as signed 16-bit samples (mono)."""
    t = np.arange(int(round(seconds * rate))) / rate
    return (0.3 * 32767 * np.sin(2 * np.pi * tone_hz(label) * t)).astype(np.int16)


def label_of_sound(samples: np.ndarray, rate: int) -> str:
    """The label whose tone is loudest in ``samples`` (mono; robust to AAC and resampling)."""
    signal = np.asarray(samples, dtype=np.float64)
    spectrum = np.abs(np.fft.rfft(signal * np.hanning(len(signal))))
    peak = np.fft.rfftfreq(len(signal), 1.0 / rate)[int(np.argmax(spectrum))]
    return min(CANONICAL_LABELS, key=lambda lab: abs(tone_hz(lab) - peak))


def write_video(
    path: Path,
    label: str,
    num_frames: int = 16,
    *,
    fps: int = 25,
    size: tuple[int, int] = FRAME_SIZE,
    codec: str | None = None,
    sound: str | None = None,
) -> Path:
    """A short clip whose frame ``i`` is ``frame_image(label, i)``; container from the suffix.

    ``path`` may lack a proper suffix (eNTERFACE's ``s16_su_3avi``): pass ``codec`` then, and
    the container is chosen from the codec. ``sound`` (a label) adds a sound track as long as the
    video holding that label's tone (:func:`tone_hz`): AAC in mp4, PCM in avi, 48 kHz, as the
    audio-visual releases record it.
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
        audio = None
        if sound is not None:
            audio = container.add_stream("aac" if container_format == "mp4" else "pcm_s16le", rate=SOUND_RATE)
            audio.layout = "mono"
        for i in range(num_frames):
            container.mux(stream.encode(av.VideoFrame.from_image(frame_image(label, i, size))))
        container.mux(stream.encode())
        if audio is not None and sound is not None:
            samples = tone(sound, num_frames / fps)
            for start in range(0, len(samples), 1024):
                chunk = av.AudioFrame.from_ndarray(samples[None, start : start + 1024], format="s16", layout="mono")
                chunk.sample_rate, chunk.pts = SOUND_RATE, start
                container.mux(audio.encode(chunk))
            container.mux(audio.encode())
    return path


def clip_length(n: int) -> int:
    """A deterministic clip length in 12..24 for the n-th clip (varied on purpose)."""
    return 12 + (n * 5) % 13


# --------------------------------------------------------------------------------------
# Whole synthetic datasets (the demo's sample)
# --------------------------------------------------------------------------------------


def synthetic_records(entry: DatasetEntry, media_dir: Path, per_class: int) -> Iterator[dict[str, Any]]:
    """Standard records for ``entry`` whose media are painted in their label's colour."""
    fields = set(field_names(entry.source_key))
    media_dir.mkdir(parents=True, exist_ok=True)
    for n, (label, i) in enumerate((label, i) for label in entry.labels for i in range(per_class)):
        rid = f"synthetic_{label.replace(' ', '_')}_{i}"
        record: dict[str, Any] = {"id": rid, "label": label, "label_original": label}
        for column in ("image", "onset", "apex", "offset"):
            if column in fields:
                record[column] = str(write_image(media_dir / f"{rid}_{column}.png", label, f"{rid}/{column}"))
        if "video" in fields:
            path = write_video(media_dir / f"{rid}.mp4", label, clip_length(n))
            record["video"] = str(path)
        if "text" in fields:
            record["text"] = record["text_en"] = f"(synthetic transcript {rid}) I feel {label} about this."
        if "sentiment" in fields:
            score = float(INTENSITY_LABELS.index(label) - 2) if label in INTENSITY_LABELS else 0.0
            record["sentiment"] = score
            record["polarity"] = score_polarity(score)
        yield record


def write_sample(names: list[str], home: Path, per_class: int) -> list[Path]:
    """Write each dataset's release folder under ``home/datasets`` (its own GER_HOME)."""
    from ger_plugin.data import build  # build imports this module's neighbours; keep the edge lazy

    folders = []
    for name in names:
        entry = parse_host_name(name).entry
        records = list(synthetic_records(entry, home / "media" / entry.source_key, per_class))
        result = build.write_release(
            entry.source_key, {entry.hub_config: {"test": records}}, build.dataset_dir(entry.source_key, home)
        )
        folders.append(result.folder)
    return folders
