"""Model text -> ranked canonical labels, by a short pipeline of named rules.

``parse_answer(text, labels)`` reads one model answer and returns a :class:`ParsedAnswer`:
the labels of ``labels`` it names, best first, and the name of the rule that decided. Rules are
tried in order; the first that yields at least one label of the set wins:

1. ``empty``        -- no text, only punctuation, or not a string: no answer.
2. ``bare_label``   -- the whole answer is one label ("Happiness", "**happy.**").
3. ``paper_record`` / ``json`` -- a ``{'name': ..., 'result': ...}`` record (the paper's output
   format) or any JSON / Python-dict object with a result-like key; the value may be a string,
   a list, or a label -> score mapping.
4. ``scores``       -- per-label scores or probabilities ("happy: 0.1, sad: 0.7", "sad (70%)"),
   ranked by score (integer ranks 1..k rank ascending).
5. ``ranked_list``  -- the whole answer is a comma / newline / numbered list of labels
   ("Sadness,Neutral,Fear", "1. Sadness 2. Neutral"), optionally after a "Ranking:" preamble.
6. ``chinese``      -- mostly-Chinese text: a Chinese concluding phrase ("情绪：中性") first,
   else Chinese (or English) label words with Chinese negation ("不", "没有") respected.
7. ``conclusion``   -- the last explicit concluding phrase ("Answer: X", "the emotion is X",
   "I'd pick X", "Therefore, X", "Ranking: ...") that names a label; its labels go first, the
   labels mentioned elsewhere follow.
8. ``sentence``     -- labels mentioned in free text, in order of first mention, skipping
   negated ones ("not surprised", "neither X nor Y", "rather than X"), restated candidate lists
   ("The options are ...") and refusal clauses; labels of a concessive clause ("although she
   is smiling") rank last.
9. ``refusal``      -- a refusal ("I'm sorry, I can't help with identifying people") and no label.
10. ``no_label``    -- text that names no label of the set (out-of-set labels are never answers).

Labels are found through :data:`ger_plugin.core.labels.SURFACE_FORMS` (synonyms, misspellings,
Chinese), matching whole words and the longest form first ("weakly positive" is never also
"positive"). Labels outside ``labels`` are skipped, so ``ranked`` only holds labels of the set.

Bounded time: the analysed text is at most :data:`MAX_CHARS` characters -- the first
:data:`HEAD_CHARS` and the last :data:`TAIL_CHARS` of a longer answer (answers state their
conclusion at the end), capped again after Unicode normalisation. Pure: no I/O, no environment.
"""

from __future__ import annotations

import ast
import itertools
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, NamedTuple, Sequence

from ger_plugin.core.labels import SURFACE_FORMS, normalize

#: Longest text analysed; longer answers keep their first HEAD_CHARS and last TAIL_CHARS.
MAX_CHARS = 4000
HEAD_CHARS = 1000
TAIL_CHARS = MAX_CHARS - HEAD_CHARS
#: split_batched_answer reads at most this many characters per input (4 inputs at least).
BATCH_CHARS_PER_INPUT = MAX_CHARS
#: At most this many ``{...}`` objects are tried as records (each one is literal-evaluated).
MAX_RECORDS = 64

# --- phrase lists (folded: NFKC + casefold) -------------------------------------------------

#: Surface forms too common in prose to count as a label inside free text (they still count
#: as a whole answer or list item): "on the other hand", "pos"/"neg" abbreviations, "I wonder".
PROSE_AMBIGUOUS_FORMS = frozenset({"other", "pos", "neg", "wonder"})

#: Words that negate a label in the few words before it (same clause).
NEGATORS = frozenset({
    "not", "no", "never", "without", "neither", "nor", "hardly", "barely", "than", "unlikely",
    "lack", "lacks", "lacking", "absence", "absent", "cannot", "none", "nothing", "nobody",
    "rather", "instead", "excluding", "except",
})
#: Multi-word negating phrases (matched in the words before a label).
NEGATING_PHRASES = ("instead of", "as opposed to", "rule out", "ruled out", "rules out", "free of",
                    "devoid of", "other than", "no sign of", "no signs of", "no trace of")
