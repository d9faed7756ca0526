"""Turn host predictions into GER scores and the two result files the leaderboard reads.

Host-independent on purpose (plain lists in, files out): the adapters load the host's
prediction file and hand over one :class:`Prediction` per sample (batch rows already split).

The files written beside the host's prediction file (a samples CSV with the ``ov_words`` the
open-vocabulary protocol scored, and a metrics JSON with the robustness variant and the ``ger``,
``paper_protocol`` and ``open_vocabulary`` scores) follow the contract in
:mod:`ger_plugin.core.result_files`, which owns their names, columns, writer and reader.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ger_plugin.catalog import MIKELS_POLARITY, DatasetEntry, PaperProtocol
from ger_plugin.core import result_files
from ger_plugin.core.prompts import PROMPT_VERSION
from ger_plugin.host.repeats import repeat_from_env

#: What the host writes in the prediction column when an API call failed for good.
FAIL_MSG = "Failed to obtain answer via API."


@dataclass(frozen=True)
class Prediction:
    """One sample's outcome: ``raw`` is ``None`` when the host has no prediction for it."""

    sample_id: str
    gold: Any  # canonical label, or a sentiment score
    raw: str | None
    failed: bool = False


def is_failed(text: object) -> bool:
    return FAIL_MSG in str(text)


def split_batch(text: str, names: list[str]) -> dict[str, str]:
    """Per-input answer text of one batch reply; inputs the reply does not cover are left out."""
    from ger_plugin.core.parsing import split_batched_answer

    return {n: part for n, part in zip(names, split_batched_answer(text, names)) if part is not None}


def _paper_rows(entry: DatasetEntry, rows: list[tuple[Any, list[str]]]) -> list[tuple[str, list[str]]]:
    """Canonical (gold, ranked) -> the strings the paper's rule compares (its candidate spelling)."""
    from ger_plugin.core.labels import normalize

    spelling = {normalize(c): c for c in entry.paper_candidates}
    protocol = entry.paper_run.protocol if entry.paper_run else None
    out = []
    for gold, ranked in rows:
        answer = [spelling.get(lab, lab) for lab in ranked]
        if protocol is PaperProtocol.TOP1_POLARITY:
            gold = MIKELS_POLARITY.get(str(gold), gold)
        elif protocol is not PaperProtocol.SENTIMENT_BINARY:
            gold = spelling.get(str(gold), gold)
        out.append((str(gold), answer))
    return out


def evaluate_predictions(
    entry: DatasetEntry,
    predictions: Sequence[Prediction],
    *,
    eval_file: str | os.PathLike[str],
    model: str,
    dataset: str,
    frames: int = 0,
    batch: int = 0,
    corruption: str = "",
    prompt_variant: str = "",
) -> dict[str, Any]:
    """Parse, score, write both files; return the metrics JSON object.

    Three protocols side by side: ``ger`` (the standard one), ``paper_protocol`` (to reproduce the
    paper) and ``open_vocabulary`` (free emotion words through the emotion-wheel graph).
    ``corruption`` / ``prompt_variant``: the robustness variant this run used ("" = clean / standard).
    """
    from ger_plugin.core import open_vocabulary, scoring
    from ger_plugin.core.parsing import parse_answer

    gold: dict[str, Any] = {}
    answers: dict[str, list[str] | None] = {}
    failed: list[str] = []
    words: dict[str, tuple[str, ...] | None] = {}
    sample_rows = []
    paper_input = []
    for p in predictions:
        gold[p.sample_id] = p.gold
        parsed = None
        if p.failed:
            failed.append(p.sample_id)
        elif p.raw is not None:
            parsed = parse_answer(p.raw, entry.labels)
            ranked = scoring.ranked_answer(parsed)
            answers[p.sample_id] = ranked  # [] = answered but invalid
            words[p.sample_id] = open_vocabulary.answer_words(p.raw, parsed.label)
            paper_input.append((p.gold, ranked))
        sample_rows.append(
            result_files.sample_row(
                p.sample_id,
                p.gold,
                p.raw,
                parsed.label if parsed else None,
                answers.get(p.sample_id) or [],
                (parsed.rule or "") if parsed else ("failed" if p.failed else "missing"),
                p.failed,
                words.get(p.sample_id) or (),
            )
        )

    ger = scoring.score_ger(entry, gold, answers, failed=failed)
    paper: dict[str, Any] | None
    try:
        paper = scoring.score_paper(entry, _paper_rows(entry, paper_input)) if entry.paper_run else None
    except Exception as err:  # the paper score is informative only; never lose the GER score for it
        paper = {"error": f"{type(err).__name__}: {err}"}

    open_vocab: dict[str, Any] | None
    try:
        open_vocab = open_vocabulary.score_open_vocabulary(entry, gold, words, failed=failed)
    except Exception as err:  # like the paper score: never lose the GER score for it
        open_vocab = {"error": f"{type(err).__name__}: {err}"}

    result = result_files.metrics_record(
        model=model,
        dataset=dataset,
        base_dataset=entry.name,
        ger=ger,
        prompt_version=PROMPT_VERSION,
        created=_dt.datetime.now(_dt.timezone.utc),
        frames=frames,
        batch=batch,
        prediction_file=str(Path(eval_file).resolve()),
        paper_protocol=paper,
        open_vocabulary=open_vocab,
        corruption=corruption,
        prompt_variant=prompt_variant,
        repeat=repeat_from_env(),  # `ger run --repeats N`: which repeat, with which seed and temperature
    )
    result_files.write_result_files(eval_file, sample_rows, result)
    return result


def host_summary(result: dict[str, Any]) -> dict[str, float]:
    """The plain-float dict ``evaluate`` returns to the host (primary metric first)."""
    ger = result["ger"]
    primary = ger["primary_metric"]
    out = {primary: float(ger["metrics"][primary])}
    out.update({k: float(v) for k, v in ger["metrics"].items() if k != primary})
    out["invalid_rate"] = float(ger["invalid_rate"])
    out["failed_rate"] = float(ger["failed_rate"])
    return out
