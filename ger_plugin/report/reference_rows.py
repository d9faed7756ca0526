"""The leaderboard's reference rows, derived from the catalog: GPT-4V as published, the best
supervised method per dataset, and chance level (the expected score of uniform guessing); and
the published results of newer models (``published_rows.yaml``, each with its source, protocol,
setting and caveats), which the leaderboard shows beside its rows and never ranks.

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

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from ger_plugin import catalog
from ger_plugin.catalog import DatasetEntry, Scoring
from ger_plugin.errors import DataError

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
    return {
        "acc": 100 * acc,
        "WAR": 100 * acc,
        "UAR": 100 * sum(guess.get(c, 0.0) for c in present) / len(present),
        "WF1": 100 * sum(priors[c] * f1[c] for c in priors),
        "macro_F1": 100 * sum(f1[c] for c in present) / len(present),
    }


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


# --------------------------------------------------------------------------------------
# Published results of newer models (shown beside our rows, never ranked with them)
# --------------------------------------------------------------------------------------

#: The data file of published rows, shipped inside the package.
PUBLISHED_FILE = "published_rows.yaml"
#: How a published model relates to the dataset it is scored on.
SETTINGS = ("zero-shot", "held-out", "fine-tuned", "not stated")
PROTOCOL_FIELDS = ("metric", "split", "frames", "modalities", "vocabulary")
SOURCE_FIELDS = ("paper", "arxiv", "url", "table", "read_from")


@dataclass(frozen=True)
class Source:
    paper: str
    arxiv: str | None
    url: str
    table: str
    read_from: str

    @property
    def citation(self) -> str:
        """One line: paper, arXiv id (or URL), table."""
        where = f"arXiv {self.arxiv}" if self.arxiv else self.url
        return f"{self.paper}, {where}, {self.table}"


@dataclass(frozen=True)
class PublishedRow:
    """One published figure set of one model on one GER dataset, with its provenance."""

    model: str
    dataset: str  # GER name (catalog)
    published_as: str
    figures: Mapping[str, float]  # metric -> percent; acc/WAR/UAR as in GER, others (HIT, WAF) the source's own
    setting: str  # one of SETTINGS
    setting_as_published: str
    protocol: Mapping[str, str]  # PROTOCOL_FIELDS
    source: Source
    caveats: tuple[str, ...]
    verdict: str
    listed_in: str


def _field(row: Mapping[str, Any], name: str, where: str, path: object) -> Any:
    if name not in row or row[name] in (None, ""):
        raise DataError(f"{where}: missing {name!r}", path=path, field=name)
    return row[name]


def parse_published(data: Any, path: object = PUBLISHED_FILE) -> list[PublishedRow]:
    """Validate the published-rows document (``sources`` + ``rows``) into :class:`PublishedRow` s."""
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("rows"), list)
        or not isinstance(data.get("sources"), dict)
    ):
        raise DataError("expected a mapping with 'sources' and a list 'rows'", path=path)
    sources = {}
    for key, src in data["sources"].items():
        if not isinstance(src, dict) or any(f not in src for f in SOURCE_FIELDS):
            raise DataError(f"source {key!r} needs {', '.join(SOURCE_FIELDS)}", path=path, field=f"sources.{key}")
        sources[key] = Source(
            paper=str(src["paper"]),
            arxiv=None if src["arxiv"] is None else str(src["arxiv"]),
            url=str(src["url"]),
            table=str(src["table"]),
            read_from=str(src["read_from"]),
        )
    out = []
    for i, row in enumerate(data["rows"]):
        where = f"row {i + 1}"
        if not isinstance(row, dict):
            raise DataError(f"{where}: expected a mapping", path=path, field=f"rows[{i}]")
        dataset = str(_field(row, "dataset", where, path))
        if dataset not in catalog.DATASETS:
            raise DataError(f"{where}: unknown GER dataset {dataset!r}", path=path, field="dataset")
        setting = str(_field(row, "setting", where, path))
        if setting not in SETTINGS:
            raise DataError(
                f"{where}: setting {setting!r} is not one of {', '.join(SETTINGS)}", path=path, field="setting"
            )
        figures = _field(row, "figures", where, path)
        if not isinstance(figures, dict) or not all(isinstance(v, (int, float)) for v in figures.values()):
            raise DataError(f"{where}: figures must map metric -> number", path=path, field="figures")
        protocol = _field(row, "protocol", where, path)
        missing = [f for f in PROTOCOL_FIELDS if not isinstance(protocol, dict) or not protocol.get(f)]
        if missing:
            raise DataError(f"{where}: protocol lacks {', '.join(missing)}", path=path, field="protocol")
        source = str(_field(row, "source", where, path))
        if source not in sources:
            raise DataError(f"{where}: unknown source {source!r}", path=path, field="source")
        caveats = row.get("caveats") or []
        if not isinstance(caveats, list):
            raise DataError(f"{where}: caveats must be a list", path=path, field="caveats")
        out.append(
            PublishedRow(
                model=str(_field(row, "model", where, path)),
                dataset=dataset,
                published_as=str(_field(row, "published_as", where, path)),
                figures={str(k): float(v) for k, v in figures.items()},
                setting=setting,
                setting_as_published=str(row.get("setting_as_published") or ""),
                protocol={f: str(protocol[f]) for f in PROTOCOL_FIELDS},
                source=sources[source],
                caveats=tuple(str(c) for c in caveats),
                verdict=str(row.get("verdict") or ""),
                listed_in=str(row.get("listed_in") or ""),
            )
        )
    return out


@lru_cache(maxsize=1)
def published_rows() -> tuple[PublishedRow, ...]:
    """Every published row shipped with the package, in file order."""
    import yaml

    resource = files("ger_plugin.report").joinpath(PUBLISHED_FILE)
    try:
        data = yaml.safe_load(resource.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"not valid YAML ({exc})", path=resource) from exc
    return tuple(parse_published(data, resource))


def published_for(dataset: str) -> list[PublishedRow]:
    """The published rows about one GER dataset."""
    return [r for r in published_rows() if r.dataset == dataset]
