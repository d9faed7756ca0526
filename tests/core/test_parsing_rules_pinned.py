"""Parsing rules pinned through ``parse_answer``'s public behaviour only (labels in, ranked labels out).

Each case here was chosen so that a plausible wrong implementation gives a different answer:
"a later conclusion wins over an earlier one" is broken by reading the first concluding phrase,
and also by falling back to first-mention order (every answer below mentions the losing label first).
"""

from __future__ import annotations

import pytest

from ger_plugin.core.parsing import parse_answer

LABELS = ("happy", "sad", "angry", "surprised", "neutral", "fearful", "disgusted")


@pytest.mark.parametrize(
    ("answer", "ranked"),
    [
        (
            "At first glance the emotion is happy. Looking at the tight lips again, the emotion is sad.",
            ("sad", "happy"),
        ),
        (
            "Answer: angry. Wait, the raised brows and open mouth change my mind. Final answer: surprised.",
            ("surprised", "angry"),
        ),
        ("I would say happy, given the smile. However, the eyes are not smiling, so therefore, sad.", ("sad", "happy")),
        ("Ranking: happy, sad. Reconsidering the frown, my final answer is angry.", ("angry", "happy", "sad")),
        ("情绪：开心。但是再看眼睛，我认为是悲伤。", ("sad", "happy")),  # the Chinese markers follow the same rule
    ],
)
def test_a_later_conclusion_wins_over_an_earlier_one(answer, ranked):
    parsed = parse_answer(answer, LABELS)
    assert parsed.label == ranked[0]
    # the winning conclusion's labels first, the other labels mentioned after it
    assert parsed.ranked == ranked


def test_a_later_conclusion_without_a_label_does_not_override():
    # the last concluding phrase names nothing of the set: the last one that does decides
    parsed = parse_answer("The emotion is sad. In conclusion, it is hard to tell.", LABELS)
    assert parsed.label == "sad"