#: A label followed by one of these (after a copula) is negated: "anger is not evident".
COPULAS = frozenset({"is", "are", "was", "were", "seems", "seem", "appears", "appear", "does", "do"})
POST_NEGATORS = frozenset({"not", "absent", "unlikely", "never", "missing", "ruled", "lacking"})
#: Words that start a new clause: negation before them does not reach labels after them.
CLAUSE_BREAKERS = frozenset({"but", "however", "although", "though", "yet", "whereas", "while",
                             "instead", "rather", "但", "却", "而"})
#: A clause opening with one of these concedes: its labels rank after the others.
CONCESSIVES = frozenset({"although", "though", "despite", "while", "whereas", "whilst", "虽然", "尽管"})
#: How many words before a label are searched for a negator.
NEGATION_WINDOW = 4
#: Chinese negation right before a label ("不开心" is itself a form of sad, see labels.py).
ZH_NEGATION = re.compile(r"(?:不|没|未|并非|别|无)[是太很怎么那有算特别感到觉得]{0,3}$")

#: Explicit concluding phrases (English). The last one followed by a label wins.
CONCLUSION_MARKERS = (
    r"\b(?:final|overall|my) answer\b\s*(?:is|would be|[:=-])?",
    r"\banswer\s*(?:is|would be|[:=])",
    r"\b(?:emotion|emotions|sentiment|expression|label|prediction|classification|result|category|"
    r"verdict|mood|feeling|top[- ]?1)\s*[:=]",
    r"\bthe (?:[\w'-]+ ){0,3}(?:emotion|sentiment|expression|feeling|label|mood|category|choice|answer)"
    r"(?: [\w'-]+){0,6}? (?:is|would be|appears to be|seems to be|is likely|is most likely|"
    r"is best described as|is probably|could be|might be|may be|must be)\b",
    r"\bi(?:'d| would|'ll| will)? (?:pick|choose|go with|select|say|guess|lean towards?|opt for|"
    r"conclude|believe|think|classify (?:it|this|the \w+) as)\b",
    r"\bmy (?:final )?(?:answer|choice|pick|guess|prediction) (?:is|would be)\b",
    r"\b(?:therefore|thus|hence|in conclusion|in summary|to conclude|to summarize|consequently|"
    r"all in all|overall)\b,?",
    r"\b(?:best|most accurately) (?:described|categorized|categorised|classified|characterized) as\b",
    r"\bmost likely\b(?!\s*\))",  # not "Sad (most likely), Angry": that is a list annotation
    r"\b(?:final |my )?(?:ranking|ranked list|top[- ]?\d+|order)\s*[:=]",
)
#: Explicit concluding phrases (Chinese).
ZH_CONCLUSION_MARKERS = (
    r"(?:最终答案|答案|回答|结论|情绪|情感|表情|类别|预测|结果)(?:应该是|可能是|是|为)?\s*[:：]?",
    r"我(?:认为|觉得|选择|会选|判断|猜)(?:是)?",
    r"(?:所以|因此|综上所述|综上|总之)",
)
#: A restated candidate list is not an answer: "The options are happy, sad, angry."
CANDIDATE_LIST = re.compile(
    r"\b(?:options|candidates|choices|candidate (?:labels|emotions)|possible (?:labels|emotions|answers)|"
    r"given (?:labels|emotions)|label set|categories)\s*(?:are|were|include|:)|候选|选项"
)
#: Refusals. The clause they open (to the sentence end or a "but") is not analysed.
REFUSAL = re.compile(
    r"\b(?:i'm sorry|i am sorry|sorry|i apologi[sz]e|unfortunately)\b[^.!?\n]{0,80}?"
    r"\b(?:can't|cannot|can not|unable|not able|won't|will not|not possible)\b"
    r"|\b(?:i|we) (?:can't|cannot|am unable to|'m unable to|am not able to) (?:help|assist|provide|"
    r"identify|determine|analy[sz]e|comply|recogni[sz]e|make|tell|do that|process)\b"
    r"|\bas an ai\b|抱歉|对不起|无法(?:识别|判断|确定|提供|帮助|回答)|不能(?:识别|判断|帮助|回答)"
)
REFUSAL_CLAUSE_END = re.compile(r"(?<!\d)[.!?](?!\d)|[。！？\n]|,? but\b|,? however\b|但是|不过")
#: Keys whose value is the answer in JSON-like records, most specific first.
RECORD_KEYS = ("result", "results", "answer", "prediction", "predictions", "emotion", "emotions",
               "label", "labels", "sentiment", "ranking", "ranked", "top1", "top-1", "output")

