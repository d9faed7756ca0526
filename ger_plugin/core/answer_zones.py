"""Where an answer commits: reasoning blocks, concluding phrases, echoed options, letters, non-answers.

- :func:`answer_zone`: the text after a ``<think>...</think>`` block (the block itself only when
  nothing follows it);
- :func:`excluded_spans`: text that is never the answer -- an echoed question, instruction or
  option list, a refusal clause, a politeness idiom ("happy to help", "glad to assist");
- :func:`conclusion`: the last concluding phrase that names a label ("Final answer", "Answer:",
  a bold "Answer" heading, ``\\boxed{...}``, "Therefore ...", "This is X");
- :func:`letter_answer`: "Answer: C" resolved against the lettered options the answer lists;
- :func:`undecided`: "either A or B, I cannot decide" -- no commitment.

Pure: no I/O.
"""

from __future__ import annotations

import bisect
import re

from ger_plugin.core.answer_text import SENTENCE_END, AnswerText, Mention, ranked

# --- reasoning blocks --------------------------------------------------------------------------

_THINK_CLOSE = re.compile(r"</(?:think|thinking|reasoning|thought)>|◁/think▷", re.IGNORECASE)
_THINK_OPEN = re.compile(r"<(?:think|thinking|reasoning|thought)>|◁think▷", re.IGNORECASE)
_HAS_WORD = re.compile(r"[^\W_]")


def answer_zone(raw: str) -> tuple[str, str]:
    """(the part of ``raw`` that holds the answer, a note naming the zone; "" when it is the whole text)."""
    closes = list(_THINK_CLOSE.finditer(raw))
    if closes:
        after = raw[closes[-1].end() :]
        if _HAS_WORD.search(after):
            return after, "answer zone: after </think>"
        opened = _THINK_OPEN.search(raw)
        inside = raw[opened.end() if opened else 0 : closes[-1].start()]
        return inside, "answer zone: the reasoning block (nothing follows it)"
    opened = _THINK_OPEN.search(raw)
    if opened:  # an unclosed block: the model stopped while reasoning
        return raw[opened.end() :], "answer zone: an unclosed reasoning block"
    return raw, ""


# --- text that is never the answer ---------------------------------------------------------------

#: A restated question, instruction or candidate list: "The options are happy, sad, angry."
CANDIDATE_LIST = re.compile(
    r"\b(?:options|candidates|choices|candidate (?:labels|emotions|classes)|possible (?:labels|emotions|answers|"
    r"categories|classes)|given (?:labels|emotions)|label set|categories|available (?:labels|emotions))"
    r"\s*(?:are|were|include|:)"
    r"|\bchoose (?:among|from|between|one of)\b|\bwhich of the following\b|\b(?:please )?answer with\b"
    r"|\byou asked\b|\bthe question (?:asks|is|was)\b|\bthe (?:instruction|prompt|task)s? (?:says?|asks?|is)\b"
    r"|\b(?:one|each) of (?:the following|these)\b|候选|选项"
)
#: Refusals. The clause they open (to the sentence end or a "but") is not analysed.
REFUSAL = re.compile(
    r"\b(?:i'm sorry|i am sorry|sorry|i apologi[sz]e|unfortunately|sadly|regrettably)\b[^.!?\n]{0,80}?"
    r"\b(?:can't|cannot|can not|unable|not able|won't|will not|not possible)\b"
    r"|\b(?:i|we) (?:can't|cannot|am unable to|'m unable to|am not able to|'m not able to|won't|do not|don't) "
    r"(?:help|assist|provide|identify|determine|analy[sz]e|comply|recogni[sz]e|make|tell|do that|process|"
    r"judge|assess|view|see|classify|infer)\b"
    r"|\bas an ai\b|\b(?:there is|there's|there isn't|not) (?:not )?enough information\b"
    r"|\b(?:can't|cannot|can not|couldn't|could not) be (?:assigned|determined|identified|inferred|classified)\b"
    r"|\bno (?:emotion|sentiment) (?:label|category|class)s?\b"
    r"|^\W*(?:cannot|can't|unable to) (?:determine|tell|say)\b"
    r"|抱歉|对不起|无法(?:识别|判断|确定|提供|帮助|回答)|不能(?:识别|判断|帮助|回答)"
)
REFUSAL_CLAUSE_END = re.compile(r"(?<!\d)[.!?](?!\d)|[。！？\n]|,? but\b|,? however\b|但是|不过")
#: Politeness idioms: their "happy"/"glad"/"pleased" is not an emotion label.
POLITENESS = re.compile(
    r"\b(?:happy|glad|pleased|delighted|excited) to (?:help|assist|provide|answer|do|analy[sz]e|describe|take a look|"
    r"look|share|explain|clarify|support|be of help)\b|\bhappy (?:analy[sz]ing|helping|to)\b"
    r"|\bfeel free\b|\bi hope (?:this|that|it) helps\b|\bglad (?:you|i could|to)\b|\b(?:i'm|i am) afraid\b"
    r"|很高兴(?:为你|帮助|能帮)"
)
#: A bracketed list of three or more labels inside prose is an echoed option list.
_BRACKETED = re.compile(r"\[[^\[\]\n]{5,300}\]|\((?=[^()\n]*,[^()\n]*,)[^()\n]{5,300}\)")
_LIST_LINE = re.compile(r"[ \t]*(?:\(?\d{1,2}[.)]|[-•]|\(?[a-h][.)])[ \t]")


