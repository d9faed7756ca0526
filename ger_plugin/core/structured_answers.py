"""Structured answers: records, JSON/YAML/dicts of scores, tables, ranked lists, stated-scale scores.

- :func:`rule_records`: the paper's ``{'name': ..., 'result': ...}`` records and any JSON or
  Python-literal object or list; ``{label, score}`` items, ``label -> score`` mappings and
  ``(label, score)`` pairs rank by score (fractions or percents), the highest first;
- :func:`rule_scores`: per-label scores in prose, YAML, markdown tables ("| Sad | 0.70 |") and
  ``label: x`` / ``score: y`` pairs, ranked by score (integer ranks 1..k rank ascending);
- :func:`rule_ranked_list`: the whole answer is a comma / newline / numbered list of labels (the
  first wins);
- :func:`rule_scale_score`: a sentiment score with its stated scale ("-1.2 on a scale from -3
  to 3"), mapped to the five sentiment bins by the one score-to-class rule.

Pure: no I/O.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable

from ger_plugin.core import vocabulary
from ger_plugin.core.answer_text import AnswerText, ranked
from ger_plugin.core.labels import surface_key

#: At most this many ``{...}`` objects are tried as records (each one is literal-evaluated).
MAX_RECORDS = 64
#: Keys whose value is the answer in JSON-like records, most specific first.
RECORD_KEYS = (
    "result",
    "results",
    "answer",
    "final_answer",
    "prediction",
    "predictions",
    "emotion",
    "emotions",
    "label",
    "labels",
    "sentiment",
    "ranking",
    "ranked",
    "top1",
    "top-1",
    "output",
    "scores",
    "probabilities",
    "distribution",
    "emotion_scores",
    "emotion_probabilities",
)
#: In a ``{label, score}`` item: the keys that hold the label and the score.
LABEL_KEYS = ("label", "emotion", "class", "category", "name", "sentiment", "prediction")
SCORE_KEYS = ("score", "probability", "prob", "confidence", "likelihood", "p", "weight")

Span = tuple[int, int]
Reparse = Callable[[str], tuple[str, ...]]


def label_of(text: str, allowed: frozenset[str]) -> str | None:
    """One whole label (any form), resolved against the label set's senses."""
    if not isinstance(text, str) or len(text) > vocabulary.LONGEST_FORM_CHARS + 16:
        return None  # longer than any form with markup around it: not one label
    senses = vocabulary.senses(surface_key(text))
    return next((s for s in senses if s in allowed), senses[0] if senses else None)


