"""The parser's view of the label vocabulary: senses per surface form, Chinese variants, typos.

The vocabulary itself is data in :mod:`ger_plugin.core.labels`: one table of surface forms per
canonical label (``SURFACE_FORMS``, a form's first sense) and the further senses a form has when
a label set lacks its first one (``OTHER_SENSES``). A dataset's label set takes its entries from
them: a form names the first of its senses that the set offers, so no dataset is named in code.

- :func:`senses` / :func:`form_table`: token tuple -> senses, for matching inside free text;
- :func:`to_simplified`: Traditional -> Simplified for the characters of emotion words;
- :func:`correct_typos`: words within a small edit distance of one vocabulary form, with a guard
  for short words and for real words that sit one edit away from a label ("context", "range").

Pure: no I/O.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ger_plugin.core.labels import OTHER_SENSES, SURFACE_FORMS

#: Surface forms too common in prose to count as a label inside free text (they still count
#: as a whole answer or list item): "on the other hand", "pos"/"neg" abbreviations, "I wonder".
PROSE_AMBIGUOUS_FORMS = frozenset({"other", "pos", "neg", "wonder"})

_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[a-z0-9\u00c0-\u024f]+(?:'[a-z]+)*")


#: Forms that are ordinary nouns when one of these words follows: "the content of", "content warning".
NOT_A_LABEL_BEFORE: dict[str, frozenset[str]] = {
    "content": frozenset(
        {
            "of",
            "warning",
            "warnings",
            "creator",
            "creators",
            "moderation",
            "policy",
            "filter",
            "type",
            "types",
            "analysis",
            "is",
            "shows",
            "depicts",
            "includes",
        }
    ),
}


def senses(form: str) -> tuple[str, ...]:
    """The labels one folded surface form can name, first sense first (empty if unknown)."""
    first = SURFACE_FORMS.get(form)
    more = OTHER_SENSES.get(form, ())
    return ((first,) if first else ()) + tuple(lab for lab in more if lab != first)


@lru_cache(maxsize=1)
def form_table() -> tuple[dict[tuple[str, ...], tuple[str, ...]], frozenset[str], int]:
    """(token tuple -> senses, first tokens of every form, longest form in tokens)."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for form in set(SURFACE_FORMS) | set(OTHER_SENSES):
        if form in PROSE_AMBIGUOUS_FORMS:
            continue
        key = tuple(_TOKEN.findall(form))
        if key:
            table[key] = senses(form)
    return table, frozenset(k[0] for k in table), max(len(k) for k in table)


#: The longest surface form, in characters (a longer text is never one label).
LONGEST_FORM_CHARS = max(len(form) for form in (*SURFACE_FORMS, *OTHER_SENSES))


def has_intensity_scale(allowed: frozenset[str]) -> bool:
    """Does the label set distinguish weak from strong polarity (the five sentiment bins)?"""
    return "weakly positive" in allowed or "weakly negative" in allowed


# --- Traditional -> Simplified (the characters that occur in emotion and sentiment words) ---------

_TRADITIONAL = "開樂興難過傷悲氣憤驚訝懼厭惡擔憂慮緊張滿積極負輕視蔑壓厲歡愛憐悶煩躁緒態覺點還體應該為這個們說話們裡來從樣麼嗎強認擇對結論終讓"
_SIMPLIFIED = "开乐兴难过伤悲气愤惊讶惧厌恶担忧虑紧张满积极负轻视蔑压厉欢爱怜闷烦躁绪态觉点还体应该为这个们说话们里来从样么吗强认择对结论终让"
_ZH_TABLE = str.maketrans(_TRADITIONAL, _SIMPLIFIED)
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")


def to_simplified(text: str) -> str:
    """Fold the Traditional characters of emotion words to Simplified (other text unchanged)."""
    return text.translate(_ZH_TABLE) if _HAS_CJK.search(text) else text


# --- typos ------------------------------------------------------------------------------------

#: Words shorter than this are never corrected ("bad", "sat", "mad" are words, not typos of "sad").
MIN_TYPO_WORD = 5
#: Real English words one edit away from a vocabulary form: never corrected.
REAL_WORDS = frozenset(
    {
        "context",
        "contest",
        "contents",
        "contend",
        "convent",
        "angel",
        "angle",
        "angels",
        "angles",
        "lived",
        "liver",
        "started",
        "starter",
        "sacred",
        "scarred",
        "negation",
        "tenses",
        "terse",
        "tease",
        "dense",
        "sense",
        "glade",
        "range",
        "ranges",
        "engaged",
        "freight",
        "flight",
        "stained",
        "relayed",
        "exited",
        "excised",
        "revolved",
        "concert",
        "score",
        "scores",
        "scored",
        "scorer",
        "steering",
        "please",
        "pleases",
        "mercy",
        "stocked",
        "irrigated",
        "abused",
        "amazes",
        "posture",
        "native",
        "nature",
        "natural",
        "rated",
        "hated",
        "tensor",
        "scarf",
        "other",
        "others'",
        "either",
        "whether",
        "united",
        "sadder",
        "sated",
        "stunted",
        "contact",
        "content's",
        "feared",
        "neural",
    }
)


@lru_cache(maxsize=1)
def _typo_targets() -> dict[str, tuple[str, ...]]:
    """Single-word forms a typo may be corrected to (four letters or more, Latin script), by first letter."""
    table, _, _ = form_table()
    by_letter: dict[str, list[str]] = {}
    for key in table:
        if len(key) == 1 and len(key[0]) >= 4 and key[0].isascii() and key[0].isalpha():
            by_letter.setdefault(key[0][0], []).append(key[0])
    return {letter: tuple(sorted(forms)) for letter, forms in by_letter.items()}


def max_typo_distance(word: str) -> int:
    """Edits allowed for a word of this length: none below MIN_TYPO_WORD, one up to 9 letters, else two."""
    if len(word) < MIN_TYPO_WORD:
        return 0
    return 1 if len(word) <= 9 else 2


@lru_cache(maxsize=4096)
def closest_form(word: str) -> str | None:
    """The vocabulary form ``word`` is a typo of, or None (see :func:`correct_typos` for the guards)."""
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    limit = max_typo_distance(word)
    if not limit or (word,) in form_table()[0] or word in REAL_WORDS:
        return None
    choices = [t for t in _typo_targets().get(word[0], ()) if abs(len(t) - len(word)) <= limit]
    best = process.extractOne(word, choices, scorer=DamerauLevenshtein.distance, score_cutoff=limit)
    return None if best is None else str(best[0])


def correct_typos(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``text`` with misspelled label words replaced, and the (typo, correction) pairs made.

    A word is corrected when it is not itself a form or a real word listed in REAL_WORDS, is at
    least MIN_TYPO_WORD letters long, starts with the same letter as the form, and is within
    :func:`max_typo_distance` edits (Damerau-Levenshtein, so a swapped pair is one edit).
    """
    fixes: list[tuple[str, str]] = []

    def fix(m: re.Match[str]) -> str:
        form = closest_form(m.group())
        if form is None:
            return m.group()
        fixes.append((m.group(), form))
        return form

    corrected = re.sub(rf"[a-z]{{{MIN_TYPO_WORD},}}", fix, text)
    return corrected, tuple(fixes)
