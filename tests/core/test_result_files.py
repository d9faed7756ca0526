"""The result-file contract: what the host adapter writes is exactly what the report reads back."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from ger_plugin import catalog
from ger_plugin.core import result_files
from ger_plugin.core.scoring import score_ger
from ger_plugin.errors import DataError

CREATED = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


def _ger(entry: catalog.DatasetEntry) -> dict:
    labels = list(entry.labels)
    gold = {f"s{i}": labels[i % len(labels)] for i in range(12)}
    answers: dict[str, list[str] | None] = {sid: [lab] for sid, lab in gold.items()}
    answers["s1"] = [labels[0]] if labels[1] != labels[0] else None  # one wrong
    answers["s2"] = []  # answered, no label of the set
    answers["s3"] = None  # empty answer
    return score_ger(entry, gold, answers, failed={"s4"}, n_boot=50)


def _write(tmp_path: Path, **extra: object) -> tuple[Path, Path, dict]:
    entry = catalog.DATASETS["GER_RAFDB"]
    ger = _ger(entry)
    rows = [
        result_files.sample_row("s0", "happy", "I think: happy", "happy", ["happy", "sad"], "final", False),
        result_files.sample_row("s4", "sad", None, None, [], "failed", True),
    ]
    record = result_files.metrics_record(
        model="M",
        dataset="GER_RAFDB",
        base_dataset=entry.name,
        ger=ger,
        prompt_version="7",
        created=CREATED,
        frames=0,
        batch=0,
        prediction_file="M_GER_RAFDB.xlsx",
        paper_protocol=None,
        **extra,
    )
    folder = tmp_path / "M" / "T1"
    folder.mkdir(parents=True)
    samples, metrics = result_files.write_result_files(folder / "M_GER_RAFDB.xlsx", rows, record)
    return samples, metrics, ger


def test_names_sit_beside_the_host_prediction_file(tmp_path):
    samples, metrics = result_files.result_paths(tmp_path / "GPT4o_GER_RAFDB.xlsx")
    assert samples == tmp_path / "GPT4o_GER_RAFDB_ger_samples.csv"
    assert metrics == tmp_path / "GPT4o_GER_RAFDB_ger_metrics.json"


def test_round_trip_writer_to_reader(tmp_path):
    samples, metrics, ger = _write(tmp_path, usage={"prompt_tokens": 10, "completion_tokens": 2})
    assert result_files.discover(tmp_path) == [metrics]
    result = result_files.load(metrics, tmp_path)
    assert (result.model, result.dataset, result.base_dataset, result.run) == ("M", "GER_RAFDB", "GER_RAFDB", "T1")
    assert result.prompt_version == "7" and result.created == CREATED
    assert result.metrics == pytest.approx(ger["metrics"])
    assert result.ci95 == {k: pytest.approx(tuple(v)) for k, v in ger["ci95"].items()}
    assert result.n_total == ger["n_total"] == 12
    assert result.invalid_rate == pytest.approx(ger["invalid_rate"])
    assert result.failed_rate == pytest.approx(ger["failed_rate"])
    assert result.unanswered_rate == pytest.approx(100 * ger["n_unanswered"] / 12)
    assert result.confusion is not None and result.confusion.labels == tuple(ger["confusion"]["labels"])
    assert result.usage == {"prompt_tokens": 10, "completion_tokens": 2}

    rows = result_files.read_samples(samples)
    assert [tuple(r) for r in rows] == [result_files.SAMPLE_COLUMNS] * 2
    assert rows[0] == {
        "id": "s0",
        "gold": "happy",
        "raw_answer": "I think: happy",
        "parsed_label": "happy",
        "ranked": "happy|sad",
        "rule": "final",
        "failed": "0",
        "ov_words": "",
    }
    assert rows[1]["raw_answer"] == "" and rows[1]["failed"] == "1"


def test_writer_refuses_a_column_outside_the_contract(tmp_path):
    row = result_files.sample_row("s0", "happy", "x", "happy", ["happy"], "final", False) | {"extra": 1}
    with pytest.raises(ValueError):
        result_files.write_samples(tmp_path / "x_ger_samples.csv", [row])


def test_reader_refuses_a_samples_file_with_other_columns(tmp_path):
    path = tmp_path / "x_ger_samples.csv"
    path.write_text("id,gold\ns0,happy\n")
    with pytest.raises(DataError, match="x_ger_samples.csv"):
        result_files.read_samples(path)


@pytest.mark.parametrize(
    "change,field",
    [
        (lambda d: d.update(ger_format=2), "ger_format"),
        (lambda d: d.update(base_dataset="GER_Nope"), "base_dataset"),
        (lambda d: d["ger"]["metrics"].update(acc="high"), "ger.metrics.acc"),
        (lambda d: d.update(created="yesterday"), "created"),
        (lambda d: d["ger"]["ci95"].update(acc=[1.0]), "ger.ci95.acc"),
    ],
)
def test_reader_names_file_and_field(tmp_path, change, field):
    _, metrics, _ = _write(tmp_path)
    data = json.loads(metrics.read_text())
    change(data)
    metrics.write_text(json.dumps(data))
    with pytest.raises(DataError) as err:
        result_files.load(metrics)
    assert err.value.field == field and str(metrics) in str(err.value)


def test_the_metrics_file_is_written_whole(tmp_path):
    with pytest.raises(ValueError, match="ger"):
        result_files.write_metrics(tmp_path / "x_ger_metrics.json", {"ger_format": 1, "model": "M"})
    assert not list(tmp_path.iterdir())
