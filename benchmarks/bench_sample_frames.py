"""``sample_frames`` side by side with what a user would use instead, in one run.

Every method returns the same frames: the uniform positions of ``sample_positions`` (centres of
``n`` equal segments), as RGB images. The script checks it (mean absolute pixel difference
against ``sample_frames`` below :data:`SAME_PIXELS`) before it prints a ratio.

Methods
    sample_frames     ours: demux once (no decoding) for the exact frame count and keyframes,
                      seek to the keyframe before each wanted frame, decode forward, skip
                      non-reference frames, convert only the wanted ones.
    decord            ``decord.VideoReader(path).get_batch(positions)``: the host's own frame
                      path (VLMEvalKit's video datasets decode with decord).
    pyav-pick         PyAV decoding every frame in order up to the last wanted one and converting
                      only the wanted ones to RGB (what a careful user writes in ten lines).
    torchcodec        ``torchcodec.decoders.VideoDecoder(path).get_frames_at(positions)``
                      (exact seek mode), where it installs (it needs FFmpeg's shared libraries).
    torchvision       ``torchvision.io.read_video`` where the installed torchvision still has it
                      (removed in 0.22+; then reported as unavailable).
    decode-all-rgb    the old baseline: every frame converted to an RGB array, then picked. Shown
                      so the previous README figures can be read against the fair ones.

Each measurement runs in a forked child, so its peak RSS (minus the RSS it started with) is its
own; every library is imported in the parent first. CPU time counts all threads of the child
(decord and torchcodec decode on several). Medians over ``--repeats`` runs.

    python benchmarks/bench_sample_frames.py [--workdir DIR] [--repeats N]

Clips (generated once with PyAV, libx264, 640x480, 30 fps, seeded drifting texture):
  5 s   x264's default keyframe interval (one keyframe in the whole clip)
  60 s  a keyframe every 2 s (keyint=min-keyint=60, no scene cuts)
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ger_plugin.data import video

WIDTH, HEIGHT, FPS = 640, 480, 30
#: Largest mean absolute pixel difference (0-255) that still counts as the same frame: decoders
#: differ in YUV->RGB rounding by ~1; a neighbouring frame of the drifting texture differs by > 8.
SAME_PIXELS = 3.0


def make_texture() -> np.ndarray:
    """A seeded smooth texture twice the frame size (noise upscaled 8x, like natural images)."""
    from PIL import Image

    rng = np.random.default_rng(0)
    small = rng.integers(0, 256, (HEIGHT // 4, WIDTH // 4, 3), dtype=np.uint8)
    return np.asarray(Image.fromarray(small).resize((WIDTH * 2, HEIGHT * 2), Image.BICUBIC))


def make_clip(path: Path, seconds: int, keyint: int | None) -> Path:
    """H.264 clip of a texture drifting diagonally, with a moving bright square."""
    import av

    if path.exists():
        return path
    texture = make_texture()
    partial = path.with_suffix(".part.mp4")
    with av.open(str(partial), "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        params = "crf=23"
        if keyint:
            params += f":keyint={keyint}:min-keyint={keyint}:scenecut=0"
        stream.options = {"preset": "veryfast", "x264-params": params}
        for i in range(seconds * FPS):
            y, x = (2 * i) % HEIGHT, (3 * i) % WIDTH
            img = texture[y : y + HEIGHT, x : x + WIDTH].copy()
            s = (5 * i) % (WIDTH - 64)
            img[100:164, s : s + 64] = 255
            for packet in stream.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    partial.rename(path)
    return path


# ---- the methods: path, n -> list of RGB uint8 arrays -----------------------------------------


def ours(path: Path, n: int) -> list[np.ndarray]:
    return [np.asarray(im) for im in video.sample_frames(path, n)]


def decord_batch(path: Path, n: int) -> list[np.ndarray]:
    import decord

    reader = decord.VideoReader(str(path), ctx=decord.cpu(0))
    batch = reader.get_batch(video.sample_positions(len(reader), n)).asnumpy()
    return list(batch)


def pyav_pick(path: Path, n: int) -> list[np.ndarray]:
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        positions = video.sample_positions(stream.frames, n)  # the header's count (mp4 has one)
        wanted = set(positions)
        picked: dict[int, np.ndarray] = {}
        for i, frame in enumerate(container.decode(stream)):
            if i in wanted:
                picked[i] = frame.to_ndarray(format="rgb24")
            if i >= positions[-1]:
                break
    return [picked[i] for i in positions]


def torchcodec_at(path: Path, n: int) -> list[np.ndarray]:
    from torchcodec.decoders import VideoDecoder

    decoder = VideoDecoder(str(path), seek_mode="exact")
    batch = decoder.get_frames_at(video.sample_positions(len(decoder), n)).data  # N, C, H, W
    return list(batch.permute(0, 2, 3, 1).numpy())


def torchvision_read(path: Path, n: int) -> list[np.ndarray]:
    from torchvision.io import read_video  # type: ignore[attr-defined]

    frames, _, _ = read_video(str(path), pts_unit="sec", output_format="THWC")
    return [frames[i].numpy() for i in video.sample_positions(len(frames), n)]


def decode_all_rgb(path: Path, n: int) -> list[np.ndarray]:
    import av

    with av.open(str(path)) as container:
        frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]
    return [frames[i] for i in video.sample_positions(len(frames), n)]


METHODS: dict[str, Callable[[Path, int], list[np.ndarray]]] = {
    "sample_frames": ours,
    "decord": decord_batch,
    "pyav-pick": pyav_pick,
    "torchcodec": torchcodec_at,
    "torchvision": torchvision_read,
    "decode-all-rgb": decode_all_rgb,
}


def available(method: str, clip: Path) -> str | None:
    """``None`` if ``method`` runs here, else why not (one line)."""
    try:
        METHODS[method](clip, 1)
    except Exception as exc:  # noqa: BLE001  (an optional library missing or unusable: say which and why)
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:90] if str(exc) else ''}"
    return None


def _rss_kib() -> int:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))


def _child(method: str, path: str, num_frames: int, queue) -> None:  # type: ignore[no-untyped-def]
    start_rss = _rss_kib()
    t0, c0 = time.perf_counter(), time.process_time()
    frames = METHODS[method](Path(path), num_frames)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    queue.put((wall, cpu, max(0, peak - start_rss) / 1024, [np.asarray(f, dtype=np.uint8) for f in frames]))


def measure(method: str, path: Path, num_frames: int, repeats: int):  # type: ignore[no-untyped-def]
    ctx = mp.get_context("fork")
    walls, cpus, peaks, frames = [], [], [], None
    for _ in range(repeats):
        queue = ctx.Queue()
        proc = ctx.Process(target=_child, args=(method, str(path), num_frames, queue))
        proc.start()
        wall, cpu, peak, frames = queue.get()
        proc.join()
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
    return statistics.median(walls), statistics.median(cpus), max(peaks), frames


def difference(a: list[np.ndarray], b: list[np.ndarray]) -> float:
    """Largest per-frame mean absolute pixel difference between two frame lists."""
    if len(a) != len(b):
        return float("inf")
    return max(float(np.abs(x.astype(np.int16) - y.astype(np.int16)).mean()) for x, y in zip(a, b))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/ger-bench-clips"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--frames", type=int, nargs="+", default=[3, 16])
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    clips = {
        "5 s": make_clip(args.workdir / "clip_5s_smooth.mp4", 5, None),
        "60 s, key/2 s": make_clip(args.workdir / "clip_60s_k60_smooth.mp4", 60, 60),
    }
    probe_clip = next(iter(clips.values()))
    methods = []
    for method in METHODS:  # imports happen here, in the parent, so children start with them loaded
        why = available(method, probe_clip)
        if why:
            print(f"{method}: not measured ({why})")
        else:
            methods.append(method)
    print(
        f"\n{'clip':14} {'n':>3} {'method':>15} {'CPU s':>7} {'wall s':>7} {'peak MiB':>9} "
        f"{'ours faster (CPU)':>17} {'(wall)':>7} {'same frames':>11}"
    )
    for label, path in clips.items():
        for n in args.frames:
            results = {m: measure(m, path, n, args.repeats) for m in methods}
            wall0, cpu0, _, frames0 = results["sample_frames"]
            for method, (wall, cpu, peak, frames) in results.items():
                diff = difference(frames0, frames)
                same = "yes" if diff <= SAME_PIXELS else f"NO ({diff:.1f})"
                ratio = "" if method == "sample_frames" else f"{cpu / cpu0:>16.2f}x {wall / wall0:>6.2f}x"
                print(f"{label:14} {n:>3} {method:>15} {cpu:>7.3f} {wall:>7.3f} {peak:>9.1f} {ratio:>25} {same:>11}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