def _sentence_after(text: str, pos: int) -> int:
    end = SENTENCE_END.search(text, pos)
    return end.start() if end else len(text)


def excluded_spans(t: AnswerText) -> list[tuple[int, int]]:
    """Echoed questions and option lists, refusal clauses and politeness idioms: never the answer."""
    if t.excluded is not None:
        return t.excluded
    text, spans = t.plain, []
    for m in CANDIDATE_LIST.finditer(text):
        stop = _sentence_after(text, m.end())
        if stop == m.end() or text[m.end() : stop].strip(" :") == "":  # "Options:\n- happy\n- sad"
            stop = m.end() + 1
            while stop < len(text) and text[stop] == "\n" and _LIST_LINE.match(text, stop + 1):
                stop = _sentence_after(text, stop + 1)
        spans.append((m.start(), stop))
    for m in REFUSAL.finditer(text):
        end = REFUSAL_CLAUSE_END.search(text, m.end())
        spans.append((m.start(), end.start() if end else len(text)))
    spans.extend((m.start(), m.end()) for m in POLITENESS.finditer(text))
    for m in _BRACKETED.finditer(text):  # "the best label among [happy, sad, angry] is sad"
        inside = bisect.bisect_left(t.starts, m.end()) - bisect.bisect_right(t.starts, m.start())
        if inside >= 3 and inside < len(t.mentions):
            spans.append(m.span())
    t.excluded = spans
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def inside_any(pos: int, merged: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and pos < merged[k][1]


def outside(mentions: list[Mention], spans: list[tuple[int, int]]) -> list[Mention]:
    """The mentions that start outside every span (O((m + s) log s))."""
    if not spans:
        return list(mentions)
    merged = _merged(spans)
    starts = [a for a, _ in merged]
    return [m for m in mentions if not inside_any(m.start, merged, starts)]


def sentence_mentions(t: AnswerText, spans: list[tuple[int, int]]) -> list[Mention]:
    """Asserted mentions outside the excluded spans, demoted ones last (order of mention otherwise)."""
    return sorted(outside(t.answer_mentions(), spans), key=lambda m: m.demoted)


# --- concluding phrases -------------------------------------------------------------------------

#: Explicit concluding phrases (English). The last one followed by a label wins.
CONCLUSION_MARKERS = (
    r"\b(?:final|overall|my|correct|best) answer\b\s*(?:is|would be|[:=-])?",
    r"\banswer\s*(?:is|would be|[:=]|\n)",
    (
        r"\b(?:emotion|emotions|sentiment|expression|label|prediction|classification|result|category|"
        r"verdict|mood|feeling|top[- ]?1|conclusion|final|polarity)\s*[:=]"
    ),
    (
        r"\bthe (?:[\w'-]+ ){0,3}(?:emotion|sentiment|expression|feeling|label|mood|category|choice|answer)"
        r"(?: [\w'-]+){0,6}? (?:is|would be|appears to be|seems to be|is likely|is most likely|"
        r"is best described as|is probably|could be|might be|may be|must be)\b"
    ),
    (
        r"\bi(?:'d| would|'ll| will)? (?:pick|choose|go with|select|say|guess|lean towards?|opt for|"
        r"conclude|believe|think|classify (?:it|this|the \w+) as)\b"
    ),
    r"\bmy (?:final )?(?:answer|choice|pick|guess|prediction) (?:is|would be)\b",
    (
        r"\b(?:therefore|thus|hence|in conclusion|in summary|to conclude|to summarize|consequently|"
        r"all in all|overall)\b,?"
    ),
    r"\b(?:best|most accurately) (?:described|categorized|categorised|classified|characterized) as\b",
    r"\bmost likely\b(?!\s*\))",  # not "Sad (most likely), Angry": that is a list annotation
    r"\b(?:final |my )?(?:ranking|ranked list|top[- ]?\d+|order)\s*[:=]",
    r"\\boxed\{",
    r"(?:^|[.!?\n]\s*)(?:this|that|it) (?:is|'s) (?:clearly |definitely |most likely |probably |likely )?",
)
#: Explicit concluding phrases (Chinese).
ZH_CONCLUSION_MARKERS = (
    r"(?:最终答案|答案|回答|结论|情绪|情感|表情|类别|预测|结果)(?:应该是|可能是|是|为)?\s*[:：]?",
    r"我(?:认为|觉得|选择|会选|判断|猜)(?:是)?",
    r"(?:所以|因此|综上所述|综上|总之)",
)
EN_CONCLUSION = re.compile("|".join(CONCLUSION_MARKERS))
ZH_CONCLUSION = re.compile("|".join(ZH_CONCLUSION_MARKERS))


def clause_after(text: str, pos: int) -> tuple[int, int]:
    """The clause that starts at ``pos``: leading blanks skipped, up to the sentence end."""
    while pos < len(text) and text[pos] in " \t\r\n:：-*":
        pos += 1
    end = SENTENCE_END.search(text, pos)
    stop = end.start() if end else len(text)
    # "Ranking:\n1. Fear\n2. Sad": the clause goes on over the list items that follow
    while stop < len(text) and text[stop] == "\n" and _LIST_LINE.match(text, stop + 1):
        end = SENTENCE_END.search(text, stop + 1)
        stop = end.start() if end else len(text)
    return pos, stop


def conclusion(
    t: AnswerText, markers: re.Pattern[str], spans: list[tuple[int, int]]
) -> tuple[tuple[str, ...], tuple[int, int]]:
    """Labels of the last concluding clause that names one, then the other labels; and that clause."""
    for m in reversed(list(markers.finditer(t.plain))):
        if any(a <= m.start() < b for a, b in spans):
            continue  # "Candidate emotions: ..." is not a conclusion
        start, end = clause_after(t.plain, m.end())
        head = sorted(outside(t.answer_mentions(start, end), spans), key=lambda x: x.demoted)
        if head:
            rest = [x.label for x in sentence_mentions(t, spans)]
            return ranked([x.label for x in head] + rest, t.allowed), (m.start(), end)
    return (), (0, 0)


# --- lettered options ---------------------------------------------------------------------------

_OPTION = re.compile(r"(?:^|(?<=[\s(\[]))\(?([a-h])\s*[).:\]]\s*(?=([^\n()]{1,60}))", re.MULTILINE)
_OPTION_HEAD_END = re.compile(r"\s+[-–—]\s|[,;:.(]|\s+\(?[a-h][).:\]]\s")
_LETTER = re.compile(
    r"\b(?:answer|option|choice|pick|select(?:ion)?)(?: is| would be)?\s*[:=]?\s*\(?([a-h])\)?(?![\w'])"
    r"|^[ \t*]*\(?([a-h])\)?[ \t.*]*$|答案\s*[:：]?\s*\(?([a-h])\b",
    re.MULTILINE,
)


def letter_answer(t: AnswerText) -> tuple[str | None, tuple[int, int]]:
    """The label of a letter answer ("Answer: C") among the lettered options the answer lists."""
    text = t.plain
    letters = [m for m in _LETTER.finditer(text)]
    if not letters:
        return None, (0, 0)
    options: dict[str, str] = {}
    for m in _OPTION.finditer(text):
        head = _OPTION_HEAD_END.split(m.group(2), 1)[0]
        found = [x for x in t.mentions if m.start(2) <= x.start < m.start(2) + len(head) + 1]
        if found and m.group(1) not in options:
            options[m.group(1)] = found[0].label
    if len(options) < 2 or "a" not in options and "b" not in options:
        return None, (0, 0)
    for m in reversed(letters):
        letter = next(g for g in m.groups() if g)
        if letter in options and options[letter] in t.allowed:
            return options[letter], (m.start(), m.end())
    return None, (0, 0)


# --- non-commitment -----------------------------------------------------------------------------

UNDECIDED = re.compile(
    r"\b(?:can't|cannot|can not|unable to|couldn't|could not|don't|do not) (?:decide|tell which|choose|pick|"
    r"say which|determine which|distinguish|tell (?:them )?apart|be sure which)\b"
    r"|\b(?:hard|difficult|impossible) to (?:say|tell|decide)\b|\bnot (?:sure|certain)\b(?! but)"
    r"|\bmaybe\b[^.!?\n]{1,40}\bmaybe\b|\b(?:might|may|could) be\b[^.!?\n]{1,40}\b(?:might|may|could) be\b"
    r"|\bnot sure which\b|\bambiguous\b|\bundecided\b|\bequally likely\b|\btoss-?up\b"
    r"|无法确定|难以判断|说不准|不确定是|无法判断是"
)
DECISIVE = re.compile(
    r"\blean(?:ing|s)? (?:more )?towards?\b|\bi(?:'d| would)? (?:pick|go with|choose|say|opt for)\b"
    r"|\b(?:final )?answer\s*(?:is|[:=])|\bif i (?:had|have) to (?:choose|pick)\b|\bslightly more likely\b"
    r"|\bmore likely\b"
)


def undecided(t: AnswerText, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span saying the answer cannot choose between two or more labels, unless a choice follows."""
    if len({x.label for x in sentence_mentions(t, spans)}) < 2:
        return None
    m = UNDECIDED.search(t.plain)
    if m is None:
        return None
    if DECISIVE.search(t.plain, m.start()):
        return None
    return m.start(), m.end()
