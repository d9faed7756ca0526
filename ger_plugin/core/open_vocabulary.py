"""The open-vocabulary protocol: free emotion words scored through an emotion-wheel synonym graph.

A third protocol beside the paper's and the GER standard one, for answers outside the label set
("frustrated", "heartbroken"), scored the way MER-UniBench (AffectGPT, Lian et al., ICML 2025,
arXiv 2501.16566) scores open-vocabulary answers on basic-emotion datasets:

1. the answer's emotion words are found: the in-set label :func:`parse_answer` chose, else every
   emotion word of the graph the free answer names (negated ones skipped);
2. each word goes to its node (word forms: "frustrating" -> "frustration"), and each node to one
   cluster of the top level of every wheel, through the graph's synonym edges when the node is not
   on that wheel (breadth first, neighbours in sorted order, so the mapping is unique);
3. a sample is a **hit** on a wheel when the gold label's cluster is among the answer's clusters;
   the hit rate is computed per wheel and averaged over the wheels (MER-UniBench's ``HIT``).

Where GER differs from MER-UniBench, on purpose: words are found by a fixed lookup, not extracted
by an LLM at temperature 0.7 (deterministic: same answers, same score); ``neutral`` is a cluster of
every wheel (MER-UniBench drops neutral gold from the hit rate); gold labels that are on no wheel
(``others``, ``repressed``) leave that wheel's population and are counted in ``n_excluded``;
failed and unanswered samples stay in the population as misses. Sentiment datasets get the
answer's polarity from the valence of its clusters (a majority vote; MER-UniBench asks an LLM)
and binary weighted F1 / accuracy on non-zero gold, as MER-UniBench's ``WAF``.

The graph is the data file ``emotion_wheels.json`` beside this module. Pure: no I/O beyond
reading that packaged file once, no environment.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from ger_plugin.catalog import DatasetEntry, Scoring
from ger_plugin.core import metrics
from ger_plugin.core.sentiment import intensity_polarity
from ger_plugin.errors import DataError

PROTOCOL_NAME = "open_vocabulary"
PROTOCOL_VERSION = "1"
GRAPH_FILE = "emotion_wheels.json"
#: Breadth-first search over synonym edges stops after this many hops.
MAX_HOPS = 3
#: A word is negated when one of these is among the few words before it (same clause).
NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "without",
        "nor",
        "neither",
        "hardly",
        "barely",
        "than",
        "instead",
        "lack",
        "lacks",
        "lacking",
        "absence",
        "none",
    }
)
NEGATION_WINDOW = 3
_POLARITY = ("negative", "positive")
_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*|[.,;:!?\n()]")
_CLAUSE = frozenset(".,;:!?\n()") | {"but", "however", "although", "though", "yet", "while", "whereas"}


Gold = Mapping[Any, object]  # sample id -> gold (keys of any hashable type, as score_ger takes them)
Words = Mapping[Any, Sequence[str] | None]


@dataclass(frozen=True)
class WheelGraph:
    """Word forms -> nodes -> one cluster per wheel; read once from the packaged data file."""

    version: str
    forms: Mapping[str, str]  # folded surface form -> node
    wheels: Mapping[str, Mapping[str, str]]  # wheel -> node -> cluster (nodes on that wheel)
    valence: Mapping[str, Mapping[str, str]]  # wheel -> cluster -> positive/negative/neutral/ambiguous
    synonyms: Mapping[str, tuple[str, ...]]  # node -> nodes
    max_tokens: int

    def cluster(self, node: str, wheel: str) -> str | None:
        """The cluster of ``wheel`` that ``node`` belongs to, through synonym edges if needed."""
        return _cluster(self, node, wheel)

    def node(self, word: str) -> str | None:
        return self.forms.get(_fold(word))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'")
    return " ".join(_WORD.findall(text))


def _read_graph(data: Mapping[str, Any]) -> WheelGraph:
    """Check and index the graph file's JSON (see its ``about``); ``ValueError`` names the bad word."""
    forms: dict[str, str] = {}
    wheels: dict[str, dict[str, str]] = {}
    valence: dict[str, dict[str, str]] = {}

    def add_family(family: str, wheel: str, cluster: str) -> None:
        words = [_fold(w) for w in family.split("|")]
        node = words[0]
        for w in words:
            if forms.setdefault(w, node) != node:
                raise ValueError(f"{GRAPH_FILE}: form {w!r} belongs to both {forms[w]!r} and {node!r}")
        placed = wheels[wheel].setdefault(node, cluster)
        if placed != cluster:
            raise ValueError(f"{GRAPH_FILE}: {node!r} is in two clusters of {wheel}: {placed!r} and {cluster!r}")

    shared = data.get("shared_clusters") or {}
    for wheel, spec in data["wheels"].items():
        wheels[wheel], valence[wheel] = {}, {}
        clusters = dict(spec["clusters"])
        clusters.update(shared)
        for cluster, cspec in clusters.items():
            valence[wheel][cluster] = cspec["valence"]
            for family in cspec["words"]:
                add_family(family, wheel, cluster)
    synonyms: dict[str, tuple[str, ...]] = {}
    for word, targets in (data.get("synonyms") or {}).items():
        node = forms.get(_fold(word))
        if node is None:
            raise ValueError(f"{GRAPH_FILE}: synonym source {word!r} is no word of any wheel")
        resolved = []
        for t in targets:
            target = forms.get(_fold(t))
            if target is None:
                raise ValueError(f"{GRAPH_FILE}: synonym {word!r} -> {t!r}: {t!r} is no word of any wheel")
            resolved.append(target)
        synonyms[node] = tuple(sorted(set(synonyms.get(node, ()) + tuple(resolved))))
    max_tokens = max(len(f.split()) for f in forms)
    return WheelGraph(
        version=str(data.get("version", "")),
        forms=MappingProxyType(forms),
        wheels=MappingProxyType({w: MappingProxyType(m) for w, m in wheels.items()}),
        valence=MappingProxyType({w: MappingProxyType(m) for w, m in valence.items()}),
        synonyms=MappingProxyType(synonyms),
        max_tokens=max_tokens,
    )


