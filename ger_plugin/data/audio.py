"""Sound tracks: the one home for audio decoding (PyAV).

``decode_track(path)`` decodes a clip's first audio stream (or an audio file) to 16 kHz mono
signed 16-bit PCM, the rate every speech model of the host expects (Qwen2-Audio, Qwen2.5-Omni,
Whisper front ends), and ``wav_bytes`` wraps it as a WAV file for the ``datasets.Audio`` column
(``{"bytes": <wav>, "path": "<id>.wav"}``). ``has_audio(path)`` says whether a clip has sound.

``av`` is imported inside functions so ``import ger_plugin`` stays cheap.
"""

from __future__ import annotations

import io
import wave
from pathlib import Path

from ger_plugin.errors import DataError

#: Sample rate of every stored sound track.
SAMPLE_RATE = 16_000


def has_audio(path: str | Path) -> bool:
    """Whether the file has at least one audio stream (False for RAVDESS' video-only clips)."""
    import av

    try:
        with av.open(str(path)) as container:
            return bool(container.streams.audio)
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise DataError(f"cannot open media ({exc.__class__.__name__}: {exc})", path=path) from None


def decode_track(path: str | Path, rate: int = SAMPLE_RATE) -> bytes:
    """The first audio stream of ``path`` as mono signed 16-bit little-endian PCM at ``rate`` Hz.

    A file without sound, or whose sound does not decode, is a :class:`DataError` naming it.
    """
    import av

    path = Path(path)
    try:
        container = av.open(str(path))
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise DataError(f"cannot open media ({exc.__class__.__name__}: {exc})", path=path) from None
    try:
        if not container.streams.audio:
            raise DataError("file has no audio stream", path=path)
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)
        chunks: list[bytes] = []
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunks.append(bytes(out.planes[0])[: out.samples * 2])
            for out in resampler.resample(None):  # flush the resampler's tail
                chunks.append(bytes(out.planes[0])[: out.samples * 2])
        except av.FFmpegError as exc:
            raise DataError(f"corrupt audio ({exc})", path=path) from None
    finally:
        container.close()
    pcm = b"".join(chunks)
    if not pcm:
        raise DataError("audio stream has no samples", path=path)
    return pcm


def wav_bytes(pcm: bytes, rate: int = SAMPLE_RATE) -> bytes:
    """A mono 16-bit WAV file holding ``pcm``."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)
    return buffer.getvalue()


def track_wav(path: str | Path, rate: int = SAMPLE_RATE) -> bytes:
    """``path``'s sound as a 16 kHz mono WAV file (what the ``audio`` column stores)."""
    return wav_bytes(decode_track(path, rate), rate)
