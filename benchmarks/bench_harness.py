"""Harness overhead per sample, model excluded: prompt build + answer parsing + scoring.

For N samples of one dataset (default GER_RAFDB): ``prompts.render_prompt`` once per sample (as
the adapter builds each row), ``parsing.parse_answer`` on a realistic model answer per sample
(the generator of ``bench_parsing.py``: GPT-4V lists and records, GPT-4o markdown, Qwen-VL
Chinese, LLaVA prose, refusals), then one ``scoring.score_ger`` over the N answers, with the
default ``n_boot=1000`` bootstrap and with ``n_boot=0``. Gold is the answer's stated label 70% of
the time, another label otherwise (seeded).

    PYTHONPATH=. python benchmarks/bench_harness.py [--sizes 1000 10000] [--repeat 3] [--dataset GER_RAFDB]

Prints CPU microseconds per sample for each stage (best of ``--repeat`` rounds, sizes
interleaved), the total against the 1 ms target, and the large/small per-sample ratio (about
1.0 means total time grows linearly).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_parsing import _answer  # noqa: E402

from ger_plugin import catalog  # noqa: E402
from ger_plugin.core import prompts
from ger_plugin.core.parsing import parse_answer  # noqa: E402
from ger_plugin.core.scoring import score_ger  # noqa: E402

TARGET_US = 1000.0


def make_run(entry: catalog.DatasetEntry, n: int, seed: int = 0) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(gold by id, [(id, answer text)]) for ``n`` samples."""
    rng = random.Random(seed)
    gold, answers = {}, []
    for i in range(n):
        sid = f"s{i:06d}"
        text, top = _answer(rng, entry.labels)
        gold[sid] = top if top is not None and rng.random() < 0.7 else rng.choice(entry.labels)
        answers.append((sid, text))
    return gold, answers


def stages(entry: catalog.DatasetEntry, gold: dict[str, str], answers: list[tuple[str, str]]) -> dict[str, float]:
    """CPU seconds of each stage over the whole run."""
    out = {}
    start = time.process_time()
    for _sid, _text in answers:
        prompts.render_prompt(entry, sample={"frames": 0, "text": ""})
    out["prompt"] = time.process_time() - start

    start = time.process_time()
    ranked = {sid: list(parse_answer(text, entry.labels).ranked) or None for sid, text in answers}
    out["parse"] = time.process_time() - start

    for name, n_boot in (("score_boot", 1000), ("score_noboot", 0)):
        start = time.process_time()
        result = score_ger(entry, gold, ranked, n_boot=n_boot)
        out[name] = time.process_time() - start
        assert result["n_total"] == len(gold)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dataset", default="GER_RAFDB")
    args = parser.parse_args(argv)
    entry = catalog.get(args.dataset)
    runs = {n: make_run(entry, n) for n in args.sizes}
    best: dict[int, dict[str, float]] = {}
    for _ in range(args.repeat):
        for n in args.sizes:
            got = stages(entry, *runs[n])
            best[n] = {k: min(v, best.get(n, {}).get(k, float("inf"))) for k, v in got.items()}

    def us(n: int, *keys: str) -> float:
        return sum(best[n][k] for k in keys) / n * 1e6

    columns = [
        ("prompt", ("prompt",)),
        ("parse", ("parse",)),
        ("score(boot)", ("score_boot",)),
        ("score(no boot)", ("score_noboot",)),
        ("total", ("prompt", "parse", "score_boot")),
        ("total no boot", ("prompt", "parse", "score_noboot")),
    ]
    print(f"{entry.name}: {len(entry.labels)} labels; CPU microseconds per sample, best of {args.repeat}")
    print(f"{'N':>7} " + " ".join(f"{name:>14}" for name, _ in columns) + "   vs 1 ms target")
    for n in args.sizes:
        total = us(n, "prompt", "parse", "score_boot")
        print(
            f"{n:>7} "
            + " ".join(f"{us(n, *keys):>14.1f}" for _, keys in columns)
            + f"   {'below' if total < TARGET_US else 'ABOVE'} ({total / TARGET_US:.2f} of it)"
        )
    if len(args.sizes) >= 2:
        small, large = min(args.sizes), max(args.sizes)
        print(f"\nper-sample ratio {large}/{small} (1.0 = linear total time):")
        print("  " + ", ".join(f"{name} {us(large, *keys) / us(small, *keys):.2f}" for name, keys in columns))
        share = best[large]["score_boot"] / sum(best[large][k] for k in ("prompt", "parse", "score_boot"))
        print(f"  bootstrap scoring is {share:.0%} of the total at {large}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