@lru_cache(maxsize=1)
def graph() -> WheelGraph:
    """The packaged emotion-wheel graph (read once)."""
    text = resources.files(__package__).joinpath(GRAPH_FILE).read_text(encoding="utf-8")
    return _read_graph(json.loads(text))


def _cluster(g: WheelGraph, node: str, wheel: str) -> str | None:
    on_wheel = g.wheels[wheel]
    frontier, seen = [node], {node}
    for _ in range(MAX_HOPS + 1):
        for n in frontier:
            if n in on_wheel:
                return on_wheel[n]
        nxt = []
        for n in frontier:
            for m in g.synonyms.get(n, ()):
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
        frontier = sorted(nxt)
        if not frontier:
            break
    return None


def emotion_words(text: object, g: WheelGraph | None = None) -> tuple[str, ...]:
    """Graph nodes named in ``text``, in order of first mention, longest form first, negated ones skipped."""
    if not isinstance(text, str) or not text:
        return ()
    g = g or graph()
    tokens = _WORD.findall(unicodedata.normalize("NFKC", text[:4000]).casefold().replace("\u2019", "'"))
    found: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(g.max_tokens, len(tokens) - i), 0, -1):
            node = g.forms.get(" ".join(tokens[i : i + size]))
            if node is not None:
                if not _negated(tokens, i) and node not in found:
                    found.append(node)
                i += size
                break
        else:
            i += 1
    return tuple(found)


def _negated(tokens: list[str], i: int) -> bool:
    k, seen = i - 1, 0
    while k >= 0 and seen < NEGATION_WINDOW:
        w = tokens[k]
        if w in _CLAUSE:
            return False
        if w in NEGATORS or w.endswith("n't"):
            return True
        k, seen = k - 1, seen + 1
    return False


def answer_words(raw: str | None, parsed_label: str | None) -> tuple[str, ...] | None:
    """The emotion words one answer is scored on (``None``: no answer at all).

    The in-set label the parser chose (GER prompts ask for one label; a ranked list is not
    credited label by label), else every emotion word of the free answer, as MER-UniBench
    credits any of an answer's open-vocabulary labels.
    """
    if raw is None:
        return None
    if parsed_label:
        node = graph().node(parsed_label)
        return (node,) if node else (parsed_label,)
    return emotion_words(raw)


def _polarity_of_words(words: Sequence[str], g: WheelGraph) -> str | None:
    """``positive`` / ``negative`` by a vote of the words' cluster valences over all wheels."""
    votes: Counter[str] = Counter()
    for w in words:
        for wheel in g.wheels:
            c = g.cluster(w, wheel)
            if c is not None and g.valence[wheel][c] in _POLARITY:
                votes[g.valence[wheel][c]] += 1
    if votes["positive"] == votes["negative"]:
        return None
    return "positive" if votes["positive"] > votes["negative"] else "negative"


