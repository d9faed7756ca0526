"""GER scoring as a Hugging Face ``evaluate`` metric.

``evaluate.load(ger_plugin.EVALUATE_MODULE).compute(predictions=[...], references=[...],
dataset="GER_RAFDB")`` parses each free-form answer with GER's answer parser and scores the lot
with the GER standard protocol -- the same functions the host's evaluation step and the
leaderboard use, so the numbers are equal by construction (tests/core/test_evaluate_metric.py
checks it against the leaderboard).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import datasets
import evaluate

from ger_plugin import catalog
from ger_plugin.core.parsing import parse_answer
from ger_plugin.core.scoring import ranked_answer, score_ger

_CITATION = """\
@article{lian2023gpt4v,
  title={GPT-4V with Emotion: A Zero-shot Benchmark for Generalized Emotion Recognition},
  author={Lian, Zheng and Sun, Licai and Sun, Haiyang and Chen, Kang and Wen, Zhuofan and Gu, Hao and Liu, Bin and Tao, Jianhua},
  journal={Information Fusion},
  year={2024},
  note={arXiv:2312.04293}
}
"""

_DESCRIPTION = """\
GER (Generalized Emotion Recognition) scores free-form answers of a model on one of the 19 GER
datasets under the GER standard protocol: each answer is parsed to the dataset's canonical
labels (synonyms, rankings, JSON records, Chinese, negation), an answer with no label of the set
counts as wrong, and the rate of such answers is reported next to the scores.
"""

_KWARGS_DESCRIPTION = """
Args:
    predictions: list of str, the model's free-form answers ("" or None = no answer).
    references: list of canonical labels of the dataset (e.g. "angry"); for the sentiment
        datasets (GER_CHSIMS, GER_CMUMOSI and their variants) the gold sentiment score (float).
    dataset: the GER dataset name, e.g. "GER_RAFDB" (variants such as "GER_RAFDB_Blur3" score
        like their base dataset).
Returns:
    acc, war, uar, wf1: percent (war = acc); unanswered_rate: percent of answers with no label of
    the set (empty or invalid), as the leaderboard's "no answer %"; n: samples scored.
Examples:
    >>> import evaluate, ger_plugin
    >>> ger = evaluate.load(ger_plugin.EVALUATE_MODULE)
    >>> ger.compute(predictions=["I think she is furious.", "Label: sad"], references=["angry", "happy"],
    ...             dataset="GER_RAFDB")["acc"]
    50.0
"""

#: metric names as ``ger list`` prints them -> the key in the GER protocol's metrics
METRIC_KEYS = {"acc": "acc", "war": "WAR", "uar": "UAR", "wf1": "WF1"}


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS_DESCRIPTION)
class GerMetric(evaluate.Metric):  # type: ignore[misc]  # evaluate ships no type information
    def _info(self) -> evaluate.MetricInfo:
        return evaluate.MetricInfo(
            module_type="metric",
            description=_DESCRIPTION,
            citation=_CITATION,
            inputs_description=_KWARGS_DESCRIPTION,
            features=[
                datasets.Features({"predictions": datasets.Value("string"), "references": datasets.Value("string")}),
                datasets.Features({"predictions": datasets.Value("string"), "references": datasets.Value("float64")}),
            ],
            homepage="https://github.com/zeroQiaoba/gpt4v-emotion",
            reference_urls=["https://arxiv.org/abs/2312.04293"],
        )

    def _compute(
        self, predictions: Sequence[str | None], references: Sequence[object], dataset: str = "GER_RAFDB"
    ) -> dict[str, float]:
        entry = catalog.parse_host_name(dataset).entry
        gold: dict[Hashable, object] = {}
        answers: dict[Hashable, Sequence[str] | None] = {}
        for i, (answer, ref) in enumerate(zip(predictions, references)):
            sid = str(i)
            gold[sid] = ref
            if answer is None:
                answers[sid] = None
                continue
            answers[sid] = ranked_answer(parse_answer(answer, entry.labels))
        result = score_ger(entry, gold, answers, n_boot=0)
        out = {name: result["metrics"][key] for name, key in METRIC_KEYS.items()}
        out["unanswered_rate"] = 100.0 * (result["n_invalid"] + result["n_unanswered"]) / result["n_total"]
        out["n"] = result["n_total"]
        return out