def score_value(value: object) -> float | None:
    """A score as a number: 0.7, 70, "0.7", "70%" (percent -> fraction)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{1,3}(?:\.\d+)?)\s*(%)?\s*", value)
        if m:
            return float(m.group(1)) / (100 if m.group(2) else 1)
    return None


def _scored_item(item: object) -> tuple[str, float] | None:
    """(label text, score) of a ``{label, score}`` dict or a ``(label, score)`` pair, else None."""
    if isinstance(item, dict):
        lab = next((item[k] for k in LABEL_KEYS if isinstance(item.get(k), str)), None)
        score = next((s for s in (score_value(item.get(k)) for k in SCORE_KEYS) if s is not None), None)
        return (lab, score) if lab is not None and score is not None else None
    if isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[0], str):
        score = score_value(item[1])
        return (item[0], score) if score is not None else None
    return None


def _by_score(pairs: list[tuple[str, float]], allowed: frozenset[str]) -> tuple[str, ...]:
    labelled = [(label_of(lab, allowed), s) for lab, s in pairs]
    return ranked([lab for lab, _ in sorted(labelled, key=lambda p: -p[1]) if lab], allowed)


def _lettered_choice(keyed: dict[str, object], allowed: frozenset[str]) -> tuple[str, ...]:
    """``{"answer": "C", "options": {"A": "happy", ..., "C": "fearful"}}`` -> ("fearful",)."""
    letter = next(
        (
            v.strip(" ().").casefold()
            for k, v in keyed.items()
            if k in ("answer", "choice", "option", "final_answer") and isinstance(v, str) and len(v.strip(" ().")) == 1
        ),
        None,
    )
    if letter is None:
        return ()
    for options in keyed.values():
        if isinstance(options, dict) and options and all(len(str(k).strip()) == 1 for k in options):
            chosen = {str(k).strip().casefold(): v for k, v in options.items()}.get(letter)
            if isinstance(chosen, str):
                return ranked([label_of(chosen, allowed) or ""], allowed)
    return ()


def labels_in_value(value: object, allowed: frozenset[str], reparse: Reparse, depth: int = 0) -> tuple[str, ...]:
    """Ranked labels of one parsed value: a string, a list, a scored item or list, a label -> score map."""
    if depth > 8:
        return ()
    if isinstance(value, dict):
        item = _scored_item(value)
        if item is not None:
            return ranked([label_of(item[0], allowed) or ""], allowed)
        scored = [(str(k), score_value(v)) for k, v in value.items()]
        pairs = [(k, s) for k, s in scored if s is not None and label_of(k, allowed) is not None]
        if pairs:
            return _by_score(pairs, allowed)
        keyed = {str(k).strip().casefold(): v for k, v in value.items()}
        lettered = _lettered_choice(keyed, allowed)
        if lettered:
            return lettered
        inner = [keyed[k] for k in RECORD_KEYS if k in keyed] + [
            v for v in keyed.values() if isinstance(v, (dict, list))
        ]
        for v in inner[:MAX_RECORDS]:
            inside = labels_in_value(v, allowed, reparse, depth + 1)
            if inside:
                return inside
        return ()
    if isinstance(value, (list, tuple)):
        items = list(value[:MAX_RECORDS])
        scored_items = [_scored_item(x) for x in items]
        if items and all(s is not None for s in scored_items):
            return _by_score([s for s in scored_items if s is not None], allowed)
        found: list[str] = []
        for x in items:
            found.extend(labels_in_value(x, allowed, reparse, depth + 1))
        return ranked(found, allowed)
    if isinstance(value, str):
        return reparse(value)
    return ()


_RECORD = re.compile(r"\{[^{}]*\}")
_RECORD_KEY_ALTERNATIVES = "|".join(map(re.escape, RECORD_KEYS))
_RECORD_FIELD = re.compile(rf"""["']?({_RECORD_KEY_ALTERNATIVES})["']?\s*[:=]\s*(?:"([^"]*)"|'([^']*)'|\[([^\]]*)\])""")
_FENCE = re.compile(r"^\s*```[a-z]*\s*|\s*```\s*$")


def read_json(src: str) -> object:
    """``src`` as JSON or a Python literal (the paper's records use single quotes); else None."""
    for reader in (json.loads, ast.literal_eval):
        try:
            return reader(src)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError, OverflowError):
            continue
    return None


def read_record(src: str) -> dict[str, object]:
    value = read_json(src)
    if isinstance(value, dict):
        return {str(k).strip().casefold(): v for k, v in value.items()}
    # Malformed (unbalanced quotes, trailing text): fall back to key: 'value' pairs.
    record: dict[str, object] = {}
    name = re.search(r"""["']?name["']?\s*[:=]\s*["']([^"']*)["']""", src, re.IGNORECASE)
    if name:
        record["name"] = name.group(1)
    for f in _RECORD_FIELD.finditer(src.casefold()):
        record.setdefault(f.group(1), next(g for g in f.groups()[1:] if g is not None))
    return record


def record_value(record: dict[str, object]) -> object:
    for key in RECORD_KEYS:
        if key in record:
            return record[key]
    return None


def records(text: str) -> list[dict[str, object]]:
    """Flat ``{...}`` objects in the text, read as JSON, Python literals, or key: 'value' pairs."""
    out: list[dict[str, object]] = []
    for m in _RECORD.finditer(text):
        if len(out) >= MAX_RECORDS:
            break
        out.append(read_record(m.group()))
    return out


def _whole_value(text: str) -> tuple[object, Span]:
    """The one object or list that the answer is (code fences allowed around it), else None."""
    first = min((i for i in (text.find("{"), text.find("[")) if i >= 0), default=-1)
    last = max(text.rfind("}"), text.rfind("]"))
    if first < 0 or last <= first:
        return None, (0, 0)
    return read_json(_FENCE.sub("", text[first : last + 1])), (first, last + 1)


def rule_records(t: AnswerText, reparse: Reparse) -> tuple[str, tuple[str, ...], Span]:
    """("paper_record" | "json", labels, span) of the first record-like object that names a label."""
    if "{" not in t.folded and "[(" not in t.folded.replace(" ", ""):
        return "", (), (0, 0)
    whole, span = _whole_value(t.folded)
    if isinstance(whole, (dict, list, tuple)):
        found = labels_in_value(whole, t.allowed, reparse)
        if found:
            named = isinstance(whole, dict) and "name" in {str(k).casefold() for k in whole}
            return ("paper_record" if named else "json"), found, span
    for m, record in zip(_RECORD.finditer(t.folded), records(t.folded)):
        found = labels_in_value(record_value(record), t.allowed, reparse)
        if found:
            return ("paper_record" if "name" in record else "json"), found, (m.start(), m.end())
    return "", (), (0, 0)


# --- scores in text ------------------------------------------------------------------------------

_SCORE_AFTER = re.compile(
    r"[\"']?(?:\s*[:=|(]|\s*[-—–](?=\s*\d[\d.]*\s*%)|[ \t]+(?=\d{1,3}(?:\.\d+)?(?![\d.)])))\s*[\"']?(\d{1,3}(?:\.\d+)?)\s*(%)?"
)
_SCORE_BEFORE = re.compile(
    r"(\d{1,3}(?:\.\d+)?)\s*(%)\s*(?:probability|chance|likelihood|confidence)?\s*"
    r"(?:of|for)?\s*(?:being)?\s*$"
)
_LABEL_KEY_ALTERNATIVES, _SCORE_KEY_ALTERNATIVES = "|".join(LABEL_KEYS), "|".join(SCORE_KEYS)
_PAIR = re.compile(
    rf"\b(?:{_LABEL_KEY_ALTERNATIVES})[\"']?\s*[:=]\s*[\"']?([^\"'\n,{{}}:]{{1,30}}?)[\"']?\s*[,\n]\s*[-\s]*[\"']?"
    rf"(?:{_SCORE_KEY_ALTERNATIVES})[\"']?\s*[:=]\s*[\"']?(\d{{1,3}}(?:\.\d+)?)\s*(%)?"
)
_DIGIT = re.compile(r"\d")


def _pairs(t: AnswerText) -> tuple[tuple[str, ...], Span]:
    """``label: x`` then ``score: y`` pairs (YAML lists, JSON that failed to parse), highest first."""
    found = [(m.group(1), float(m.group(2)) / (100 if m.group(3) else 1), m.span()) for m in _PAIR.finditer(t.plain)]
    found = [f for f in found if label_of(f[0].strip(), t.allowed) in t.allowed]
    if not found:
        return (), (0, 0)
    labels = _by_score([(lab.strip(), s) for lab, s, _ in found], t.allowed)
    return labels, (found[0][2][0], found[-1][2][1])


def rule_scores(t: AnswerText) -> tuple[tuple[str, ...], Span]:
    if _DIGIT.search(t.plain) is None:
        return (), (0, 0)
    pairs = _pairs(t)
    if pairs[0]:
        return pairs
    scored: list[tuple[str, float, bool, int, int]] = []  # label, value, explicit probability, span
    for m in t.in_set(t.mentions):
        after = _SCORE_AFTER.match(t.plain, m.end)
        before = None if after else _SCORE_BEFORE.search(t.plain, max(0, m.start - 40), m.start)
        hit = after or before
        if hit is None:
            continue
        value, percent = float(hit.group(1)), hit.group(2) is not None
        scored.append(
            (
                m.label,
                value / 100 if percent else value,
                percent or "." in hit.group(1),
                min(m.start, hit.start()),
                max(m.end, hit.end()),
            )
        )
    if not scored or (len(scored) < 2 and not scored[0][2]):
        return (), (0, 0)
    values = [s[1] for s in scored]
    ranks = all(v.is_integer() for v in values) and sorted(values) == list(range(1, len(values) + 1))
    order = sorted(range(len(scored)), key=lambda k: (values[k] if ranks else -values[k], k))
    head = [scored[k][0] for k in order]
    return ranked(head + [m.label for m in t.answer_mentions()], t.allowed), (scored[0][3], scored[-1][4])


# --- whole-answer lists --------------------------------------------------------------------------

_ITEM_SPLIT = re.compile(r"[,;\n>|/、，；→]|(?<![\w.])\(?\d{1,2}[.)](?!\d)|\b(?:and|or|then)\b")
_ITEM_HEAD_END = re.compile(r"\s[-–—]\s|[:(–—]|\s(?:because|due|as|since|with)\s")
_ITEM_MAX_WORDS = 4


def rule_ranked_list(t: AnswerText) -> tuple[tuple[str, ...], Span]:
    text = t.plain
    items = [s for s in _ITEM_SPLIT.split(text) if s.strip()]
    if items and ":" in items[0]:  # "Ranking: sad" / "Here is my ranking:" preamble
        items[0] = items[0].rsplit(":", 1)[1]
    items = [s for s in (s.strip(" \t\r.-:") for s in items) if s]
    if len(items) < 2:  # one item is a bare label or a conclusion ("Emotion: Neutral")
        return (), (0, 0)
    found: list[str] = []
    for item in items:
        head = _ITEM_HEAD_END.split(item, 1)[0].strip(" .!\"'")
        canonical = label_of(head, t.allowed) if len(head.split()) <= _ITEM_MAX_WORDS else None
        if canonical is None:
            return (), (0, 0)  # not a pure list of labels: leave it to the sentence rule
        found.append(canonical)
    return ranked(found, t.allowed), (0, len(text))


# --- sentiment scores with a stated scale --------------------------------------------------------

_NUM = r"[-+−]?\s?\d+(?:\.\d+)?"
_SCALE = re.compile(
    rf"(?:scale|range|from|between|\[|\()[^\d\n+−-]{{0,20}}?({_NUM})\s*(?:to|\.\.\.?|–|—|-|,|and|~)\s*({_NUM})"
    rf"|({_NUM})\s*(?:to|\.\.\.?|–|—|~)\s*({_NUM})\s*[\])]?\s*(?:scale|range)"
)
_NUMBER = re.compile(r"(?<![\w.])[-+−]?\d+(?:\.\d+)?(?![\w.]*\d)")
_SCORE_WORD = re.compile(r"(?:score|rating|rate|rated|intensity|sentiment|value|polarity|valence)\W{0,25}$")
#: Scales a model may state, as (low, high): symmetric around 0, so 0 is neutral.
SCALES = ((-1.0, 1.0), (-3.0, 3.0))


def _num(text: str) -> float:
    return float(text.replace("−", "-").replace(" ", ""))


def rule_scale_score(
    t: AnswerText, score_to_label: Callable[[float, tuple[float, float]], str]
) -> tuple[tuple[str, ...], Span]:
    """A numeric sentiment score with its stated scale, mapped to one of the five bins."""
    if not vocabulary.has_intensity_scale(t.allowed) or _DIGIT.search(t.plain) is None:
        return (), (0, 0)
    scale_m = _SCALE.search(t.plain)
    if scale_m is None:
        return (), (0, 0)
    lo_s, hi_s = (scale_m.group(1), scale_m.group(2)) if scale_m.group(1) else (scale_m.group(3), scale_m.group(4))
    scale = (_num(lo_s), _num(hi_s))
    if scale not in SCALES:
        return (), (0, 0)
    candidates = []
    for m in _NUMBER.finditer(t.plain):
        if scale_m.start() <= m.start() < scale_m.end():
            continue
        value = _num(m.group())
        if scale[0] <= value <= scale[1]:
            has_word = _SCORE_WORD.search(t.plain, max(0, m.start() - 40), m.start()) is not None
            candidates.append((has_word, value, m.span()))
    if not candidates:
        return (), (0, 0)
    keyed = [c for c in candidates if c[0]]
    chosen = (keyed or candidates)[-1] if keyed or len(candidates) == 1 else None
    if chosen is None:
        return (), (0, 0)
    label = score_to_label(chosen[1], scale)
    return ranked([label], t.allowed), (min(chosen[2][0], scale_m.start()), max(chosen[2][1], scale_m.end()))
