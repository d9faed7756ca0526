"""Video and frame-folder I/O: uniform frame sampling that decodes only the frames it needs.

Positions
    ``sample_frames(path, n)`` returns the frames at indices ``floor((k + 0.5) * N / n)`` for
    ``k = 0..n-1`` where ``N`` is the clip's frame count: the centre of each of ``n`` equal
    segments. A clip shorter than ``n`` frames still yields ``n`` images (indices repeat).

How
    The container is demuxed once (packets only, no decoding) to learn every frame's
    presentation timestamp and where the keyframes are; this also gives an exact frame count
    for containers whose header has none (webm, flv, some avi). For each wanted frame we seek
    to the keyframe at or before it and decode forward to it; when the next wanted frame lies
    in the same group of pictures we keep decoding instead of seeking again. Frames before a
    wanted one that no other frame references are skipped by the decoder. Only the wanted
    frames are converted to images, so memory does not grow with the clip's length.

``av`` and ``PIL`` are imported inside functions so ``import ger_plugin`` stays cheap.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ger_plugin.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image

#: Image files accepted inside a frame folder.
FRAME_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp")

#: Nominal frame rate of a frame folder, which carries no timing of its own (readers may override).
FOLDER_FPS = 30.0


def sample_positions(total: int, num_frames: int) -> list[int]:
    """Indices of ``num_frames`` uniform samples of ``total`` frames: centres of equal segments."""
    if num_frames < 1:
        raise ValueError(f"num_frames must be >= 1, got {num_frames}")
    if total < 1:
        raise ValueError("a clip needs at least one frame")
    return [min(total - 1, int((k + 0.5) * total / num_frames)) for k in range(num_frames)]


def _natural_key(name: str) -> list[object]:
    # "frame10.jpg" sorts after "frame9.jpg": digit runs compare as numbers
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


def frame_files(folder: str | Path) -> list[Path]:
    """Image files of a frame folder in numeric-aware order; an empty folder is a DataError."""
    folder = Path(folder)
    files = sorted(
        (p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in FRAME_SUFFIXES),
        key=lambda p: _natural_key(p.name),
    )
    if not files:
        raise DataError(f"frame folder has no image files ({', '.join(FRAME_SUFFIXES)})", path=folder)
    return files


# --------------------------------------------------------------------------------------
# Video files
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Index:
    """Presentation timestamps of every video frame, sorted, and the keyframes among them."""

    pts: list[int]
    keyframes: list[int]
    fps: float
    duration: float

    def nearest_keyframe(self, pts: int) -> int:
        after = bisect.bisect_left(self.keyframes, pts)
        candidates = self.keyframes[max(after - 1, 0) : after + 1]
        return min(candidates, key=lambda k: (abs(k - pts), k))

    def keyframe_before(self, pts: int) -> int:
        i = bisect.bisect_right(self.keyframes, pts) - 1
        return self.keyframes[max(i, 0)]


def _open(path: Path):
    import av

    if not path.is_file():
        raise DataError("video file not found", path=path)
    if path.stat().st_size == 0:
        raise DataError("video file is empty", path=path)
    try:
        container = av.open(str(path))
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise DataError(f"cannot open video ({exc.__class__.__name__}: {exc})", path=path) from None
    if not container.streams.video:
        container.close()
        raise DataError("file has no video stream", path=path)
    return container


def _index(container, path: Path) -> _Index:
    """Demux every packet once (no decoding): exact count, presentation order, keyframes."""
    import av

    stream = container.streams.video[0]
    pts: list[int] = []
    keys: list[int] = []
    try:
        for packet in container.demux(stream):
            if packet.size == 0:  # the flush packet at the end of the stream
                continue
            stamp = packet.pts if packet.pts is not None else packet.dts
            if stamp is None:
                raise DataError("video packets carry no timestamps", path=path)
            pts.append(stamp)
            if packet.is_keyframe:
                keys.append(stamp)
    except av.FFmpegError as exc:
        if not pts:
            raise DataError(f"corrupt video ({exc})", path=path) from None
        # a truncated tail: keep the frames that are there (decoding will confirm them)
    if not pts:
        raise DataError("video has no frames", path=path)
    # the header's own count (or the video stream's duration) unmasks a truncated file
    # (the container's duration only when the video is its one stream: audio may run longer)
    seconds = (
        stream.duration * float(stream.time_base)
        if stream.duration
        else container.duration / 1_000_000
        if container.duration and len(container.streams) == 1
        else 0
    )
    expected = stream.frames or (round(seconds * float(stream.average_rate)) if stream.average_rate else 0)
    if expected and len(pts) < expected - max(2, expected // 50):
        raise DataError(f"truncated video: {len(pts)} of {expected} frames present", path=path)
    pts.sort()  # B-frames arrive in decode order; presentation order is pts order
    keys.sort()
    if not keys or keys[0] > pts[0]:
        keys.insert(0, pts[0])  # some muxers flag no keyframe; the first frame must be decodable
    time_base = float(stream.time_base)
    rate = stream.average_rate or stream.guessed_rate
    if stream.duration:
        duration = stream.duration * time_base
    elif container.duration:
        duration = container.duration / 1_000_000
    else:
        duration = 0.0
    if rate:
        fps = float(rate)
    elif len(pts) > 1:
        fps = (len(pts) - 1) / ((pts[-1] - pts[0]) * time_base)
    else:
        fps = 0.0
    if duration <= 0 and fps > 0:
        duration = len(pts) / fps
    return _Index(pts, keys, fps, duration)


def probe(path: str | Path, *, folder_fps: float = FOLDER_FPS) -> tuple[float, int, float]:
    """``(fps, num_frames, duration in seconds)`` of a video file or a frame folder.

    The frame count comes from the packets, not the header, so it is exact for containers that
    store none. A frame folder has no timing: ``folder_fps`` is assumed.
    """
    path = Path(path)
    if path.is_dir():
        n = len(frame_files(path))
        return folder_fps, n, n / folder_fps
    container = _open(path)
    try:
        index = _index(container, path)
    finally:
        container.close()
    return index.fps, len(index.pts), index.duration


def _frames_from(container, stream, start: int, wanted: set[int], path: Path) -> Iterator:
    """Seek to keyframe ``start`` and yield decoded frames in presentation order.

    Packets that are neither wanted nor referenced by later frames are skipped by the decoder
    (``skip_frame = NONREF``) while wanted ones are decoded in full.
    """
    import av

    ctx = stream.codec_context
    try:
        container.seek(start, stream=stream, backward=True, any_frame=False)
        for packet in container.demux(stream):
            if packet.size and packet.pts is not None:
                ctx.skip_frame = "DEFAULT" if packet.pts in wanted else "NONREF"
            yield from packet.decode()
    except av.FFmpegError as exc:
        raise DataError(f"corrupt or truncated video ({exc})", path=path) from None
    finally:
        ctx.skip_frame = "DEFAULT"


def _sample_video(path: Path, num_frames: int, keyframes_only: bool = False) -> list[Image.Image]:
    container = _open(path)
    try:
        index = _index(container, path)
        targets = [index.pts[i] for i in sample_positions(len(index.pts), num_frames)]
        if keyframes_only:
            targets = [index.nearest_keyframe(t) for t in targets]
        wanted = set(targets)
        stream = container.streams.video[0]
        found: dict[int, Image.Image] = {}
        frames = None
        position: int | None = None  # pts of the last decoded frame of the running decode
        for target in sorted(wanted):
            keyframe = index.keyframe_before(target)
            # keep decoding when the target's keyframe is behind us; seek only to jump ahead
            if frames is None or position is None or keyframe > position or target <= position:
                frames = _frames_from(container, stream, keyframe, wanted, path)
                position = None
            last = None
            for frame in frames:
                stamp = frame.pts if frame.pts is not None else position
                position = stamp
                if stamp is not None and stamp >= target:
                    found[target] = frame.to_image()
                    break
                last = frame
            else:
                frames = None
                if last is None or _gap(index, last.pts, target) > 2:
                    raise DataError(
                        f"truncated video: frame at pts {target} of {len(index.pts)} could not be decoded", path=path
                    )
                found[target] = last.to_image()  # a frame or two lost at the very end
        return [found[t] if i == 0 or targets[i - 1] != t else found[t].copy() for i, t in enumerate(targets)]
    finally:
        container.close()


def _gap(index: _Index, pts: int | None, target: int) -> int:
    if pts is None:
        return len(index.pts)
    return bisect.bisect_left(index.pts, target) - bisect.bisect_left(index.pts, pts)


def _sample_folder(folder: Path, num_frames: int) -> list[Image.Image]:
    from PIL import Image, UnidentifiedImageError

    files = frame_files(folder)
    images: dict[int, Image.Image] = {}
    out = []
    for i in sample_positions(len(files), num_frames):
        if i not in images:
            try:
                with Image.open(files[i]) as im:
                    images[i] = im.convert("RGB")
            except (OSError, UnidentifiedImageError) as exc:
                raise DataError(f"unreadable frame image ({exc})", path=files[i]) from None
        out.append(images[i])
    return out


def sample_frames(path: str | Path, num_frames: int, *, keyframes_only: bool = False) -> list[Image.Image]:
    """``num_frames`` RGB frames uniformly sampled from a video file or a folder of frame images.

    See the module docstring for the positions. ``keyframes_only`` trades exactness for speed on
    long clips: each position moves to its nearest keyframe, so only keyframes are decoded (the
    frames are then not exactly uniform; stored datasets never use it). A corrupt, truncated or
    empty clip raises :class:`DataError` naming the file.
    """
    path = Path(path)
    if num_frames < 1:
        raise ValueError(f"num_frames must be >= 1, got {num_frames}")
    if path.is_dir():
        return _sample_folder(path, num_frames)
    return _sample_video(path, num_frames, keyframes_only)


def encode_jpeg(image: Image.Image, quality: int = 90) -> bytes:
    """JPEG bytes of an image (stored frames are JPEG to keep the parquet shards small)."""
    import io

    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()
