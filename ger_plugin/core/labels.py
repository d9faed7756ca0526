"""The canonical GER label vocabulary and ``normalize()``.

Canonical names are the adjectives of the paper's Table 2, plus the 5-point sentiment
intensity scale. Every release's raw label names (``Happiness``, ``Anger``, ``Repression``,
``Other``...), noun/adjective forms, common synonyms, misspellings and Chinese words map to
them. ``normalize`` accepts one whole label; finding labels inside free text is
``ger_plugin.core.parsing``'s job, which reuses :data:`SURFACE_FORMS`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from ger_plugin.catalog import DATASETS, INTENSITY_LABELS

#: The paper's Table 2 vocabulary, canonical spelling.
EMOTION_LABELS: tuple[str, ...] = (
    "happy",
    "sad",
    "angry",
    "fearful",
    "disgusted",
    "surprised",
    "neutral",
    "contempt",
    "calm",
    "worried",
    "amused",
    "awed",
    "content",
    "excited",
    "repressed",
    "tense",
    "others",
    "positive",
    "negative",
)

#: Every canonical name (emotions first, then the intensity labels not already present).
CANONICAL_LABELS: tuple[str, ...] = EMOTION_LABELS + tuple(lab for lab in INTENSITY_LABELS if lab not in EMOTION_LABELS)

# canonical -> surface forms that mean it (lower-case; the canonical name itself is implied).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "happy": (
        "happiness",
        "happily",
        "joy",
        "joyful",
        "joyous",
        "cheerful",
        "cheery",
        "glad",
        "delighted",
        "pleased",
        "elated",
        "smiling",
        "merry",
        "jubilant",
        "gleeful",
        "ecstatic",
        "hapy",
        "happpy",
        "hapiness",
        "happyness",
        "happines",
        "hppy",
        "beaming",
        "overjoyed",
        "grinning",
        "blissful",
        "开心",
        "高兴",
        "快乐",
        "喜悦",
        "愉快",
        "幸福",
        "欢喜",
        "快樂",
        "開心",
    ),
    "sad": (
        "sadness",
        "sadly",
        "sorrow",
        "sorrowful",
        "unhappy",
        "unhappiness",
        "melancholy",
        "melancholic",
        "gloomy",
        "depressed",
        "grief",
        "grieving",
        "downcast",
        "dejected",
        "mournful",
        "heartbroken",
        "saddness",
        "sadnes",
        "sadd",
        "tearful",
        "despondent",
        "miserable",
        "forlorn",
        "crestfallen",
        "不开心",
        "不高兴",
        "不快乐",
        "悲伤",
        "伤心",
        "难过",
        "悲哀",
        "哀伤",
        "忧伤",
        "悲傷",
        "難過",
    ),
    "angry": (
        "anger",
        "angrily",
        "mad",
        "furious",
        "fury",
        "rage",
        "enraged",
        "livid",
        "irate",
        "irritated",
        "annoyed",
        "annoyance",
        "hostile",
        "outraged",
        "wrathful",
        "incensed",
        "seething",
        "fuming",
        "infuriated",
        "agry",
        "angy",
        "angery",
        "angre",
        "angrey",
        "angr",
        "生气",
        "愤怒",
        "恼怒",
        "气愤",
        "发怒",
        "憤怒",
        "生氣",
    ),
    "fearful": (
        "fear",
        "fearfulness",
        "afraid",
        "scared",
        "frightened",
        "fright",
        "terrified",
        "terror",
        "horrified",
        "panicked",
        "panic",
        "anxious fear",
        "petrified",
        "horror",
        "terrifying",
        "frightening",
        "scary",
        "dread",
        "alarmed",
        "feared",
        "fearfull",
        "feerful",
        "fearfu",
        "frighten",
        "恐惧",
        "害怕",
        "恐慌",
        "惊恐",
        "恐懼",
    ),
    "disgusted": (
        "disgust",
        "disgusting",
        "revulsion",
        "revolted",
        "repulsed",
        "grossed out",
        "loathing",
        "distaste",
        "nauseated",
        "revolting",
        "repugnance",
        "repelled",
        "sickened",
        "digust",
        "disgused",
        "discust",
        "disgussed",
        "disguted",
        "disgusr",
        "厌恶",
        "恶心",
        "嫌弃",
        "反感",
        "厭惡",
    ),
    "surprised": (
        "surprise",
        "surprising",
        "astonished",
        "astonishment",
        "amazed",
        "amazement",
        "shocked",
        "startled",
        "stunned",
        "dumbfounded",
        "flabbergasted",
        "astounded",
        "taken aback",
        "suprise",
        "suprised",
        "surprized",
        "surpised",
        "惊讶",
        "吃惊",
        "惊奇",
        "诧异",
        "震惊",
        "驚訝",
    ),
    "neutral": (
        "neutrality",
        "neural",
        "nuetral",
        "neutal",
        "expressionless",
        "no emotion",
        "emotionless",
        "blank expression",
        "impassive",
        "blank face",
        "blank look",
        "blank stare",
        "poker face",
        "deadpan",
        "no expression",
        "straight face",
        "neutral expression",
        "中性",
        "中立",
        "无情绪",
        "没有情绪",
        "平淡",
    ),
    "contempt": (
        "contemptuous",
        "contemptful",
        "scorn",
        "scornful",
        "disdain",
        "disdainful",
        "sneering",
        "derisive",
        "condescending",
        "comtempt",
        "contemp",
        "轻蔑",
        "蔑视",
        "鄙视",
        "不屑",
    ),
    "calm": (
        "calmness",
        "serene",
        "serenity",
        "tranquil",
        "peaceful",
        "relaxed",
        "composed",
        "placid",
        "平静",
        "冷静",
        "平靜",
    ),
    "worried": (
        "worry",
        "worrying",
        "worries",
        "concerned",
        "concern",
        "anxious",
        "anxiety",
        "nervous",
        "uneasy",
        "apprehensive",
        "担心",
        "担忧",
        "焦虑",
        "忧虑",
        "着急",
        "擔心",
    ),
    "amused": (
        "amusement",
        "amusing",
        "entertained",
        "playful",
        "funny",
        "hilarious",
        "humorous",
        "comical",
        "逗乐",
        "好笑",
        "娱乐",
    ),
    "awed": (
        "awe",
        "awestruck",
        "awe-struck",
        "wonder",
        "awe-inspired",
        "awe-inspiring",
        "awe inspiring",
        "breathtaking",
        "敬畏",
        "惊叹",
    ),
    "content": (
        "contentment",
        "contented",
        "satisfied",
        "satisfaction",
        "fulfilled",
        "满足",
        "满意",
        "知足",
    ),
    "excited": (
        "excitement",
        "exciting",
        "thrilled",
        "enthusiastic",
        "exhilarated",
        "exhilarating",
        "thrilling",
        "兴奋",
        "激动",
        "興奮",
    ),
    "repressed": (
        "repression",
        "suppressed",
        "suppression",
        "restrained",
        "repressing",
        "repress",
        "压抑",
        "抑制",
        "克制",
    ),
    "tense": ("tension", "tenseness", "tensed", "strained", "紧张", "緊張"),
    "others": ("other", "other emotion", "others emotion", "something else", "其他", "其它"),
    "positive": (
        "pos",
        "strongly positive",
        "very positive",
        "highly positive",
        "extremely positive",
        "positively",
        "favourable",
        "favorable",
        "upbeat",
        "optimistic",
        "approving",
        "积极",
        "正面",
        "正向",
        "积极的",
        "正面的",
    ),
    "negative": (
        "neg",
        "strongly negative",
        "very negative",
        "highly negative",
        "extremely negative",
        "negatively",
        "unfavourable",
        "unfavorable",
        "pessimistic",
        "disapproving",
        "消极",
        "负面",
        "负向",
        "消极的",
        "负面的",
    ),
    "weakly positive": (
        "weak positive",
        "slightly positive",
        "somewhat positive",
        "mildly positive",
        "moderately positive",
        "weakly-positive",
        "weakly_positive",
        "轻微积极",
        "弱积极",
        "略微积极",
        "稍微积极",
        "有点积极",
        "弱正面",
        "略微正面",
    ),
    "weakly negative": (
        "weak negative",
        "slightly negative",
        "somewhat negative",
        "mildly negative",
        "moderately negative",
        "weakly-negative",
        "weakly_negative",
        "轻微消极",
        "弱消极",
        "略微消极",
        "稍微消极",
        "有点消极",
        "弱负面",
        "略微负面",
    ),
}


# canonical -> synonyms whose first sense (above) is another label, read as this label when a label set
# lacks their first sense ("anxious" is worried for MER2023, fearful for faces, tense for CASME).
# A form's senses are tried in order: its first sense, then the labels below in table order.
# Only synonyms take other senses, never a label's own name or word forms ("calm", "fear",
# "contempt"): a model that answers a label outside the set gave an invalid answer.
_OTHER_SENSES_BY_LABEL: dict[str, tuple[str, ...]] = {
    "fearful": ("anxious", "anxiety", "nervous", "uneasy", "apprehensive", "concerned"),
    "worried": ("afraid", "scared", "frightened", "terrified"),
    "tense": ("nervous", "anxious", "anxiety", "uneasy", "apprehensive"),
    "neutral": ("relaxed", "serene", "composed", "placid"),
    "content": ("serene", "serenity", "tranquil", "peaceful", "relaxed"),
    "happy": ("satisfied", "thrilled", "entertained"),
    "amused": ("cheerful", "joyful", "joy", "joyous", "delighted", "glad"),
}


def _fold(text: str) -> str:
    """Case-fold, NFKC-normalise, strip markup/punctuation at the ends, collapse spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\s_]+", " ", text)
    return text.strip(" \t\r\n*_`'\".,;:!?()[]{}<>-")


