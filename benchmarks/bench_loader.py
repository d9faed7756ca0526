"""Getting a prepared image dataset into VLMEvalKit: our loader vs the host's TSV-with-base64 route.

Both routes serve the same N generated 224x224 JPEGs (``ger_plugin.data.synthetic.write_image``) with
the same prompt text, through the host's real classes:

``ger``   ``GERImageDataset("GER_RAFDB")`` on a ``ger prepare``-built folder: ``load_ger_dataset``
          (parquet -> Arrow cache), ``media.materialize`` writes each image once (the stored JPEG
          bytes, no re-encode), then ``build_prompt`` per row.
``host``  a ``<LMUData>/<name>.tsv`` with base64 images, as VLMEvalKit datasets ship, loaded by an
          ``ImageBaseDataset`` subclass that only adds ``evaluate``: ``vlmeval.smp.load`` reads the
          TSV, ``__init__`` builds its image map, ``build_prompt`` -> ``dump_image`` decodes each
          base64 image and saves it as PNG on first use.

Each (route, N, phase) runs in a fresh child process: ``cold`` = empty media folder and no Arrow
cache (first run), ``warm`` = the same again (files from the cold run reused). Time to first
prompt = dataset construction + the first ``build_prompt``; total = every ``build_prompt``.
Memory = peak RSS of the child minus its RSS after the imports (includes Arrow/pandas buffers,
which tracemalloc would miss). Building the folder and writing the TSV are setup, not timed.
Each figure is the best of ``--repeats`` runs (the machine may be shared; the best run is the
least disturbed one), cold and warm phases interleaved per repeat.

    PYTHONPATH=. python benchmarks/bench_loader.py [--sizes 500 2000] [--repeats 3] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import resource
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NAME = "GER_RAFDB"
SOURCE = "rafdb"
HOST_NAME = "BENCH_TSV"
SIZE = (224, 224)


# --------------------------------------------------------------------------------------
# Setup (parent): images, the GER folder, the host TSV
# --------------------------------------------------------------------------------------


def make_images(folder: Path, n: int) -> list[tuple[str, str, Path]]:
    """(id, label, path) of ``n`` JPEGs, written once and reused across sizes."""
    from ger_plugin import catalog
    from ger_plugin.data import synthetic

    labels = catalog.get(NAME).labels
    out = []
    for i in range(n):
        sid, label = f"img_{i:05d}", labels[i % len(labels)]
        path = folder / f"{sid}.jpg"
        if not path.exists():
            synthetic.write_image(path, label, sid, size=SIZE)
        out.append((sid, label, path))
    return out


def setup(workdir: Path, n: int, images: list[tuple[str, str, Path]]) -> Path:
    """``workdir/n<N>/`` with ``home/datasets/GER_RAFDB`` (ours) and ``tsv/BENCH_TSV.tsv`` (host's)."""
    import contextlib
    import io

    import pandas as pd

    from ger_plugin import catalog
    from ger_plugin.core import prompts
    from ger_plugin.data import build

    base = workdir / f"n{n}"
    folder = build.dataset_dir(SOURCE, base / "home")
    tsv = base / "tsv" / f"{HOST_NAME}.tsv"
    if folder.is_dir() and tsv.is_file():
        return base
    entry = catalog.get(NAME)
    records = [{"id": sid, "label": label, "label_original": label, "image": str(path)} for sid, label, path in images]
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        build.write_release(SOURCE, {"default": {"test": records}}, folder)
    question = prompts.render_prompt(entry, sample={"frames": 0, "text": ""})
    tsv.parent.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(
        {
            "index": range(n),
            "image": [base64.b64encode(path.read_bytes()).decode() for _, _, path in images],
            "question": question,
            "answer": [label for _, label, _ in images],
        }
    ).to_csv(tsv, sep="\t", index=False)
    return base


# --------------------------------------------------------------------------------------
# One measurement (child process)
# --------------------------------------------------------------------------------------


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def child(route: str, base: Path) -> dict:
    os.environ["GER_HOME"] = str(base / "home")
    os.environ["LMUData"] = str(base / f"lmu-{route}")
    (base / f"lmu-{route}").mkdir(exist_ok=True)
    if route == "host":
        shutil.copyfile(base / "tsv" / f"{HOST_NAME}.tsv", base / f"lmu-{route}" / f"{HOST_NAME}.tsv")
    import datasets  # noqa: F401  (imports are not what we time)
    from vlmeval.dataset.image_base import ImageBaseDataset

    from ger_plugin.host.adapters import GERImageDataset

    class HostTSV(ImageBaseDataset):  # the host's stock route; evaluate is the only abstract method
        def evaluate(self, eval_file, **judge_kwargs):
            raise NotImplementedError

    datasets.disable_progress_bars()
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    dataset = GERImageDataset(NAME) if route == "ger" else HostTSV(HOST_NAME)
    first = dataset.build_prompt(0)
    t_first = time.perf_counter() - t0
    images = sum(1 for m in first if m["type"] == "image")
    for i in range(1, len(dataset)):
        images += sum(1 for m in dataset.build_prompt(i) if m["type"] == "image")
    total = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"first_s": t_first, "total_s": total, "peak_mb": peak - rss0, "rows": len(dataset), "images": images}