# --- tokens and mentions --------------------------------------------------------------------

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PUNCT = ".,;:!?\n()[]{}。，；：！？、"
_TOKEN = re.compile(rf"[{_CJK}]|[a-z0-9\u00c0-\u024f]+(?:'[a-z]+)*|[{re.escape(_PUNCT)}]")
_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?!\d)|[。！？\n]")
_MARKDOWN = re.compile(r"[*#`~]+")


def _is_cjk(token: str) -> bool:
    return len(token) == 1 and ("\u3400" <= token <= "\u9fff" or "\uf900" <= token <= "\ufaff")


def _form_table() -> tuple[dict[tuple[str, ...], str], int]:
    """Surface form token tuple -> canonical label, for matching inside free text."""
    table: dict[tuple[str, ...], str] = {}
    for form, canonical in SURFACE_FORMS.items():
        if form in PROSE_AMBIGUOUS_FORMS:
            continue
        key = tuple(t for t in _TOKEN.findall(form) if t not in _PUNCT)
        if key:
            table[key] = canonical
    return table, max(len(k) for k in table)


_FORMS, _MAX_FORM_TOKENS = _form_table()
_FIRST_TOKENS = frozenset(k[0] for k in _FORMS)


class _Token(NamedTuple):
    text: str
    start: int
    end: int


class _Mention(NamedTuple):
    label: str
    start: int
    end: int
    negated: bool
    conceded: bool  # in a concessive clause ("although she is smiling, ..."): ranked after the rest


@dataclass(frozen=True)
class ParsedAnswer:
    """The labels one answer names (canonical, best first, no repeats) and the rule that decided."""

    ranked: tuple[str, ...]
    rule: str

    @property
    def label(self) -> str | None:
        """The top-1 label, or ``None`` when the answer names no label of the set."""
        return self.ranked[0] if self.ranked else None


class _Text:
    """One answer prepared once for all rules: folded text, tokens and label mentions."""

    def __init__(self, raw: str, allowed: frozenset[str]) -> None:
        self.allowed = allowed
        self.folded = _cap(unicodedata.normalize("NFKC", _cap(raw)).casefold().replace("\u2019", "'"))
        self.plain = _MARKDOWN.sub(" ", self.folded)  # markdown emphasis and headings removed
        self.tokens = [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(self.plain)]
        self.mentions = _find_mentions(self.tokens, self.plain)

    def in_set(self, mentions: Iterable[_Mention]) -> list[_Mention]:
        return [m for m in mentions if m.label in self.allowed]

    def answer_mentions(self, start: int = 0, end: int | None = None) -> list[_Mention]:
        """Non-negated mentions of labels of the set within [start, end)."""
        stop = len(self.plain) if end is None else end
        return [m for m in self.mentions if not m.negated and m.label in self.allowed
                and start <= m.start and m.end <= stop]