def _build_surface_forms() -> Mapping[str, str]:
    forms: dict[str, str] = {}
    for canonical in CANONICAL_LABELS:
        forms[canonical] = canonical
        for form in _SYNONYMS.get(canonical, ()):
            key = _fold(form)
            if key in forms and forms[key] != canonical:
                raise ValueError(f"surface form {form!r} maps to both {forms[key]!r} and {canonical!r}")
            forms[key] = canonical
    # Every release's raw label names must normalise (checked once here, cheaply).
    for entry in DATASETS.values():
        pairs: list[tuple[str, str | None]] = [
            *entry.original_labels.items(),
            *((c, None) for c in entry.paper_candidates),
        ]
        for raw, expected in pairs:
            key = _fold(raw)
            if key.isdigit() or len(key) <= 2:
                continue  # numeric and two-letter codes are release-specific; only the catalog maps them
            known = forms.get(key)
            if known is None:
                raise ValueError(f"{entry.name}: raw label {raw!r} has no canonical form")
            if expected is not None and known != expected:
                raise ValueError(f"{entry.name}: raw label {raw!r} -> {expected!r} but vocabulary says {known!r}")
    return MappingProxyType(forms)


#: folded surface form -> canonical label, for every form GER understands.
SURFACE_FORMS: Mapping[str, str] = _build_surface_forms()


