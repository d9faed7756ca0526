"""The leaderboard's reference rows, derived from the catalog: GPT-4V as published, the best
supervised method per dataset, and chance level (the expected score of uniform guessing).

Chance level is computed, not looked up, from each entry's test-split class counts:

* accuracy / WAR of guessing uniformly among K labels is 1/K whatever the class priors;
* UAR (mean per-class recall) is 1/K as well;
* weighted F1: class c with prior p_c gets recall 1/K and (in expectation) precision p_c, so
  F1_c = 2 p_c (1/K) / (p_c + 1/K) and WF1 = sum_c p_c F1_c (macro F1 = the mean of F1_c);
* polarity accuracy (emotion labels scored by their polarity): sum_c p_c * share of the K labels
  that carry c's polarity;
* binary sentiment on continuous gold (positive vs negative, zero gold dropped): the guess is
  uniform over the K intensity labels offered, mapped to a polarity the way the GER scorer maps
  it (``sentiment.intensity_polarity``: neutral and below count as negative), so it says positive
  with probability q = 2/5. In general, with guess distribution q and priors p, accuracy is
  sum_c p_c q_c, recall_c = q_c, precision_c = p_c, F1_c = 2 p_c q_c / (p_c + q_c). The binary
  priors come from the catalog's positive and negative intensity bins (the neutral bin, whose
  sign is unknown, is left out); with no class counts they are taken as 50/50.
"""

from __future__ import annotations

from typing import Mapping

from ger_plugin import catalog
from ger_plugin.catalog import DatasetEntry, Scoring

#: The paper's name for a metric -> the GER protocol's metric with the same meaning, per scoring.
#: Abstract/ArtPhoto gold in the paper is polarity, so the paper's "acc" there is polarity accuracy.
PAPER_TO_GER_METRIC: Mapping[Scoring, Mapping[str, str]] = {
    Scoring.EMOTION_WITH_POLARITY: {"acc": "polarity_acc"},
}


def ger_metric(entry: DatasetEntry, paper_metric: str) -> str:
    """The key in a result file's ``ger.metrics`` that matches the paper's ``paper_metric``."""
    return PAPER_TO_GER_METRIC.get(entry.scoring, {}).get(paper_metric, paper_metric)


def _priors(entry: DatasetEntry) -> dict[str, float]:
    total = sum(entry.class_counts.values())
    return {lab: n / total for lab, n in entry.class_counts.items()} if total else {}


def _guess_scores(priors: Mapping[str, float], guess: Mapping[str, float]) -> dict[str, float]:
    """Expected metrics (percent) when the prediction is drawn from ``guess`` independently of the
    gold label, whose distribution is ``priors``."""
    f1 = {c: (2 * p * guess.get(c, 0.0) / (p + guess.get(c, 0.0)) if p > 0 else 0.0) for c, p in priors.items()}
    present = [c for c, p in priors.items() if p > 0]
    acc = sum(p * guess.get(c, 0.0) for c, p in priors.items())
    return {"acc": 100 * acc, "WAR": 100 * acc, "UAR": 100 * sum(guess.get(c, 0.0) for c in present) / len(present),
            "WF1": 100 * sum(priors[c] * f1[c] for c in priors),
            "macro_F1": 100 * sum(f1[c] for c in present) / len(present)}


def chance_scores(entry: DatasetEntry) -> dict[str, float]:
    """Expected GER metrics (percent) of a model that picks one offered label uniformly at random."""
    k = entry.num_classes
    uniform = {lab: 1 / k for lab in entry.labels}
    if entry.scoring is Scoring.SENTIMENT_INTENSITY:
        from ger_plugin.core.sentiment import intensity_polarity

        guess = {"positive": 0.0, "negative": 0.0}
        for lab in entry.labels:
            guess[intensity_polarity(lab) or "negative"] += 1 / k  # every label of the scale has a polarity
        counts = {pol: 0 for pol in guess}
        for lab, n in entry.class_counts.items():
            if lab != "neutral":  # the neutral bin's non-zero golds have unknown sign: left out
                counts[intensity_polarity(lab) or "negative"] += n
        total = sum(counts.values())
        priors = {pol: n / total for pol, n in counts.items()} if total else {"positive": 0.5, "negative": 0.5}
        return _guess_scores(priors, guess)
    priors = _priors(entry) or uniform
    out = _guess_scores(priors, uniform)
    if entry.scoring is Scoring.EMOTION_WITH_POLARITY:
        polarity = {lab: catalog.MIKELS_POLARITY.get(lab) for lab in entry.labels}
        share = {pol: sum(1 for v in polarity.values() if v == pol) / k for pol in set(polarity.values())}
        out["polarity_acc"] = 100 * sum(p * share[polarity[c]] for c, p in priors.items())
    return out


def gpt4v_scores(entry: DatasetEntry) -> dict[str, float]:
    """GPT-4V as published (Tables 3-7), keyed by the GER metric name."""
    if entry.paper is None:
        return {}
    return {ger_metric(entry, m): v for m, v in entry.paper.gpt4v.items()}


def supervised_scores(entry: DatasetEntry) -> dict[str, tuple[str, float]]:
    """Best supervised method per metric as published: GER metric -> (method, value)."""
    if entry.paper is None:
        return {}
    return {ger_metric(entry, m): mv for m, mv in entry.paper.best_supervised.items()}
