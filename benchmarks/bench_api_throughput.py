"""API throughput of the real host loop against a loopback server with a fixed latency.

Runs ``python -m vlmeval --data GER_RAFDB --model M --api-nproc N`` for each model M and each N
against tests/openai_server.py, which answers every request after ``--latency`` seconds. Models,
side by side: ``GPT4o`` (the host's own GPT4V client) and ``GER_OpenAI`` (ours, on the official
``openai`` client; no pre-call sleep). Reports, in one run:

- achieved requests/s over the inference phase (server clock: first request in to last answer
  out, so start-up, media preparation and scoring are excluded) against the ideal N / latency;
- the host's own ceiling N / (latency + 0.25 s): ``BaseAPI.generate`` sleeps a random
  0-0.5 s before every call, so no client setting of GPT4o can reach N / latency (GER_OpenAI
  overrides ``generate`` and does not sleep);
- the peak number of requests in flight the server saw, and the whole command's wall time.

    python benchmarks/bench_api_throughput.py [--samples 80] [--nproc 1 4 16] [--latency 0.2]
                                              [--models GPT4o GER_OpenAI]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from conftest import make_host_venv  # noqa: E402  (tests/ is on the path only from here on)
from ger_fixtures import SPEC, scaled, write_release  # noqa: E402
from openai_server import FakeOpenAI  # noqa: E402

DATASET = "GER_RAFDB"
HOST_PRE_CALL_SLEEP_S = 0.25  # mean of the host's random.random() * 0.5 before each call


def peak_in_flight(requests: list[dict]) -> int:
    events = sorted([(r["t"], 1) for r in requests] + [(r["t_end"], -1) for r in requests])
    level = peak = 0
    for _, step in events:
        level += step
        peak = max(peak, level)
    return peak


def run_once(py: Path, home: Path, work: Path, nproc: int, latency: float, model: str = "GPT4o") -> dict:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and k != "GER_VLMEVAL_PLUGIN"}
    (work / "lmu").mkdir(parents=True)
    with FakeOpenAI(latency_s=latency, max_requests=100_000) as server:
        env.update(
            LMUData=str(work / "lmu"),
            GER_HOME=str(home),
            HF_DATASETS_CACHE=str(work / "hf"),
            HF_HUB_OFFLINE="1",
            OPENAI_API_KEY="sk-bench",
            OPENAI_API_BASE=server.url,
            OPENAI_BASE_URL=server.base,
            GER_OPENAI_MODEL="bench-4o",
            PYTHONWARNINGS="ignore",
        )
        t0 = time.monotonic()
        proc = subprocess.run(
            [
                str(py),
                "-m",
                "vlmeval",
                "--data",
                DATASET,
                "--model",
                model,
                "--api-nproc",
                str(nproc),
                "--retry",
                "1",
                "--work-dir",
                str(work / "out"),
            ],
            env=env,
            cwd=work,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        wall = time.monotonic() - t0
        if proc.returncode != 0:
            raise SystemExit(f"host run failed ({model}, nproc {nproc}):\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        summary = server.summary()
        return {
            "model": model,
            "nproc": nproc,
            "requests": summary["requests"],
            "span": summary["span_s"],
            "wall": wall,
            "peak": peak_in_flight(server.requests),
            "ok": summary["status"].get(200, 0),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=80, help="rounded up to a multiple of 10")
    parser.add_argument("--nproc", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per request at the server")
    parser.add_argument("--models", nargs="+", default=["GPT4o", "GER_OpenAI"], help="host model names to compare")
    args = parser.parse_args(argv)
    copies = -(-args.samples // len(SPEC[DATASET]))
    with tempfile.TemporaryDirectory(prefix="ger-bench-api-") as tmp:
        tmp_path = Path(tmp)
        py = make_host_venv(tmp_path / "venv")
        home = tmp_path / "home"
        write_release(home, DATASET, scaled(DATASET, copies))
        n = copies * len(SPEC[DATASET])
        print(
            f"{DATASET} x{n} samples, server latency {args.latency * 1000:.0f} ms, models {', '.join(args.models)}; "
            f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        )
        print(
            f"{'model':>10} {'nproc':>5} {'requests':>8} {'infer s':>8} {'req/s':>7} {'ideal':>7} {'of ideal':>8} "
            f"{'host cap':>8} {'of cap':>7} {'peak':>5} {'wall s':>7}"
        )
        for model in args.models:
            for nproc in args.nproc:
                r = run_once(py, home, tmp_path / f"{model}-n{nproc}", nproc, args.latency, model)
                if r["ok"] != n:
                    raise SystemExit(f"expected {n} answered requests, the server answered {r['ok']}")
                rate = r["requests"] / r["span"]
                ideal = nproc / args.latency
                cap = nproc / (args.latency + HOST_PRE_CALL_SLEEP_S)
                print(
                    f"{model:>10} {nproc:>5} {r['requests']:>8} {r['span']:>8.2f} {rate:>7.2f} {ideal:>7.2f} "
                    f"{rate / ideal:>8.0%} {cap:>8.2f} {rate / cap:>7.0%} {r['peak']:>5} {r['wall']:>7.1f}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
