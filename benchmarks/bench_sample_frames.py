"""sample_frames (seek + decode forward) against decoding every frame and then picking.

The reference is the paper's approach: decode the whole clip into an array per frame, then pick
the uniformly spaced ones. Both pick the same positions (``video.sample_positions``) and the
script checks they return the same pixels. Each measurement runs in a forked child so its peak
RSS (minus the RSS it started with) is its own. Speed-ups are given on CPU time (robust on a
shared machine) and on wall time, medians over ``--repeats`` runs.

    python benchmarks/bench_sample_frames.py [--workdir DIR] [--repeats N]

``keyframes-only`` is sample_frames' opt-in approximation (positions moved to the nearest
keyframe), shown for comparison; it does not return the same frames.

Clips (generated once with PyAV, libx264, 640x480, 30 fps, seeded moving texture):
  5 s   x264's default keyframe interval (250 frames: one keyframe in the whole clip)
  60 s  a keyframe every 2 s (keyint=min-keyint=60, no scene cuts)
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ger_plugin.data import video  # noqa: E402

WIDTH, HEIGHT, FPS = 640, 480, 30


def make_texture(kind: str) -> np.ndarray:
    """A seeded texture twice the frame size: ``smooth`` (noise upscaled 8x, like natural images)
    or ``noise`` (white noise: the worst case for intra coding, keyframes become very costly)."""
    from PIL import Image

    rng = np.random.default_rng(0)
    if kind == "noise":
        return rng.integers(0, 256, (HEIGHT * 2, WIDTH * 2, 3), dtype=np.uint8)
    small = rng.integers(0, 256, (HEIGHT // 4, WIDTH // 4, 3), dtype=np.uint8)
    return np.asarray(Image.fromarray(small).resize((WIDTH * 2, HEIGHT * 2), Image.BICUBIC))


def make_clip(path: Path, seconds: int, keyint: int | None, texture: str = "smooth") -> Path:
    """H.264 clip of a seeded texture drifting diagonally, with a moving bright square."""
    import av

    if path.exists():
        return path
    texture = make_texture(texture)
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
            img = texture[y:y + HEIGHT, x:x + WIDTH].copy()
            s = (5 * i) % (WIDTH - 64)
            img[100:164, s:s + 64] = 255
            for packet in stream.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    partial.rename(path)
    return path


def reference_sample(path: Path, num_frames: int):
    """Decode every frame to an array, then pick the uniform positions (the paper's approach)."""
    import av
    from PIL import Image

    with av.open(str(path)) as container:
        frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]
    return [Image.fromarray(frames[i]) for i in video.sample_positions(len(frames), num_frames)]


def keyframes_only(path: Path, num_frames: int):
    """The opt-in approximation: each position moved to its nearest keyframe (not exact)."""
    return video.sample_frames(path, num_frames, keyframes_only=True)


METHODS = {"sample_frames": video.sample_frames, "keyframes-only": keyframes_only, "decode-all": reference_sample}


def _rss_kib() -> int:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))


def _child(method: str, path: str, num_frames: int, queue) -> None:
    start_rss = _rss_kib()
    t0, c0 = time.perf_counter(), time.process_time()
    images = METHODS[method](Path(path), num_frames)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    checksum = [np.asarray(im, dtype=np.float32).mean() for im in images]
    queue.put((wall, cpu, max(0, peak - start_rss) / 1024, checksum))


def measure(method: str, path: Path, num_frames: int, repeats: int):
    ctx = mp.get_context("fork")
    walls, cpus, peaks, checksum = [], [], [], None
    for _ in range(repeats):
        queue = ctx.Queue()
        proc = ctx.Process(target=_child, args=(method, str(path), num_frames, queue))
        proc.start()
        wall, cpu, peak, checksum = queue.get()
        proc.join()
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
    return statistics.median(walls), statistics.median(cpus), max(peaks), checksum


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/ger-bench-clips"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--texture", choices=("smooth", "noise"), default="smooth")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    clips = {
        "5 s, default keyint": make_clip(args.workdir / f"clip_5s_{args.texture}.mp4", 5, None, args.texture),
        "60 s, keyframe every 2 s": make_clip(args.workdir / f"clip_60s_k60_{args.texture}.mp4", 60, 60, args.texture),
    }
    print(f"texture: {args.texture}")
    print(f"{'clip':26} {'frames':>6} {'method':>14} {'wall s':>7} {'CPU s':>7} {'peak MiB':>9} "
          f"{'speed-up (CPU)':>14} {'(wall)':>7}")
    for label, path in clips.items():
        for n in (3, 16):
            ref = measure("decode-all", path, n, args.repeats)
            rows = [("decode-all", ref)]
            for method in ("sample_frames", "keyframes-only"):
                rows.append((method, measure(method, path, n, args.repeats)))
            if not np.allclose(ref[3], rows[1][1][3], atol=0.5):
                raise SystemExit(f"{label}, {n} frames: sample_frames and decode-all returned different frames")
            for method, (wall, cpu, peak, _) in rows:
                ratio = "" if method == "decode-all" else f"{ref[1] / cpu:>13.1f}x {ref[0] / wall:>6.1f}x"
                print(f"{label:26} {n:>6} {method:>14} {wall:>7.3f} {cpu:>7.3f} {peak:>9.1f} {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
