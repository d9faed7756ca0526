"""``ger prepare`` throughput (clips/s) on generated clips with --num-proc 1 and 2.

A tiny in-script reader (our own ``ger_plugin.data.sources.reader`` seam) lists the generated clips as
a RAVDESS-shaped video release, so the run measures build's own work: probing, sampling and
JPEG-encoding 16 frames per clip, embedding the clip bytes and writing parquet.

    python benchmarks/bench_prepare.py [--clips 24] [--seconds 3] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sys
import tempfile
import time
import types
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_sample_frames import make_clip  # noqa: E402

from ger_plugin import (
    catalog,  # noqa: E402
    commands,
)
from ger_plugin.data import sources

SOURCE = "ravdess"


def clip_reader(clips: list[Path]) -> types.SimpleNamespace:
    labels = catalog.by_source(SOURCE)[0].labels

    def read(raw_dir, *, config="default", split="test"):
        for n, clip in enumerate(clips):
            yield {"id": clip.stem, "label": labels[n % len(labels)], "label_original": str(n), "video": str(clip)}

    return types.SimpleNamespace(CONFIGS=("default",), read=read, extra_features=lambda: {})


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clips", type=int, default=24)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/ger-bench-prepare"))
    args = parser.parse_args(argv)
    raw = args.workdir / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    first = make_clip(raw / "clip_000.mp4", args.seconds, None)
    clips = [first] + [raw / f"clip_{i:03d}.mp4" for i in range(1, args.clips)]
    for clip in clips[1:]:  # the same content under many names: decoding cost is what matters
        if not clip.exists():
            shutil.copyfile(first, clip)
    sources.reader = lambda key, _reader=clip_reader(clips): _reader  # the benchmark's own release
    print(f"{args.clips} clips of {args.seconds} s, 640x480, 30 fps H.264")
    print(f"{'--num-proc':>10} {'seconds':>8} {'clips/s':>8}")
    for num_proc in (1, 2):
        quiet = contextlib.redirect_stdout(io.StringIO())  # ger's own summary line
        with tempfile.TemporaryDirectory() as out, warnings.catch_warnings(), quiet:
            warnings.simplefilter("ignore")
            t0 = time.perf_counter()
            code = commands.main(
                ["prepare", SOURCE, "--raw", str(raw), "--out-dir", str(Path(out) / "ds"), "--num-proc", str(num_proc)]
            )
            seconds = time.perf_counter() - t0
        if code:
            return code
        print(f"{num_proc:>10} {seconds:>8.2f} {args.clips / seconds:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