def measure(route: str, base: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", route, str(base)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    if out.returncode:
        raise SystemExit(f"child {route} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def reset(base: Path) -> None:
    """Cold start: no materialized media, no Arrow cache, no decoded host images."""
    for path in (base / "lmu-ger", base / "lmu-host", base / "home" / "cache"):
        shutil.rmtree(path, ignore_errors=True)


# --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/ger-bench-loader"))
    parser.add_argument("--child", nargs=2, metavar=("ROUTE", "BASE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return 0

    images = make_images(args.workdir / "images", max(args.sizes))
    jpeg_kb = sum(p.stat().st_size for _, _, p in images) / len(images) / 1024
    print(
        f"{SIZE[0]}x{SIZE[1]} JPEG images (mean {jpeg_kb:.1f} KB), {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )
    print(
        f"{'N':>6} {'phase':>5} {'route':>5} {'first prompt s':>14} {'total s':>8} {'ms/sample':>9} "
        f"{'peak MB':>8}   host/ger: first  total  memory"
    )
    results: dict[tuple[int, str], dict[str, dict]] = {}
    for n in args.sizes:
        base = setup(args.workdir, n, images[:n])
        runs: dict[str, dict[str, list[dict]]] = {"cold": {"ger": [], "host": []}, "warm": {"ger": [], "host": []}}
        for _ in range(args.repeats):
            reset(base)
            for phase in ("cold", "warm"):
                for route in ("ger", "host"):
                    runs[phase][route].append(measure(route, base))
        for phase in ("cold", "warm"):
            got = {
                route: {
                    key: min(r[key] for r in runs[phase][route])
                    if key.endswith(("_s", "_mb"))
                    else runs[phase][route][0][key]
                    for key in runs[phase][route][0]
                }
                for route in ("ger", "host")
            }
            results[(n, phase)] = got
            for route in ("ger", "host"):
                r = got[route]
                assert r["rows"] == n and r["images"] == n, r
                ratios = ""
                if route == "host":
                    g = got["ger"]
                    ratios = (
                        f"   {r['first_s'] / g['first_s']:>14.2f} {r['total_s'] / g['total_s']:>6.2f} "
                        f"{r['peak_mb'] / max(g['peak_mb'], 1e-9):>7.2f}"
                    )
                print(
                    f"{n:>6} {phase:>5} {route:>5} {r['first_s']:>14.3f} {r['total_s']:>8.3f} "
                    f"{r['total_s'] / n * 1000:>9.3f} {r['peak_mb']:>8.1f}{ratios}"
                )
    if len(args.sizes) >= 2:
        small, large = min(args.sizes), max(args.sizes)
        print(f"\ngrowth {small} -> {large} samples (x{large / small:g}); per-sample time ratio, 1.0 = linear:")
        for phase in ("cold", "warm"):
            for route in ("ger", "host"):
                a, b = results[(small, phase)][route], results[(large, phase)][route]
                print(
                    f"  {phase:>4} {route:>4}: total x{b['total_s'] / a['total_s']:.2f} "
                    f"(per sample x{(b['total_s'] / large) / (a['total_s'] / small):.2f}), "
                    f"peak memory x{b['peak_mb'] / max(a['peak_mb'], 1e-9):.2f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