def _build_other_senses() -> Mapping[str, tuple[str, ...]]:
    senses: dict[str, tuple[str, ...]] = {}
    for canonical, forms in _OTHER_SENSES_BY_LABEL.items():
        for form in forms:
            key = _fold(form)
            if SURFACE_FORMS.get(key) in (None, canonical) or key in CANONICAL_LABELS:
                raise ValueError(f"other sense {form!r} -> {canonical!r} must be a synonym with another first sense")
            senses[key] = senses.get(key, ()) + (canonical,)
    return MappingProxyType(senses)


#: folded surface form -> the labels it also names when a label set lacks its first sense, in order.
OTHER_SENSES: Mapping[str, tuple[str, ...]] = _build_other_senses()


def normalize(label: object) -> str | None:
    """Map one label (any case, noun or adjective, synonym, release spelling) to its canonical name.

    Returns ``None`` for anything that is not a single known label.

    >>> normalize("Happiness"), normalize("  Surprise "), normalize("Repression"), normalize("中性")
    ('happy', 'surprised', 'repressed', 'neutral')
    """
    if not isinstance(label, str):
        return None
    return SURFACE_FORMS.get(_fold(label))


def normalize_all(labels: Iterable[str]) -> tuple[str, ...]:
    """Normalise several labels, dropping unknown ones and repeats, keeping order."""
    out: list[str] = []
    for lab in labels:
        canonical = normalize(lab)
        if canonical is not None and canonical not in out:
            out.append(canonical)
    return tuple(out)


def surface_key(text: str) -> str:
    """The key a label form has in SURFACE_FORMS / OTHER_SENSES (folded, ends stripped)."""
    return _fold(text)