def _is_polarity_entry(entry: DatasetEntry) -> bool:
    return entry.scoring is Scoring.SENTIMENT_INTENSITY or set(entry.labels) <= {"positive", "negative", "neutral"}


def score_open_vocabulary(
    entry: DatasetEntry,
    gold: Gold,
    words: Words,
    *,
    failed: Collection[Hashable] = (),
) -> dict[str, Any]:
    """Score answers' emotion words (see :func:`answer_words`) under the open-vocabulary protocol.

    ``gold``: sample id -> canonical label (a float score for sentiment-intensity datasets).
    Emotion datasets: ``hit`` (mean over wheels of the per-wheel hit rate) and ``hit_<wheel>``.
    Sentiment and polarity datasets: ``WF1`` and ``acc`` on positive vs negative.
    """
    g = graph()
    failed = set(failed)
    n_total = len(gold)
    if n_total == 0:
        raise DataError(f"{entry.name}: no sample to score")
    no_word = sum(1 for sid in gold if sid not in failed and not words.get(sid))
    base = {
        "protocol": PROTOCOL_NAME,
        "protocol_version": PROTOCOL_VERSION,
        "graph_version": g.version,
        "dataset": entry.name,
        "n_total": n_total,
        "n_failed": sum(1 for sid in gold if sid in failed),
        "n_no_emotion_word": no_word,
        "no_emotion_word_rate": 100.0 * no_word / n_total,
    }
    if _is_polarity_entry(entry):
        return base | _score_polarity(entry, gold, words, failed, g)
    return base | _score_hits(entry, gold, words, failed, g)


def _score_hits(entry: DatasetEntry, gold: Gold, words: Words, failed: set[Hashable], g: WheelGraph) -> dict[str, Any]:
    per_wheel: dict[str, float] = {}
    excluded: dict[str, int] = {}
    for wheel in g.wheels:
        hits, population = 0, 0
        for sid, target in gold.items():
            node = g.node(str(target))
            cluster = g.cluster(node, wheel) if node else None
            if cluster is None:
                continue
            population += 1
            answer = () if sid in failed else (words.get(sid) or ())
            if any(g.cluster(w, wheel) == cluster for w in answer):
                hits += 1
        excluded[wheel] = len(gold) - population
        if population:
            per_wheel[wheel] = 100.0 * hits / population
    if not per_wheel:
        raise DataError(f"{entry.name}: no gold label is on any emotion wheel")
    out_metrics = {"hit": sum(per_wheel.values()) / len(per_wheel)}
    out_metrics.update({f"hit_{w}": v for w, v in per_wheel.items()})
    return {"primary_metric": "hit", "metrics": out_metrics, "n_excluded": excluded}


def _score_polarity(
    entry: DatasetEntry, gold: Gold, words: Words, failed: set[Hashable], g: WheelGraph
) -> dict[str, Any]:
    truth: list[str] = []
    pred: list[str | None] = []
    for sid, target in gold.items():
        if entry.scoring is Scoring.SENTIMENT_INTENSITY:
            score = float(target)  # type: ignore[arg-type]  # a sentiment score (checked by score_ger too)
            if score == 0:
                continue
            target = "positive" if score > 0 else "negative"
        elif target not in _POLARITY:
            continue
        answer = () if sid in failed else (words.get(sid) or ())
        polarity = None
        if answer and answer[0] in entry.labels:  # the parser's in-set label: GER's own mapping
            polarity = (
                intensity_polarity(answer[0])
                if entry.scoring is Scoring.SENTIMENT_INTENSITY
                else (answer[0] if answer[0] in _POLARITY else None)
            )
        if polarity is None:
            polarity = _polarity_of_words(answer, g)
        truth.append(str(target))
        pred.append(polarity)
    if not truth:
        raise DataError(f"{entry.name}: no non-neutral gold to score")
    return {
        "primary_metric": "WF1",
        "metrics": {"WF1": metrics.weighted_f1(truth, pred, labels=_POLARITY), "acc": metrics.accuracy(truth, pred)},
        "n_excluded": {"polarity": len(gold) - len(truth)},
    }
