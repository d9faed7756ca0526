"""Two scoring protocols over a catalog entry: the paper's (to reproduce it) and GER's standard one.

- :func:`score_paper` applies exactly the rules the paper used for its released predictions
  (shared/reference/paper-protocol.md). They differ by task and work on raw strings, so a
  label spelled differently from the ground truth is wrong, and for video out-of-set answers
  are dropped. It exists only to reproduce Tables 3-7.
- :func:`score_ger` is the standard protocol: population = the whole test list, canonical
  labels, unanswered / invalid / failed samples count as wrong and are reported.

Both dispatch on catalog enums (``PaperProtocol``, ``Scoring``) only: no dataset names here.
No I/O, no environment.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from typing import Any

from ger_plugin.catalog import DatasetEntry, PaperProtocol, Scoring
from ger_plugin.core import metrics
from ger_plugin.core.labels import normalize
from ger_plugin.core.sentiment import intensity_polarity
from ger_plugin.errors import DataError

PROTOCOL_NAME = "ger"
PROTOCOL_VERSION = "1"
#: Confusion-matrix column for samples without a valid answer (unanswered, invalid or failed).
NONE_COLUMN = "none"
_BINARY = ("negative", "positive")

PaperRow = tuple[str, Sequence[str]]  # (ground-truth string, ranked answer strings)


def sample_key(name: object) -> str:
    """The file stem that joins label lists and predictions: no folders, no file extension.

    The released prediction files drop extensions (and AffectNet's folders), label lists keep
    them; a trailing dot-part counts as an extension only if it is a short alphanumeric word with
    a letter (``clip.mp4``), so ids such as ``0.5`` are left alone.
    """
    base = str(name).strip().replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = base.rpartition(".")
    if dot and stem and 1 <= len(ext) <= 5 and ext.isalnum() and not ext.isdigit():
        return stem
    return base


# --------------------------------------------------------------------------------------
# The paper's protocol
# --------------------------------------------------------------------------------------


def _top1(ranked: Sequence[str]) -> str:
    return ranked[0].strip() if ranked else ""


def _paper_exact(entry: DatasetEntry, rows: list[PaperRow]) -> dict[str, Any]:
    correct = [_top1(answer) == gold.strip() for gold, answer in rows]
    return {"acc": 100.0 * sum(correct) / len(rows), "n_rows": len(rows), "n_scored": len(rows)}


def _paper_polarity(entry: DatasetEntry, rows: list[PaperRow]) -> dict[str, Any]:
    # Gold is polarity; the top-1 emotion (raw spelling) is mapped to polarity first.
    gold = [gold.strip() for gold, _ in rows]
    pred = [metrics.mikels_polarity(normalize(_top1(answer))) for _, answer in rows]
    return {"acc": metrics.accuracy(gold, pred), "n_rows": len(rows), "n_scored": len(rows)}


def _paper_in_set(entry: DatasetEntry, rows: list[PaperRow]) -> dict[str, Any]:
    # Rows whose top-1 is not literally one of the offered candidates are dropped.
    candidates = set(entry.paper_candidates)
    kept = [(gold.strip(), _top1(answer)) for gold, answer in rows if _top1(answer) in candidates]
    if not kept:
        raise DataError(f"{entry.name}: no answer is one of the candidates {sorted(candidates)}")
    gold, pred = zip(*kept)
    return {
        "WAR": metrics.accuracy(gold, pred),
        "UAR": metrics.uar(gold, pred),
        "n_rows": len(rows),
        "n_scored": len(kept),
    }


def _paper_sentiment(entry: DatasetEntry, rows: list[PaperRow]) -> dict[str, Any]:
    scores = []
    for gold, _ in rows:
        try:
            scores.append(float(gold))
        except ValueError:
            raise DataError(f"{entry.name}: sentiment ground truth {gold!r} is not a number") from None
    # Literal top-1 on the 5-point scale: "positive"/"weakly positive" -> positive, anything else negative.
    answers = [_top1(answer) for _, answer in rows]
    truth, pred = metrics.binary_sentiment(scores, answers)
    if not truth:
        raise DataError(f"{entry.name}: every ground-truth score is 0")
    pred = [p or "negative" for p in pred]
    return {
        "WF1": metrics.weighted_f1(truth, pred, labels=_BINARY),
        "acc": metrics.accuracy(truth, pred),
        "n_rows": len(rows),
        "n_scored": len(truth),
    }


_PAPER_RULES: Mapping[PaperProtocol, Callable[[DatasetEntry, list[PaperRow]], dict[str, Any]]] = {
    PaperProtocol.TOP1_EXACT: _paper_exact,
    PaperProtocol.TOP1_POLARITY: _paper_polarity,
    PaperProtocol.TOP1_IN_SET: _paper_in_set,
    PaperProtocol.SENTIMENT_BINARY: _paper_sentiment,
}


def score_paper(entry: DatasetEntry, rows: Iterable[PaperRow], protocol: PaperProtocol | None = None) -> dict[str, Any]:
    """Score raw (ground truth, ranked answers) rows with the paper's rule for this entry.

    Returns the paper's metric names (``acc``; ``WAR``/``UAR``; ``WF1``) in percent, plus
    ``n_rows`` (rows given) and ``n_scored`` (rows the metric is computed over).
    """
    if protocol is None:
        if entry.paper_run is None:
            raise ValueError(f"{entry.name} has no paper run; pass protocol=")
        protocol = entry.paper_run.protocol
    rows = [(str(gold), list(answer)) for gold, answer in rows]
    if not rows:
        raise DataError(f"{entry.name}: no prediction rows to score")
    return _PAPER_RULES[protocol](entry, rows)


# --------------------------------------------------------------------------------------
# The GER standard protocol
# --------------------------------------------------------------------------------------


def ranked_answer(parsed: object) -> list[str]:
    """The ranked labels one parsed answer (a ``parse_answer`` result) gives :func:`score_ger`.

    ``[]`` means answered but no label of the set (invalid). The host's evaluation step and the
    ``evaluate`` metric both call this, so they score the same answers the same way.
    """
    ranked = [str(lab) for lab in (getattr(parsed, "ranked", None) or ())]
    label = getattr(parsed, "label", None)
    return ranked or ([str(label)] if label else [])


def _first_valid(answer: str | Sequence[str] | None, labels: Collection[str]) -> str | None:
    if answer is None:
        return None
    ranked = (answer,) if isinstance(answer, str) else answer
    return next((lab for lab in ranked if lab in labels), None)


def _ci(
    fn: Callable[[list[Any], list[Any]], float], gold: list[Any], pred: list[Any], n_boot: int, seed: int
) -> list[float]:
    lo, hi = metrics.bootstrap_ci(fn, gold, pred, n=n_boot, seed=seed)
    return [lo, hi]


def _outcomes(
    entry: DatasetEntry,
    gold: Mapping[Hashable, object],
    answers: Mapping[Hashable, Sequence[str] | None],
    failed: Collection[Hashable],
) -> Iterable[tuple[Hashable, str, str | None, str]]:
    """(sample id, truth, scored prediction or None, status) per sample of the GER population, in
    ``gold`` order. Status: ``ok``, ``invalid`` (answered, no label of the set), ``unanswered`` or
    ``failed``. Sentiment-intensity gold is binarised and zero gold left out (MMSA's binary task)."""
    sentiment = entry.scoring is Scoring.SENTIMENT_INTENSITY
    labels = tuple(entry.labels)
    for sid, target in gold.items():
        if sentiment:
            try:
                score = float(target)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                raise DataError(f"{entry.name}: sample {sid!r}: sentiment gold {target!r} is not a number") from None
            if score == 0:
                continue  # MMSA's binary task leaves neutral gold out
            target = "positive" if score > 0 else "negative"
        elif target not in labels:
            raise DataError(f"{entry.name}: sample {sid!r}: gold label {target!r} is not one of {list(labels)}")
        answer = None if sid in failed else answers.get(sid)
        choice, status = None, "ok"
        if sid in failed:
            status = "failed"
        elif answer is None:
            status = "unanswered"
        else:
            choice = _first_valid(answer, labels)
            if choice is None:
                status = "invalid"
        if sentiment and choice is not None:
            choice = intensity_polarity(choice)
        yield sid, str(target), choice, status


def ger_outcomes(
    entry: DatasetEntry,
    gold: Mapping[Hashable, object],
    answers: Mapping[Hashable, Sequence[str] | None],
    *,
    failed: Collection[Hashable] = (),
) -> dict[Hashable, tuple[str, str | None]]:
    """Sample id -> (truth, scored prediction) exactly as :func:`score_ger` scores it (``None`` =
    no valid answer, which counts as wrong); the input of paired comparisons between models."""
    return {sid: (truth, choice) for sid, truth, choice, _ in _outcomes(entry, gold, answers, set(failed))}


def scored_labels(entry: DatasetEntry) -> tuple[str, ...]:
    """The classes the GER metrics score: the entry's labels, or positive/negative for sentiment intensity."""
    return _BINARY if entry.scoring is Scoring.SENTIMENT_INTENSITY else tuple(entry.labels)


def metric_functions(entry: DatasetEntry) -> dict[str, Callable[[list[Any], list[Any]], float]]:
    """GER metric name -> ``fn(truth, pred)`` in percent, over :func:`ger_outcomes`' pairs."""
    scored = scored_labels(entry)
    fns: dict[str, Callable[[list[Any], list[Any]], float]] = {
        "acc": metrics.accuracy,
        "WAR": metrics.accuracy,
        "UAR": metrics.uar,
        "WF1": lambda g, p: metrics.weighted_f1(g, p, labels=scored),
        "macro_F1": lambda g, p: metrics.macro_f1(g, p, labels=scored),
    }
    if entry.scoring is Scoring.EMOTION_WITH_POLARITY:
        fns["polarity_acc"] = lambda g, p: metrics.accuracy(
            [metrics.mikels_polarity(x) for x in g], [metrics.mikels_polarity(x) for x in p]
        )
    return fns


def score_ger(
    entry: DatasetEntry,
    gold: Mapping[Any, object],
    answers: Mapping[Any, Sequence[str] | None],
    *,
    failed: Collection[Hashable] = (),
    n_boot: int = 1000,
    seed: int = 0,
) -> dict[str, Any]:
    """Score canonical answers under the GER standard protocol; a JSON-ready dict.

    ``gold``: sample id -> canonical label (a float score for sentiment-intensity datasets);
    every gold id is in the population. ``answers``: sample id -> ranked canonical labels or
    ``None``. The answer is the first ranked label in ``entry.labels``; unanswered, invalid
    (answered, no label in the set) and ``failed`` (API error) samples count as wrong.
    ``n_boot=0`` skips the bootstrap (``ci95`` is then empty).
    """
    truth: list[str] = []
    pred: list[str | None] = []
    n_failed = n_unanswered = n_invalid = 0
    for _, target, choice, status in _outcomes(entry, gold, answers, set(failed)):
        n_failed += status == "failed"
        n_unanswered += status == "unanswered"
        n_invalid += status == "invalid"
        truth.append(target)
        pred.append(choice)
    sentiment = entry.scoring is Scoring.SENTIMENT_INTENSITY
    labels = tuple(entry.labels)

    n_total = len(truth)
    if n_total == 0:
        raise DataError(f"{entry.name}: no sample to score (empty gold{' or all gold scores 0' if sentiment else ''})")

    scored = _BINARY if sentiment else labels
    fns = {name: fn for name, fn in metric_functions(entry).items() if name in ("acc", "UAR", "WF1", "macro_F1")}
    values = {name: fn(truth, pred) for name, fn in fns.items()}
    out_metrics = {
        "acc": values["acc"],
        "WAR": values["acc"],
        "UAR": values["UAR"],
        "WF1": values["WF1"],
        "macro_F1": values["macro_F1"],
    }
    ci95: dict[str, list[float]] = {}
    if n_boot:
        ci95 = {name: _ci(fn, truth, pred, n_boot, seed) for name, fn in fns.items()}
        ci95["WAR"] = ci95["acc"]
    if entry.scoring is Scoring.EMOTION_WITH_POLARITY:
        gold_pol = [metrics.mikels_polarity(t) for t in truth]
        pred_pol = [metrics.mikels_polarity(p) for p in pred]
        out_metrics["polarity_acc"] = metrics.accuracy(gold_pol, pred_pol)
        if n_boot:
            ci95["polarity_acc"] = _ci(metrics.accuracy, gold_pol, pred_pol, n_boot, seed)

    columns = list(scored) + [NONE_COLUMN]
    matrix = metrics.confusion_matrix(truth, [p if p is not None else NONE_COLUMN for p in pred], columns)
    n_answered = n_total - n_unanswered - n_failed
    return {
        "protocol": PROTOCOL_NAME,
        "protocol_version": PROTOCOL_VERSION,
        "dataset": entry.name,
        "primary_metric": entry.primary_metric,
        "metrics": {k: float(v) for k, v in out_metrics.items()},
        "ci95": ci95,
        "n_total": n_total,
        "n_answered": n_answered,
        "n_invalid": n_invalid,
        "n_unanswered": n_unanswered,
        "n_failed": n_failed,
        "invalid_rate": 100.0 * n_invalid / n_total,
        "failed_rate": 100.0 * n_failed / n_total,
        # rows: gold in ``labels`` order; columns: the same labels, then NONE_COLUMN.
        "confusion": {"labels": list(scored), "matrix": matrix[: len(scored)].tolist()},
    }