def _cap(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    return text[:HEAD_CHARS] + "\n" + text[-TAIL_CHARS:]


def _find_mentions(tokens: list[_Token], text: str) -> list[_Mention]:
    """Every label surface form in the tokens, longest form first, with its negation state."""
    words = [t.text for t in tokens]
    openers = _clause_openers(words)
    mentions: list[_Mention] = []
    i, n = 0, len(words)
    while i < n:
        if words[i] in _FIRST_TOKENS:
            for size in range(_MAX_FORM_TOKENS if n - i > _MAX_FORM_TOKENS else n - i, 0, -1):
                label = _FORMS.get(tuple(words[i:i + size]))
                if label is not None:
                    start = tokens[i].start
                    negated = (ZH_NEGATION.search(text, max(0, start - 6), start) is not None
                               if _is_cjk(words[i]) else _is_negated(words, i, i + size))
                    mentions.append(_Mention(label, start, tokens[i + size - 1].end, negated,
                                             openers[i] < i and words[openers[i]] in CONCESSIVES))
                    i += size
                    break
            else:
                i += 1
        else:
            i += 1
    return mentions


def _clause_openers(words: list[str]) -> list[int]:
    """For each token, the index of the first token of its clause (one pass, linear)."""
    openers, first = [], 0
    for k, w in enumerate(words):
        if w in _PUNCT:
            first = k + 1
        openers.append(first)
    return openers


def _is_negated(words: list[str], i: int, j: int) -> bool:
    """Is the (non-Chinese) form words[i:j] negated by the words just before it, or by "is not" after it?"""
    before: list[str] = []
    k = i - 1
    while k >= 0 and len(before) < NEGATION_WINDOW:
        w = words[k]
        if w in _PUNCT or w in CLAUSE_BREAKERS:
            # "rather than X" / "instead of X": the breaker itself negates what follows it
            if w in ("rather", "instead") and k == i - 2:
                return True
            break
        before.append(w)
        k -= 1
    if any(w in NEGATORS or w.endswith("n't") for w in before):
        return True
    window = " ".join(reversed(before))
    if any(phrase in window for phrase in NEGATING_PHRASES):
        return True
    after = words[j:j + 2]
    if after and after[0].endswith("n't") and after[0][:-3] in COPULAS:  # "anger isn't visible"
        return True
    return len(after) == 2 and after[0] in COPULAS and after[1] in POST_NEGATORS


def _ranked(labels: Iterable[str], allowed: frozenset[str]) -> tuple[str, ...]:
    out: list[str] = []
    for lab in labels:
        if lab in allowed and lab not in out:
            out.append(lab)
    return tuple(out)


# --- rules: each returns the ranked labels it found (empty when it does not apply) ---------------


def _rule_bare_label(t: _Text) -> tuple[str, ...]:
    return _ranked([normalize(t.plain) or ""], t.allowed)


_RECORD = re.compile(r"\{[^{}]*\}")
_RECORD_FIELD = re.compile(
    r"""["']?(%s)["']?\s*[:=]\s*(?:"([^"]*)"|'([^']*)'|\[([^\]]*)\])""" % "|".join(map(re.escape, RECORD_KEYS))
)


def _records(text: str) -> list[dict]:
    """Flat ``{...}`` objects in the text, read as JSON, Python literals, or key: 'value' pairs."""
    out: list[dict] = []
    first, last = text.find("{"), text.rfind("}")
    if 0 <= first < last:  # one whole (possibly nested) object or a list of objects
        if text[first - 1:first] == "[" and text[last + 1:last + 2] == "]":
            first, last = first - 1, last + 1
        whole = _read_json(text[first:last + 1])
        items = whole if isinstance(whole, list) else [whole]
        out.extend({str(k).strip().casefold(): v for k, v in d.items()} for d in items[:MAX_RECORDS] if isinstance(d, dict))
    for m in _RECORD.finditer(text):
        if len(out) >= MAX_RECORDS:
            break
        out.append(_read_record(m.group()))
    return out


def _read_json(src: str) -> object:
    """``src`` as JSON or a Python literal (the paper's records use single quotes); else None."""
    for reader in (json.loads, ast.literal_eval):
        try:
            return reader(src)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError, OverflowError):
            continue
    return None


def _read_record(src: str) -> dict:
    value = _read_json(src)
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


def _record_value(record: dict) -> object:
    for key in RECORD_KEYS:
        if key in record:
            return record[key]
    return None


def _labels_in_value(value: object, allowed: frozenset[str]) -> tuple[str, ...]:
    """Ranked labels of one record value: a string, a list of strings, or label -> score."""
    if isinstance(value, dict):
        scored = [(normalize(str(k)), v) for k, v in value.items() if isinstance(v, (int, float))]
        scored = [(lab, float(v)) for lab, v in scored if lab is not None]
        return _ranked([lab for lab, _ in sorted(scored, key=lambda p: -p[1])], allowed)
    if isinstance(value, (list, tuple)):
        found: list[str] = []
        for item in value[:64]:
            found.extend(_labels_in_value(item, allowed))
        return _ranked(found, allowed)
    if isinstance(value, str):
        sub = _Text(value, allowed)
        for _, rule in RULES:
            found_labels = rule(sub)
            if found_labels:
                return found_labels
    return ()


