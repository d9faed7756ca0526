"""Model text -> ranked canonical labels, by a short pipeline of named rules, with an explanation.

``parse_answer(text, labels)`` reads one model answer the way a careful reader would and returns
a :class:`ParsedAnswer`: the labels of ``labels`` it commits to, best first, the name of the rule
that decided, the span of text that rule read (``evidence``) and notes on what was set aside
(``notes``: the answer zone, corrected typos). ``ParsedAnswer.explain()`` prints all of it;
``ger explain-answer`` shows it on the command line.

First the answer zone (:func:`ger_plugin.core.answer_zones.answer_zone`): the text after a
``<think>...</think>`` block, the block itself only when nothing follows it. Then the rules, in
order; the first that yields a label of the set wins:

1. ``empty``        -- no text, only punctuation, or not a string: no answer.
2. ``bare_label``   -- the whole answer is one label ("Happiness", "**happy.**").
3. ``scale_score``  -- five-bin sentiment sets: a score with its stated scale ("-1.2 on a scale
   from -3 to 3"), binned by the one score-to-class rule.
4. ``paper_record`` / ``json`` -- the paper's ``{'name': ..., 'result': ...}`` record, or any JSON
   / Python-literal object or list; scored items rank by score.
5. ``letter``       -- "Answer: C" resolved against the lettered options the answer lists.
6. ``scores``       -- per-label scores in prose, YAML or markdown tables, ranked by score.
7. ``ranked_list``  -- the whole answer is a list of labels ("Sadness,Neutral,Fear"); first wins.
8. ``undecided``    -- "either A or B, I cannot decide": no commitment, no label.
9. ``chinese``      -- mostly-Chinese text: a Chinese concluding phrase first, else its labels.
10. ``conclusion``  -- the last concluding phrase that names a label ("Final answer:", "Answer:",
    "**Answer**", ``\\boxed{}``, "Therefore", "This is X").
11. ``sentence``    -- labels in free text, asserted ones first (see below).
12. ``refusal``     -- a refusal and no label; ``no_label`` -- no label of the set.

Everywhere, a label is read in its scope (:mod:`ger_plugin.core.answer_text`): negated labels
("not X", "rather than X", "X? No.") are no answer, tentative and conceded readings ("at first
X, but actually Y", "although X") rank after asserted ones; echoed questions and option lists,
refusal clauses and politeness idioms ("happy to help") are never read (:mod:`answer_zones`).
Forms take the sense the label set offers (:mod:`ger_plugin.core.vocabulary`). When nothing is
found, misspelled label words are corrected by edit distance and the rules run once more.

Labels outside ``labels`` are never returned. Bounded time: at most ``MAX_CHARS`` characters
are analysed. Pure: no I/O, no environment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ger_plugin.core import answer_zones as zones
from ger_plugin.core import structured_answers as structured
from ger_plugin.core.answer_text import MAX_CHARS, AnswerText, cap, fold, ranked
from ger_plugin.core.batched_answers import split_batched_answer
from ger_plugin.core.labels import normalize
from ger_plugin.core.sentiment import intensity_from_score
from ger_plugin.core.vocabulary import correct_typos

__all__ = ["MAX_CHARS", "NO_ANSWER_RULES", "RULE_NAMES", "ParsedAnswer", "parse_answer", "split_batched_answer"]

#: Every rule name a ParsedAnswer can carry, in pipeline order.
RULE_NAMES = (
    "empty",
    "bare_label",
    "scale_score",
    "paper_record",
    "json",
    "letter",
    "scores",
    "ranked_list",
    "undecided",
    "chinese",
    "conclusion",
    "sentence",
    "refusal",
    "no_label",
)
#: The rules that mean "no answer" (the label is None; counted as unanswered).
NO_ANSWER_RULES = ("empty", "undecided", "refusal", "no_label")

Span = tuple[int, int]
_BLANK = " \t\r\n.,;:!?\"'()[]{}-"


@dataclass(frozen=True)
class ParsedAnswer:
    """The labels one answer commits to (canonical, best first, no repeats) and the rule that decided.

    ``evidence`` (the text the rule read, folded) and ``notes`` explain the result; they are not
    part of its identity (equality and hash use ``ranked`` and ``rule`` only).
    """

    ranked: tuple[str, ...]
    rule: str
    evidence: str = field(default="", compare=False)
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def label(self) -> str | None:
        """The top-1 label, or ``None`` when the answer commits to no label of the set."""
        return self.ranked[0] if self.ranked else None

    def explain(self) -> str:
        """A few lines: label, ranking, rule, the span read, and the notes."""
        lines = [
            f"label:    {self.label if self.label is not None else '(none: counted as unanswered)'}",
            f"ranked:   {', '.join(self.ranked) if self.ranked else '-'}",
            f"rule:     {self.rule} -- {RULE_HELP.get(self.rule, '')}",
        ]
        if self.evidence:
            lines.append(f"read:     {_one_line(self.evidence)!r}")
        lines.extend(f"note:     {note}" for note in self.notes)
        return "\n".join(lines)


#: One line per rule, for explanations.
RULE_HELP = {
    "empty": "no text",
    "bare_label": "the whole answer is one label",
    "scale_score": "a sentiment score on its stated scale, binned into the five sentiment classes",
    "paper_record": "a {'name', 'result'} record",
    "json": "a JSON / dict / list answer (scored items ranked by score)",
    "letter": "a letter answer resolved against the lettered options the answer lists",
    "scores": "per-label scores, highest first",
    "ranked_list": "the whole answer is a ranked list of labels, first wins",
    "undecided": "the answer cannot choose between labels",
    "chinese": "a Chinese answer (concluding phrase first)",
    "conclusion": "the last concluding phrase that names a label",
    "sentence": "labels asserted in free text, negated ones dropped, tentative ones last",
    "refusal": "a refusal, no label",
    "no_label": "no label of the set is asserted",
}


def _one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def score_to_label(score: float, scale: tuple[float, float]) -> str:
    """A score on its stated scale -> five-bin label, by the one score-to-class rule (core.sentiment)."""
    return intensity_from_score(score, scale)


class _Result:
    __slots__ = ("labels", "rule", "span")

    def __init__(self, labels: tuple[str, ...], rule: str, span: Span) -> None:
        self.labels, self.rule, self.span = labels, rule, span


def _rule_bare_label(t: AnswerText) -> tuple[tuple[str, ...], Span]:
    return ranked([structured.label_of(t.plain, t.allowed) or ""], t.allowed), (0, len(t.plain))


def _reparse(allowed: frozenset[str]) -> Callable[[str], tuple[str, ...]]:
    def run(value: str) -> tuple[str, ...]:
        return _run_rules(AnswerText(value, allowed)).labels

    return run


def _sentence(t: AnswerText, spans: list[Span]) -> tuple[tuple[str, ...], Span]:
    kept = zones.sentence_mentions(t, spans)
    if not kept:
        return (), (0, 0)
    top = kept[0]
    start = max(t.plain.rfind(c, 0, top.start) for c in ".!?\n") + 1
    end = zones.clause_after(t.plain, top.start)[1]
    return ranked([m.label for m in kept], t.allowed), (start, max(end, top.end))


_CJK_CHARS = re.compile(r"[\u3400-\u9fff]")
_LATIN_CHARS = re.compile(r"[a-z]")


def _mostly_chinese(t: AnswerText) -> bool:
    cjk = len(_CJK_CHARS.findall(t.plain))
    return cjk > 0 and cjk >= 0.3 * (cjk + len(_LATIN_CHARS.findall(t.plain)))


def _run_rules(t: AnswerText) -> _Result:
    """The label-finding rules on one prepared text (no zone, no typo pass)."""
    if not t.plain.strip(_BLANK):
        return _Result((), "empty", (0, 0))
    found, span = _rule_bare_label(t)
    if found:
        return _Result(found, "bare_label", span)
    found, span = structured.rule_scale_score(t, score_to_label)
    if found:
        return _Result(found, "scale_score", span)
    rule, found, span = structured.rule_records(t, _reparse(t.allowed))
    if found:
        return _Result(found, rule, span)
    label, span = zones.letter_answer(t)
    if label is not None:
        return _Result((label,), "letter", span)
    for name, rule_fn in (("scores", structured.rule_scores), ("ranked_list", structured.rule_ranked_list)):
        found, span = rule_fn(t)
        if found:
            return _Result(found, name, span)
    spans = zones.excluded_spans(t)
    undecided = zones.undecided(t, spans)
    if undecided is not None:
        return _Result((), "undecided", undecided)
    if _mostly_chinese(t):
        found, span = zones.conclusion(t, zones.ZH_CONCLUSION, spans)
        if not found:
            found, span = _sentence(t, spans)
        if found:
            return _Result(found, "chinese", span)
    found, span = zones.conclusion(t, zones.EN_CONCLUSION, spans)
    if found:
        return _Result(found, "conclusion", span)
    found, span = _sentence(t, spans)
    if found:
        return _Result(found, "sentence", span)
    refusal = zones.REFUSAL.search(t.plain)
    if refusal is not None:
        return _Result((), "refusal", refusal.span())
    return _Result((), "no_label", (0, 0))


@lru_cache(maxsize=256)
def _allowed(labels: tuple[str, ...]) -> frozenset[str]:
    return frozenset(lab for lab in map(normalize, labels) if lab is not None)


def _label_set(labels: object) -> frozenset[str]:
    if isinstance(labels, str):
        labels = (labels,)
    try:
        return _allowed(tuple(lab for lab in labels if isinstance(lab, str)))  # type: ignore[attr-defined]
    except TypeError:  # not iterable
        return frozenset()


def _scope_notes(t: AnswerText, chosen: tuple[str, ...]) -> list[str]:
    """Labels of the set that the answer names but rules out or only entertains."""
    spans = zones.excluded_spans(t)
    said = zones.outside(t.in_set(t.mentions), spans)
    asserted = {m.label for m in zones.outside(t.answer_mentions(), spans)}
    ruled_out = ranked([m.label for m in said if m.label not in asserted], t.allowed)
    tentative = ranked(
        [m.label for m in said if m.demoted and m.label in asserted and m.label not in chosen[:1]], t.allowed
    )
    notes = []
    if ruled_out:
        notes.append(f"ruled out (negated): {', '.join(ruled_out)}")
    if tentative:
        notes.append(f"only entertained (tentative or conceded, ranked last): {', '.join(tentative)}")
    return notes


def _answer(t: AnswerText, result: _Result, notes: list[str]) -> ParsedAnswer:
    a, b = result.span
    notes = notes + _scope_notes(t, result.labels)
    return ParsedAnswer(result.labels, result.rule, " ".join(t.plain[a:b].split()), tuple(notes))


def parse_answer(text: str, labels: Sequence[str]) -> ParsedAnswer:
    """Parse one model answer into the labels of ``labels`` it commits to, best first.

    ``labels`` are canonical label names (e.g. ``catalog.DATASETS[name].labels``); raw release
    names are accepted too. Never raises; a non-string ``text`` gives an empty result.

    >>> parse_answer("Sadness,Neutral,Disgust,Fear,Anger", ("sad", "neutral", "angry")).ranked
    ('sad', 'neutral', 'angry')
    >>> parse_answer("She is not surprised but clearly frightened.", ("surprised", "fearful")).label
    'fearful'
    >>> parse_answer("<think>Angry? No, the mouth turns down.</think> Sad.", ("angry", "sad")).rule
    'bare_label'
    """
    if not isinstance(text, str) or not text.strip():
        return ParsedAnswer((), "empty")
    allowed = _label_set(labels)
    zone, zone_note = zones.answer_zone(cap(text))
    notes = [zone_note] if zone_note else []
    t = AnswerText(zone, allowed)
    result = _run_rules(t)
    if result.rule != "no_label" or not allowed:
        return _answer(t, result, notes)
    corrected, fixes = correct_typos(fold(zone))
    if fixes:
        t2 = AnswerText(corrected, allowed)
        second = _run_rules(t2)
        if second.labels:
            fixed = ", ".join(f"{typo!r} -> {form!r}" for typo, form in fixes)
            return _answer(t2, second, [*notes, f"typos corrected by edit distance: {fixed}"])
    return _answer(t, result, notes)
