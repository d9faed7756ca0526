"""One answer prepared for the parsing rules: folded text, tokens, and label mentions with their scope.

A *mention* is one surface form of a label found in the text (longest form first, whole words).
Each mention carries the reader's judgement of its scope:

- ``negated``: "not X", "neither X nor Y", "rather than X", "X? No.", "X is not evident",
  Chinese "不/没 X";
- ``demoted``: said but not asserted -- in a concessive clause ("although she is smiling"), a
  tentative reading that a contrast then corrects ("at first X, but actually Y", "could be
  mistaken for X; however Y", "one might say X; I disagree"), or corrected in place ("X, but
  actually Y"); demoted labels rank after the asserted ones.

Which label a form names can depend on the label set: :func:`ger_plugin.core.vocabulary.senses`
gives each form its senses, best first, and a mention takes the first sense the set offers
("anxious" is worried for MER2023, fearful for a face dataset). For the five-bin sentiment sets,
intensity words around a polarity mention refine it ("a bit negative", "positive, though only
weakly", "leaning negative"). Pure: no I/O.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from ger_plugin.core import vocabulary

#: Longest text analysed; longer answers keep their first HEAD_CHARS and last TAIL_CHARS.
MAX_CHARS = 4000
HEAD_CHARS = 1000
TAIL_CHARS = MAX_CHARS - HEAD_CHARS

#: Words that negate a label in the few words before it (same clause).
NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "without",
        "neither",
        "nor",
        "hardly",
        "barely",
        "than",
        "unlikely",
        "lack",
        "lacks",
        "lacking",
        "absence",
        "absent",
        "cannot",
        "none",
        "nothing",
        "nobody",
        "rather",
        "instead",
        "excluding",
        "except",
    }
)
#: Multi-word negating phrases (matched in the words before a label).
NEGATING_PHRASES = (
    "instead of",
    "as opposed to",
    "rule out",
    "ruled out",
    "rules out",
    "free of",
    "devoid of",
    "other than",
    "no sign of",
    "no signs of",
    "no trace of",
    "far from",
    "anything but",
)
#: A label followed by one of these (after a copula) is negated: "anger is not evident".
COPULAS = frozenset({"is", "are", "was", "were", "seems", "seem", "appears", "appear", "does", "do", "can", "could"})
POST_NEGATORS = frozenset({"not", "absent", "unlikely", "never", "missing", "ruled", "lacking", "be"})
#: "X? No." -- a label asked about and answered no.
ANSWERED_NO = frozenset({"no", "nope", "not", "不", "不是"})
#: Words that start a new clause: negation before them does not reach labels after them.
CLAUSE_BREAKERS = frozenset(
    {"but", "however", "although", "though", "yet", "whereas", "while", "instead", "rather", "但", "却", "而"}
)
#: A clause opening with one of these concedes: its labels rank after the others.
CONCESSIVES = frozenset({"although", "though", "despite", "while", "whereas", "whilst", "虽然", "尽管"})
#: How many words before a label are searched for a negator.
NEGATION_WINDOW = 4
#: Chinese negation right before a label ("不开心" is itself a form of sad, see labels.py).
ZH_NEGATION = re.compile(r"(?:不|没|未|并非|别|无)[是太很怎么那有算特别感到觉得]{0,3}$")

#: A tentative reading ("at first", "could be mistaken for", "one might say", "I initially thought")...
TENTATIVE = re.compile(
    r"\bat first\b|\bfirst glance\b|\binitially\b|\btempting\b|\bmistaken for\b|\bmistake (?:it|this) for\b"
    r"|\b(?:one|some|many|people|you) (?:might|may|could|would) (?:say|think|read|call|see|interpret)"
    r"|\bcould (?:be|easily be) (?:read|misread|interpreted|confused)\b|\bi (?:first |initially )?thought\b"
    r"|\bi (?:first |initially )?considered\b|\bmight look like\b|\bsuperficially\b|\bon the surface\b"
    r"|\bat the (?:start|beginning|outset)\b|\b(?:may|might) (?:look|seem|appear|sound)\b"
    r"|\bconfused with\b|\b(?:could|might|may|can) (?:indicate|suggest|signal|mean|point to|imply|hint at)\b"
    r"|乍一看|起初|一开始|最初"
)
#: ...that one of these corrects, in the same or the next sentence.
CORRECTION = re.compile(
    r"\bbut\b|\bhowever\b|\byet\b|\bactually\b|\bin fact\b|\bon closer (?:inspection|look|examination)\b"
    r"|\bi disagree\b|\bin reality\b|\binstead\b|\brather\b|但|却|其实|实际上|反而|而是"
)
#: A correction in place: "X, but actually Y" demotes X even without a tentative cue.
STRONG_CORRECTION = re.compile(
    r"\bactually\b|\bin fact\b|\bon closer (?:inspection|look|examination)\b|\bi disagree\b|\bin reality\b"
    r"|其实|实际上|反而|而是"
)
#: How far (characters) a correction may follow the demoted label.
CORRECTION_REACH = 160

# --- intensity words (five-bin sentiment sets only) ----------------------------------------
_WEAK_BEFORE = re.compile(
    r"(?:\b(?:slightly|weakly|somewhat|mildly|moderately|marginally|faintly|a bit|a little|a tad|kind of|"
    r"sort of|a touch|leaning|leans|lean|leaning towards?|leans towards?|tilting|tilted|tilts)"
    r"(?: (?:more|towards?|to|the|on|the side of))*|有点|有些|有一点|略微|略|稍微|稍|轻微|偏)\s*$"
)
_WEAK_AFTER = re.compile(
    r"[^.!?\n。！？]{0,30}?(?:\(\s*weak(?:ly)?\s*\)|\bonly (?:weakly|slightly|mildly|a little|a bit|somewhat)\b"
    r"|\bnot (?:very|strongly|strong|by much)\b|\bintensity\s*[:=]?\s*(?:weak|low|mild|slight)\b"
    r"|\b(?:weak|mild|slight|low) intensity\b|\(\s*(?:较弱|弱|轻微|偏弱|轻度)\s*\)|但不强烈|不强烈|不太强烈|但不明显)"
)

_STATED_WEAK = re.compile(r"\bintensity\s*(?:is|[:=])?\s*(?:weak|low|mild|slight)\b|强度\s*[:：]?\s*(?:弱|低|较弱)")

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
PUNCT = ".,;:!?\n()[]{}。，；：！？、—–"
TOKEN = re.compile(rf"[{_CJK}]|[a-z0-9\u00c0-\u024f]+(?:'[a-z]+)*|[{re.escape(PUNCT)}]")
SENTENCE_END = re.compile(r"(?<!\d)[.!?](?!\d)|[。！？\n]")
_CLAUSE_END = re.compile(r"(?<!\d)[.!?;](?!\d)|[。！？；\n]")
_MARKDOWN = re.compile(r"[*#`~]+")


class Token(NamedTuple):
    text: str
    start: int
    end: int


class Mention(NamedTuple):
    label: str
    start: int
    end: int
    negated: bool
    demoted: bool  # conceded, or a tentative reading that a contrast corrects: ranked after the rest
    first_sense: bool = True  # False: the form names this label only because the set lacks its first sense


def is_cjk(token: str) -> bool:
    return len(token) == 1 and ("\u3400" <= token <= "\u9fff" or "\uf900" <= token <= "\ufaff")


def cap(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    return text[:HEAD_CHARS] + "\n" + text[-TAIL_CHARS:]


def fold(raw: str) -> str:
    """NFKC + casefold, typographic apostrophes straightened, Traditional Chinese folded to Simplified."""
    folded = unicodedata.normalize("NFKC", cap(raw)).casefold().replace("\u2019", "'").replace(" - ", " — ")
    return cap(vocabulary.to_simplified(folded))


class AnswerText:
    """One answer prepared once for all rules: folded text, tokens and label mentions."""

    def __init__(self, raw: str, allowed: frozenset[str]) -> None:
        self.allowed = allowed
        self.folded = fold(raw)
        self.plain = _MARKDOWN.sub(" ", self.folded)  # markdown emphasis and headings removed
        self.tokens = [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(self.plain)]
        self.mentions = find_mentions(self.tokens, self.plain, allowed)
        self._retracted = _retracted_labels(self.mentions, self.plain)
        self.starts = [m.start for m in self.mentions]  # sorted: mentions are found left to right
        self.asserted = [
            m for m in self.mentions if not m.negated and m.label in allowed and m.label not in self._retracted
        ]
        self._asserted_starts = [m.start for m in self.asserted]
        self.excluded: list[tuple[int, int]] | None = None  # filled once by answer_zones.excluded_spans

    def in_set(self, mentions: Iterable[Mention]) -> list[Mention]:
        return [m for m in mentions if m.label in self.allowed]

    def answer_mentions(self, start: int = 0, end: int | None = None) -> list[Mention]:
        """Asserted mentions of labels of the set within [start, end): not negated, not retracted later."""
        if start == 0 and end is None:
            return list(self.asserted)
        stop = len(self.plain) if end is None else end
        first = bisect.bisect_left(self._asserted_starts, start)
        last = bisect.bisect_left(self._asserted_starts, stop)
        return [m for m in self.asserted[first:last] if m.end <= stop]


def _retracted_labels(mentions: list[Mention], text: str) -> frozenset[str]:
    """Labels whose last mention negates the very word asserted before: "X ... not X" takes X back.

    The negated word must be one the answer asserted earlier ("the content is sad, but the speaker is
    not sad"): "happy, given the smile ... the eyes are not smiling" keeps happy (a different word, a
    cue rather than the label). Only a form's first sense takes back: in "worried, not scared" on a
    set without fearful, the negated "scared" (read as worried there) does not retract "worried".
    """
    said: dict[str, set[str]] = {}
    last: dict[str, Mention] = {}
    for m in mentions:
        if m.first_sense or not m.negated:
            last[m.label] = m
        if not m.negated:
            said.setdefault(m.label, set()).add(text[m.start : m.end])
    return frozenset(
        lab for lab, m in last.items() if m.negated and text[m.start : m.end] in said.get(lab, {text[m.start : m.end]})
    )


def find_mentions(tokens: list[Token], text: str, allowed: frozenset[str]) -> list[Mention]:
    """Every label surface form in the tokens, longest form first, with its negation and demotion."""
    words = [t.text for t in tokens]
    forms, first_tokens, max_tokens = vocabulary.form_table()
    openers = _clause_openers(words)
    intensity = vocabulary.has_intensity_scale(allowed)
    stated_weak = intensity and _STATED_WEAK.search(text) is not None  # "Intensity: low." anywhere
    mentions: list[Mention] = []
    scope: _Scope | None = None  # built at the first mention
    i, n = 0, len(words)
    while i < n:
        if words[i] not in first_tokens:
            i += 1
            continue
        for size in range(min(max_tokens, n - i), 0, -1):
            senses = forms.get(tuple(words[i : i + size]))
            if senses is None:
                continue
            if words[i + size : i + size + 1] and words[i + size] in vocabulary.NOT_A_LABEL_BEFORE.get(words[i], ()):
                i += size  # "the content of the image", "content warning": a noun, not the label
                break
            label = next((s for s in senses if s in allowed), senses[0])
            start, end = tokens[i].start, tokens[i + size - 1].end
            negated = (
                ZH_NEGATION.search(text, max(0, start - 6), start) is not None
                if is_cjk(words[i])
                else _is_negated(words, i, i + size)
            )
            if intensity:
                label = _with_intensity(label, text, start, end, stated_weak)
            conceded = openers[i] < i and words[openers[i]] in CONCESSIVES
            if scope is None:
                scope = _Scope(text)
            mentions.append(
                Mention(label, start, end, negated, conceded or scope.corrected(start, end), label.endswith(senses[0]))
            )
            i += size
            break
        else:
            i += 1
    return mentions


def _with_intensity(label: str, text: str, start: int, end: int, stated_weak: bool) -> str:
    """A polarity mention made weak by the words around it: "a bit negative", "positive (weak)"."""
    if label not in ("positive", "negative"):
        return label
    if stated_weak or _WEAK_BEFORE.search(text, max(0, start - 32), start) or _WEAK_AFTER.match(text, end):
        return "weakly " + label
    return label


class _Scope:
    """Positions of sentence ends, tentative cues and corrections in one text, for O(log n) look-ups."""

    def __init__(self, text: str) -> None:
        self.ends = [m.start() for m in _CLAUSE_END.finditer(text)]
        self.tentative = [m.start() for m in TENTATIVE.finditer(text)]
        self.corrections = [m.start() for m in CORRECTION.finditer(text)]
        self.strong = [m.start() for m in STRONG_CORRECTION.finditer(text)]

    @staticmethod
    def _next(positions: list[int], pos: int) -> int | None:
        k = bisect.bisect_left(positions, pos)
        return positions[k] if k < len(positions) else None

    def _ends_between(self, a: int, b: int) -> int:
        return bisect.bisect_left(self.ends, b) - bisect.bisect_left(self.ends, a)

    def corrected(self, start: int, end: int) -> bool:
        """Is this mention a tentative reading that a later contrast corrects, or corrected in place?"""
        strong = self._next(self.strong, end)
        if strong is not None and strong - end <= CORRECTION_REACH and self._ends_between(end, strong) == 0:
            return True  # "X, but actually Y" / "X... 其实 Y" in the same sentence
        correction = self._next(self.corrections, end)
        if correction is None or correction - end > CORRECTION_REACH or self._ends_between(end, correction) > 1:
            return False
        k = bisect.bisect_left(self.ends, start)
        sentence_start = self.ends[k - 1] + 1 if k else 0
        cue = self._next(self.tentative, max(sentence_start, start - CORRECTION_REACH))
        return cue is not None and cue < correction


def _clause_openers(words: list[str]) -> list[int]:
    """For each token, the index of the first token of its clause (one pass, linear)."""
    openers, first = [], 0
    for k, w in enumerate(words):
        if w in PUNCT:
            first = k + 1
        openers.append(first)
    return openers


def _is_negated(words: list[str], i: int, j: int) -> bool:
    """Is the (non-Chinese) form words[i:j] negated by the words around it?"""
    before: list[str] = []
    k = i - 1
    while k >= 0 and len(before) < NEGATION_WINDOW:
        w = words[k]
        if w in PUNCT or w in CLAUSE_BREAKERS:
            # "rather than X" / "instead of X": the breaker itself negates what follows it
            if w in ("rather", "instead") and k == i - 2:
                return True
            break
        before.append(w)
        k -= 1
    if any(w in NEGATORS or w.endswith("n't") for w in before) or before[:1] == ["less"]:
        return True  # "less fear and more surprise": "less" only reaches the word right after it
    window = " ".join(reversed(before))
    if any(phrase in window for phrase in NEGATING_PHRASES):
        return True
    after = words[j : j + 3]
    if after and after[0].endswith("n't") and after[0][:-3] in COPULAS:  # "anger isn't visible"
        return True
    if len(after) >= 2 and after[0] == "?" and after[1] in ANSWERED_NO:  # "Angry? No."
        return True
    if len(after) >= 2 and after[0] in COPULAS and after[1] in POST_NEGATORS:
        return after[1] != "be" or (len(after) == 3 and after[2] == "ruled")  # "fear can be ruled out"
    return False


def ranked(labels: Iterable[str], allowed: frozenset[str]) -> tuple[str, ...]:
    """Labels of the set, first occurrence first, no repeats."""
    out: list[str] = []
    for lab in labels:
        if lab in allowed and lab not in out:
            out.append(lab)
    return tuple(out)