def _rule_records(t: _Text) -> tuple[str, tuple[str, ...]]:
    for record in _records(t.folded):
        found = _labels_in_value(_record_value(record), t.allowed)
        if found:
            return ("paper_record" if "name" in record else "json"), found
    return "", ()


_SCORE_AFTER = re.compile(r"[\"']?\s*(?:[:=]|\(|-(?=\s*\d[\d.]*\s*%))\s*(\d{1,3}(?:\.\d+)?)\s*(%)?")
_SCORE_BEFORE = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*(%)\s*(?:probability|chance|likelihood|confidence)?\s*"
                           r"(?:of|for)?\s*(?:being)?\s*$")


_DIGIT = re.compile(r"\d")


def _rule_scores(t: _Text) -> tuple[str, ...]:
    scored: list[tuple[str, float, bool]] = []  # label, value, explicit probability
    if _DIGIT.search(t.plain) is None:
        return ()
    for m in t.in_set(t.mentions):
        after = _SCORE_AFTER.match(t.plain, m.end)
        before = None if after else _SCORE_BEFORE.search(t.plain, max(0, m.start - 40), m.start)
        hit = after or before
        if hit is None:
            continue
        value, percent = float(hit.group(1)), hit.group(2) is not None
        scored.append((m.label, value / 100 if percent else value, percent or "." in hit.group(1)))
    if not scored or (len(scored) < 2 and not scored[0][2]):
        return ()
    values = [v for _, v, _ in scored]
    ranks = all(v.is_integer() for v in values) and sorted(values) == list(range(1, len(values) + 1))
    order = sorted(range(len(scored)), key=lambda k: (values[k] if ranks else -values[k], k))
    head = [scored[k][0] for k in order]
    return _ranked(head + [m.label for m in t.answer_mentions()], t.allowed)


_LIST_LINE = re.compile(r"[ \t]*(?:\(?\d{1,2}[.)]|[-•])[ \t]")


def _clause_after(text: str, pos: int) -> tuple[int, int]:
    """The clause that starts at ``pos``: leading blanks skipped, up to the sentence end."""
    while pos < len(text) and text[pos] in " \t\r\n:：-*":
        pos += 1
    end = _SENTENCE_END.search(text, pos)
    stop = end.start() if end else len(text)
    # "Ranking:\n1. Fear\n2. Sad": the clause goes on over the list items that follow
    while stop < len(text) and text[stop] == "\n" and _LIST_LINE.match(text, stop + 1):
        end = _SENTENCE_END.search(text, stop + 1)
        stop = end.start() if end else len(text)
    return pos, stop


def _conclusion(t: _Text, markers: re.Pattern[str]) -> tuple[str, ...]:
    """Labels of the last concluding clause that names one, then the other labels mentioned."""
    for m in reversed(list(markers.finditer(t.plain))):
        start, end = _clause_after(t.plain, m.end())
        head = t.answer_mentions(start, end)
        if head:
            return _ranked([x.label for x in head] + [x.label for x in _sentence_mentions(t)], t.allowed)
    return ()


_EN_CONCLUSION = re.compile("|".join(CONCLUSION_MARKERS))
_ZH_CONCLUSION = re.compile("|".join(ZH_CONCLUSION_MARKERS))


def _rule_conclusion(t: _Text) -> tuple[str, ...]:
    return _conclusion(t, _EN_CONCLUSION)


_CJK_CHARS = re.compile(f"[{_CJK}]")
_LATIN_CHARS = re.compile(r"[a-z]")


def _rule_chinese(t: _Text) -> tuple[str, ...]:
    cjk = len(_CJK_CHARS.findall(t.plain))
    latin = len(_LATIN_CHARS.findall(t.plain))
    if cjk == 0 or cjk < 0.3 * (cjk + latin):
        return ()
    return _conclusion(t, _ZH_CONCLUSION) or _ranked([m.label for m in _sentence_mentions(t)], t.allowed)


_ITEM_SPLIT = re.compile(r"[,;\n>|/、，；→]|(?<![\w.])\(?\d{1,2}[.)](?!\d)|\b(?:and|or|then)\b")
_ITEM_HEAD_END = re.compile(r"\s[-–—]\s|[:(–—]|\s(?:because|due|as|since|with)\s")
_ITEM_MAX_WORDS = 4


