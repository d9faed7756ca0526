"""Fuzzing parse_answer and split_batched_answer: they never raise, keep their invariants, and stay fast.

Hypothesis runs derandomized (same examples every run). Inputs: arbitrary unicode (surrogates and
control characters included), strings assembled from label-like fragments (surface forms,
negations, list markers, record syntax, scores, Chinese), and ~1 MB inputs of several shapes.
"""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ger_plugin.catalog import DATASETS
from ger_plugin.core.labels import SURFACE_FORMS, normalize
from ger_plugin.core.parsing import (
    NO_ANSWER_RULES,
    RULE_NAMES,
    ParsedAnswer,
    parse_answer,
    split_batched_answer,
)

LABEL_SETS = sorted({entry.labels for entry in DATASETS.values()})
FUZZ = settings(derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = sorted(SURFACE_FORMS) + [
    " ",
    "  ",
    "\n",
    "\t",
    ",",
    ", ",
    ".",
    ". ",
    ";",
    ":",
    "：",
    "，",
    "。",
    "、",
    "!",
    "?",
    "-",
    " - ",
    "—",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "`",
    "**",
    "*",
    "#",
    ">",
    "|",
    "/",
    "\\",
    "1. ",
    "2) ",
    "10.",
    "0.7",
    "70%",
    "%",
    "3",
    "not ",
    "no ",
    "n't ",
    "never ",
    "neither ",
    " nor ",
    " but ",
    "rather than ",
    "instead of ",
    " is not",
    "Answer: ",
    "Final answer:",
    "the emotion is ",
    "I'd pick ",
    "Therefore, ",
    "The options are ",
    "most likely ",
    "I'm sorry, I can't help",
    "{'name': ",
    "'result': ",
    '"result": ',
    "'img1'",
    "不",
    "没有",
    "是",
    "很",
    "情绪：",
    "答案：",
    "但是",
    "😊",
    "\u200b",
    "\u0000",
    "\ufdfa",
    "İ",
    "ß",
    "\ud800",
    "Ⅻ",
    "ｈａｐｐｙ",
]

fragment_text = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
any_text = st.text(alphabet=st.characters(blacklist_categories=()), max_size=300)
label_sets = st.one_of(
    st.sampled_from(LABEL_SETS),
    st.lists(st.sampled_from(sorted(SURFACE_FORMS)), max_size=8).map(tuple),
    st.lists(st.text(max_size=12), max_size=5),
)


def check_invariants(got: ParsedAnswer, labels) -> None:
    assert isinstance(got, ParsedAnswer)
    assert got.rule in RULE_NAMES
    allowed = {normalize(lab) for lab in labels if isinstance(lab, str)} - {None}
    assert set(got.ranked) <= allowed
    assert all(isinstance(lab, str) for lab in got.ranked)
    assert len(set(got.ranked)) == len(got.ranked)
    assert got.label == (got.ranked[0] if got.ranked else None)
    assert (got.rule in NO_ANSWER_RULES) == (not got.ranked)


@settings(FUZZ, max_examples=2500)
@given(text=any_text, labels=label_sets)
def test_arbitrary_unicode_never_breaks_the_parser(text, labels):
    got = parse_answer(text, labels)
    check_invariants(got, labels)
    assert parse_answer(text, labels) == got  # deterministic


@settings(FUZZ, max_examples=3000)
@given(text=fragment_text, labels=st.sampled_from(LABEL_SETS))
def test_label_like_fragments_never_break_the_parser(text, labels):
    check_invariants(parse_answer(text, labels), labels)


@settings(FUZZ, max_examples=300)
@given(
    value=st.one_of(st.none(), st.integers(), st.floats(), st.binary(), st.lists(st.text(max_size=5))),
    labels=st.one_of(label_sets, st.none(), st.integers()),
)
def test_non_string_text_or_odd_label_sets_give_a_valid_result(value, labels):
    got = parse_answer(value, labels)
    assert got == ParsedAnswer((), "empty")


@settings(FUZZ, max_examples=1500)
@given(text=st.one_of(fragment_text, any_text), names=st.lists(st.text(max_size=10), max_size=8))
def test_split_batched_answer_never_raises(text, names):
    out = split_batched_answer(text, names)
    assert len(out) == len(names)
    assert all(part is None or isinstance(part, str) for part in out)


def _huge_inputs() -> dict[str, str]:
    """~1 MB answers of the shapes most likely to be slow: label floods, brackets, records, noise."""
    size = 1_000_000
    rng = random.Random(0)
    noise = "".join(
        chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x4E00, 0x9FFF), rng.randrange(0x80, 0x2FFF)]))
        for _ in range(size)
    )
    record = "{'name': 'img1', 'result': 'happy,sad,angry'}, "

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {
        "label_flood": fill("happy sad not angry neither fear nor disgust, "),
        "open_braces": "{" * size,
        "nested": fill("[{") + fill("}]"),
        "records": fill(record),
        "scores": fill("happy: 0.1, sad: 70%, "),
        "numbered": fill("1. Sadness 2. Neutral "),
        "chinese": fill("这个人看起来不是很开心，情绪：中性。"),
        "nfkc_expanding": fill("\ufdfa"),  # one character that NFKC expands to 18
        "newlines": "\n" * size,
        "noise": noise,
        "conclusion_at_end": fill("The lighting is dim. ") + "Final answer: sad",
        "negated_conclusions": fill("the emotion is not sad, "),  # many markers, none with a label
        "restated_candidates": fill("The options are happy, sad. "),
        "refusals": fill("I'm sorry, I can't say happy. "),
        "run_on_labels": fill("although happy sad "),  # one endless clause full of labels
        "chinese_labels": fill("开心"),
    }


HUGE = _huge_inputs()
#: Bound on one call for a ~1 MB input: CPU time of the best of 5 runs, so a busy machine does not count.
HUGE_BOUND_S = 0.05


def _best_time(fn, *args) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        fn(*args)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("shape", sorted(HUGE))
def test_huge_input_is_parsed_in_bounded_time(shape):
    text = HUGE[shape]
    assert len(text) >= 1_000_000
    labels = DATASETS["GER_RAFDB"].labels
    check_invariants(parse_answer(text, labels), labels)
    elapsed = _best_time(parse_answer, text, labels)
    assert elapsed < HUGE_BOUND_S, f"{shape}: {elapsed * 1000:.1f} ms"


def test_huge_input_keeps_the_conclusion_at_the_end():
    assert parse_answer(HUGE["conclusion_at_end"], DATASETS["GER_RAFDB"].labels).label == "sad"


@pytest.mark.parametrize("shape", sorted(HUGE))
def test_huge_batched_answer_is_split_in_bounded_time(shape):
    names = [f"img{i}" for i in range(20)]
    out = split_batched_answer(HUGE[shape], names)
    assert len(out) == len(names)
    elapsed = _best_time(split_batched_answer, HUGE[shape], names)
    assert elapsed < 0.5, f"{shape}: {elapsed * 1000:.1f} ms"
