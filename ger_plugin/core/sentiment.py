"""Sentiment scores and the five-bin intensity scale: the one home of MMSA's score-to-class rules.

CH-SIMS scores lie in [-1, 1] and CMU-MOSI scores in [-3, 3]; MMSA (thuiar/MMSA, the toolkit both
GER releases come from) turns them into five classes differently per scale:

- [-1, 1] (SIMS): upper edges -0.7, -0.1, 0.1, 0.7, each inclusive;
- [-3, 3] (MOSI): clip to [-2, 2] and round half to even, giving -2..2.

The binary protocol the paper reports drops gold == 0 and calls > 0 positive; a five-bin answer
counts as positive only above ``neutral`` (MMSA's ``pred > 0``).
"""

from __future__ import annotations

from ger_plugin.catalog import INTENSITY_LABELS

#: Scales GER knows: (low, high) of the score as released.
SIMS_SCALE = (-1.0, 1.0)
MOSI_SCALE = (-3.0, 3.0)
#: MMSA's SIMS 5-class upper bin edges (inclusive), for scores in [-1, 1].
SIMS_EDGES = (-0.7, -0.1, 0.1, 0.7)
_NEUTRAL_RANK = INTENSITY_LABELS.index("neutral")


def intensity_from_score(score: float, scale: tuple[float, float] = MOSI_SCALE) -> str:
    """The five-bin intensity label of a score on ``scale`` (MMSA's rule for that scale).

    A scale other than the two released ones is first mapped linearly onto [-3, 3].
    """
    low, high = scale
    if not low < high:
        raise ValueError(f"empty scale {scale}")
    if (low, high) == SIMS_SCALE:
        for edge, label in zip(SIMS_EDGES, INTENSITY_LABELS):
            if score <= edge:
                return label
        return INTENSITY_LABELS[-1]
    if (low, high) != MOSI_SCALE:
        score = (score - low) / (high - low) * 6.0 - 3.0
    return INTENSITY_LABELS[round(min(2.0, max(-2.0, score))) + 2]


def score_polarity(score: float) -> str:
    """Sign of a sentiment score: ``negative``, ``neutral`` (exactly 0) or ``positive``."""
    return "negative" if score < 0 else "positive" if score > 0 else "neutral"


def intensity_polarity(label: object) -> str | None:
    """``positive`` iff the label is above ``neutral`` on the five-bin scale, else ``negative``.

    ``neutral`` and below are negative (MMSA's binary convention, pred > 0); a label that is not
    on the scale gives ``None``.
    """
    if not isinstance(label, str) or label not in INTENSITY_LABELS:
        return None
    return "positive" if INTENSITY_LABELS.index(label) > _NEUTRAL_RANK else "negative"