def _rule_ranked_list(t: _Text) -> tuple[str, ...]:
    text = t.plain
    items = [s for s in _ITEM_SPLIT.split(text) if s.strip()]
    if items and ":" in items[0]:  # "Ranking: sad" / "Here is my ranking:" preamble
        items[0] = items[0].rsplit(":", 1)[1]
    items = [s for s in (s.strip(" \t\r.-:") for s in items) if s]
    if len(items) < 2:  # one item is a bare label or a conclusion ("Emotion: Neutral")
        return ()
    found: list[str] = []
    for item in items:
        head = _ITEM_HEAD_END.split(item, 1)[0].strip(" .!\"'")
        canonical = normalize(head) if len(head.split()) <= _ITEM_MAX_WORDS else None
        if canonical is None:
            return ()  # not a pure list of labels: leave it to the sentence rule
        found.append(canonical)
    return _ranked(found, t.allowed)


def _excluded_spans(t: _Text) -> list[tuple[int, int]]:
    """Restated candidate lists and refusal clauses: their labels are not answers."""
    spans = []
    for m in CANDIDATE_LIST.finditer(t.plain):
        end = _SENTENCE_END.search(t.plain, m.end())
        spans.append((m.start(), end.start() if end else len(t.plain)))
    for m in REFUSAL.finditer(t.plain):
        end = REFUSAL_CLAUSE_END.search(t.plain, m.end())
        spans.append((m.start(), end.start() if end else len(t.plain)))
    return spans


def _sentence_mentions(t: _Text) -> list[_Mention]:
    spans = _excluded_spans(t)
    kept = [m for m in t.answer_mentions() if not any(a <= m.start < b for a, b in spans)]
    return sorted(kept, key=lambda m: m.conceded)  # stable: order of mention otherwise


def _rule_sentence(t: _Text) -> tuple[str, ...]:
    return _ranked([m.label for m in _sentence_mentions(t)], t.allowed)


def _rule_refusal(t: _Text) -> bool:
    return REFUSAL.search(t.plain) is not None


#: Every rule name a ParsedAnswer can carry, in pipeline order.
RULE_NAMES = ("empty", "bare_label", "paper_record", "json", "scores", "ranked_list", "chinese",
              "conclusion", "sentence", "refusal", "no_label")

#: The rules that find labels in any text, in pipeline order. parse_answer runs the record rule
#: (paper_record / json) after bare_label, and ends with refusal / no_label; record values that
#: are free text go through these rules again.
RULES: tuple[tuple[str, Callable[[_Text], tuple[str, ...]]], ...] = (
    ("bare_label", _rule_bare_label),
    ("scores", _rule_scores),
    ("ranked_list", _rule_ranked_list),
    ("chinese", _rule_chinese),
    ("conclusion", _rule_conclusion),
    ("sentence", _rule_sentence),
)


@lru_cache(maxsize=256)
def _allowed(labels: tuple[str, ...]) -> frozenset[str]:
    return frozenset(lab for lab in map(normalize, labels) if lab is not None)


def _label_set(labels: object) -> frozenset[str]:
    if isinstance(labels, str):
        labels = (labels,)
    try:
        return _allowed(tuple(lab for lab in labels if isinstance(lab, str)))  # type: ignore[union-attr]
    except TypeError:  # not iterable
        return frozenset()


def parse_answer(text: str, labels: Sequence[str]) -> ParsedAnswer:
    """Parse one model answer into the labels of ``labels`` it names, best first.

    ``labels`` are canonical label names (e.g. ``catalog.DATASETS[name].labels``); raw release
    names are accepted too. Never raises; a non-string ``text`` gives an empty result.

    >>> parse_answer("Sadness,Neutral,Disgust,Fear,Anger", ("sad", "neutral", "angry")).ranked
    ('sad', 'neutral', 'angry')
    >>> parse_answer("She is not surprised but clearly frightened.", ("surprised", "fearful")).label
    'fearful'
    """
    if not isinstance(text, str) or not text.strip():
        return ParsedAnswer((), "empty")
    t = _Text(text, _label_set(labels))
    if not t.plain.strip(" \t\r\n.,;:!?\"'()[]{}-"):
        return ParsedAnswer((), "empty")
    bare = _rule_bare_label(t)
    if bare:
        return ParsedAnswer(bare, "bare_label")
    rule, found = _rule_records(t)  # between bare_label and the rest: it has two names
    if found:
        return ParsedAnswer(found, rule)
    for name, rule_fn in RULES[1:]:
        found = rule_fn(t)
        if found:
            return ParsedAnswer(found, name)
    return ParsedAnswer((), "refusal" if _rule_refusal(t) else "no_label")


