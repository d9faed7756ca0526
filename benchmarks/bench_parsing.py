"""Time parse_answer over realistic answers: per-call microseconds at 1k and 10k answers.

Answers are generated deterministically (seeded) from templates in the styles of GPT-4V (the
paper's comma lists and records), GPT-4o (markdown reasoning, then a conclusion), Qwen-VL (short
Chinese or English), LLaVA (verbose sentences) and 2025-26 reasoning models (a <think> block that
weighs other labels, JSON label/score lists, "happy to help" before an answer), over every
catalog label set.

    PYTHONPATH=. python benchmarks/bench_parsing.py [--sizes 1000 10000] [--repeat 3]

Prints, per size, the best CPU time per call over ``--repeat`` interleaved rounds, and the
ratio of the per-call times (about 1.0 means linear total time).
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

from ger_plugin.catalog import DATASETS
from ger_plugin.core.parsing import parse_answer

ZH = {
    "happy": "开心",
    "sad": "难过",
    "angry": "生气",
    "neutral": "中性",
    "worried": "担心",
    "surprised": "惊讶",
    "positive": "积极",
    "negative": "消极",
    "weakly positive": "弱积极",
    "weakly negative": "弱消极",
}
FILLER = (
    "The lighting is soft and the background is blurred. ",
    "The eyebrows are slightly raised. ",
    "The corners of the mouth turn down. ",
    "The head is tilted to one side. ",
)


def _answer(rng: random.Random, labels: tuple[str, ...]) -> tuple[str, str | None]:
    """One answer and the top-1 label it states (None for a refusal)."""
    ranked = rng.sample(labels, k=min(5, len(labels)))
    top, other = ranked[0], ranked[-1]
    style = rng.randrange(13)
    if style == 10:
        reasoning = "".join(rng.choice(FILLER) for _ in range(rng.randrange(2, 6)))
        return f"<think>Could it be {other}? {reasoning}No, not {other}.</think>\n\n**Final answer:** {top}", top
    if style == 11:
        scores = sorted(rng.sample(range(1, 100), len(ranked)), reverse=True)  # distinct: no ties
        items = [f'{{"label": "{lab}", "score": {s / 100:.2f}}}' for lab, s in zip(ranked, scores)]
        rng.shuffle(items)
        return "```json\n[" + ", ".join(items) + "]\n```", top
    if style == 12:
        return f"I'd be happy to help! At first glance it looks {other}, but actually it is {top}.", top
    if style == 0:
        return ",".join(lab.capitalize() for lab in ranked), top
    if style == 1:
        return f"{{'name': 'sample_{rng.randrange(10**6):06d}', 'result': '{','.join(ranked)}'}}", top
    if style == 2:
        reasoning = "".join(rng.choice(FILLER) for _ in range(rng.randrange(2, 8)))
        return (
            f"**Analysis:**\n{reasoning}\nThe options are {', '.join(labels)}.\n\n**Final answer:** {top.title()}",
            top,
        )
    if style == 3:
        return top if rng.random() < 0.5 else f"{top.capitalize()}.", top
    if style == 4:
        return f"这个人看起来很{ZH[top]}。" if top in ZH else f"情绪：{top}", top
    if style == 5:
        filler = "".join(rng.choice(FILLER) for _ in range(3))
        return f"In this image, the person is not {other} but clearly {top}. {filler}", top
    if style == 6:
        scores = sorted((rng.random() for _ in ranked), reverse=True)
        return ", ".join(f"{lab}: {s:.2f}" for lab, s in zip(ranked, scores)), top
    if style == 7:
        return "\n".join(f"{i}. {lab.capitalize()}" for i, lab in enumerate(ranked, 1)), top
    if style == 8:
        return f"It could be either {other} or {top}; I'd pick {top}.", top
    return "I'm sorry, I can't help with identifying people in images.", None


def make_answers(n: int, seed: int = 0) -> list[tuple[str, tuple[str, ...], str | None]]:
    """``n`` (answer, label set, stated top-1) triples, the same for the same seed."""
    rng = random.Random(seed)
    label_sets = sorted({entry.labels for entry in DATASETS.values()})
    out = []
    for _ in range(n):
        labels = rng.choice(label_sets)
        text, top = _answer(rng, labels)
        out.append((text, labels, top))
    return out


def per_call_us(answers: list[tuple[str, tuple[str, ...], str | None]]) -> float:
    """CPU microseconds per call for one pass (CPU time: less disturbed by a busy machine)."""
    start = time.process_time()
    for text, labels, _ in answers:
        parse_answer(text, labels)
    return (time.process_time() - start) / len(answers) * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    answers = make_answers(max(args.sizes))
    parsed = [parse_answer(text, labels) for text, labels, _ in answers]
    rules = Counter(p.rule for p in parsed)
    agree = sum(p.label == top for p, (_, _, top) in zip(parsed, answers))
    print("rules fired:", ", ".join(f"{rule} {count}" for rule, count in rules.most_common()))
    print(f"top-1 equals the generated answer's stated label: {agree}/{len(answers)}")
    # Rounds interleave the sizes so that load on the machine hits every size alike; each round
    # does the same total work per size (smaller sizes are run proportionally more often).
    best = {size: float("inf") for size in args.sizes}
    for _ in range(args.repeat):
        for size in args.sizes:
            for _ in range(max(1, max(args.sizes) // size)):
                best[size] = min(best[size], per_call_us(answers[:size]))
    results = [best[size] for size in args.sizes]
    for size, us in zip(args.sizes, results):
        print(f"{size:>7} answers: {us:8.1f} us/call  ({us * size / 1e6:.3f} s CPU per pass)")
    if len(results) > 1:
        print(
            f"per-call ratio {args.sizes[-1]} vs {args.sizes[0]}: {results[-1] / results[0]:.2f} "
            "(about 1.0 = linear total time)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