# --- batched answers ------------------------------------------------------------------------

_NUMBERED_ITEM = re.compile(
    r"^[\s*#>-]*(?:(?:image|video|sample|clip|picture|photo|input|item|图片|视频|样本)\s*#?\s*)?"
    r"(\d{1,4})\s*(?:[.):：\]-]|\*\*)\s*(.*)$",
    re.IGNORECASE,
)


_NAMED_LINE = re.compile(r"^[\s*#>-]*([^\s:：,]+?)[*`'\"]*\s*(?:[:：,]|\s-\s)\s*(.+)$")


def _name_keys(name: str) -> set[str]:
    """Spellings a model may echo for one input name: as given, without folders or extension."""
    base = name.strip().replace("\\", "/").rsplit("/", 1)[-1].casefold()
    return {name.strip().casefold(), base, base.rsplit(".", 1)[0]}


def _value_text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return None if value is None else str(value)


def split_batched_answer(text: str, names: Sequence[str]) -> list[str | None]:
    """Split one answer to a batched request into one answer string per input name.

    The paper asks for one ``{'name': ..., 'result': ...}`` record per input; records are matched
    by name when the model echoes names (with or without folder/extension), else by order.
    Without records, numbered items ("1. happy", "Image 2: sad") are matched by number, lines
    that start with an input name by name, and exactly one non-empty line per input by order.
    A single input gets the whole text. Inputs the answer does not cover get ``None``. Never raises;
    reads at most ``BATCH_CHARS_PER_INPUT * max(4, len(names))`` characters.
    """
    try:
        names = [str(n) for n in names]
    except TypeError:
        return []
    out: list[str | None] = [None] * len(names)
    if not isinstance(text, str) or not names:
        return out
    text = text[: BATCH_CHARS_PER_INPUT * max(4, len(names))]
    matches = itertools.islice(_RECORD.finditer(text), 2 * len(names) + MAX_RECORDS)
    records = [r for r in (_read_record(m.group()) for m in matches) if r]
    records = [r for r in records if _record_value(r) is not None]
    if records:
        return _split_records(records, names, out)
    return _split_lines(text, names, out)


def _split_records(records: list[dict], names: list[str], out: list[str | None]) -> list[str | None]:
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        for key in _name_keys(name):
            index.setdefault(key, i)
    unnamed: list[dict] = []
    for record in records:
        echoed = record.get("name")
        slot = None
        if isinstance(echoed, (str, int)):
            slot = next((index[k] for k in _name_keys(str(echoed)) if k in index), None)
        if slot is None:
            unnamed.append(record)
        elif out[slot] is None:
            out[slot] = _value_text(_record_value(record))
    free = [i for i, v in enumerate(out) if v is None]
    if not any(v is not None for v in out):  # no names echoed: by order
        free = list(range(len(names)))
    for slot, record in zip(free, unnamed):
        out[slot] = _value_text(_record_value(record))
    return out


def _split_lines(text: str, names: list[str], out: list[str | None]) -> list[str | None]:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    index = {k: i for i, name in enumerate(names) for k in _name_keys(name)}
    for line in lines:
        m = _NAMED_LINE.match(line)
        if m and m.group(1).strip("*`'\"").casefold() in index:
            slot = index[m.group(1).strip("*`'\"").casefold()]
            out[slot] = out[slot] or m.group(2).strip()
    if any(v is not None for v in out):
        return out
    for line in lines:
        m = _NUMBERED_ITEM.match(line)
        if m:
            slot = int(m.group(1)) - 1
            if 0 <= slot < len(names) and out[slot] is None and m.group(2).strip(" *"):
                out[slot] = m.group(2).strip(" *")
    if any(v is not None for v in out):
        return out
    if len(names) == 1:
        return [text.strip() or None]
    if len(lines) == len(names):
        return list(lines)
    return out
