"""``evaluate_predictions`` called directly (no host, no subprocess): failed API calls are counted
as failed, scored as wrong, written to both result files and read back by the leaderboard."""

from __future__ import annotations

import csv
import json

import pytest

from ger_plugin import catalog
from ger_plugin.core import result_files
from ger_plugin.host import evaluation
from ger_plugin.host.evaluation import FAIL_MSG, Prediction
from ger_plugin.report import leaderboard
from ger_plugin.report.results import load

CK = catalog.DATASETS["GER_CKPlus"]
FAILED_TEXT = f"{FAIL_MSG} Error code 429 (rate limited)"  # what the host writes after its retries


def _predictions() -> list[Prediction]:
    right = [Prediction(f"r{i}", lab, f"The emotion is {lab}.") for i, lab in enumerate(CK.labels[:6])]
    return [
        *right,  # 6 right
        Prediction("w0", "happy", "Answer: sad"),  # 1 wrong
        # failed calls: the host's failure text, and one whose text happens to name a label
        Prediction("f0", "happy", FAILED_TEXT, failed=True),
        Prediction("f1", "sad", "sad", failed=True),
        Prediction("m0", "angry", None),  # no prediction row at all
    ]


@pytest.fixture
def result(tmp_path):
    eval_file = tmp_path / "ModelX" / "ModelX_GER_CKPlus.xlsx"
    eval_file.parent.mkdir()
    out = evaluation.evaluate_predictions(CK, _predictions(), eval_file=eval_file, model="ModelX", dataset="GER_CKPlus")
    return out, eval_file


def test_failed_calls_are_counted_as_failed_and_scored_wrong(result):
    out, _ = result
    ger = out["ger"]
    assert (ger["n_total"], ger["n_failed"], ger["n_unanswered"], ger["n_invalid"], ger["n_answered"]) == (
        10,
        2,
        1,
        0,
        7,
    )
    assert ger["failed_rate"] == pytest.approx(20.0)
    assert ger["metrics"]["acc"] == pytest.approx(60.0)  # failed and missing count as wrong
    # the failed samples land in the confusion matrix's "none" column, not under a label
    matrix = ger["confusion"]["matrix"]
    assert matrix[CK.labels.index("sad")][-1] == 1 and matrix[CK.labels.index("happy")][-1] == 1
    # the paper's protocol scores the answered rows only: 6 of the 7
    assert out["paper_protocol"]["n_rows"] == 7
    assert out["paper_protocol"]["acc"] == pytest.approx(600 / 7)


def test_failed_calls_are_reported_in_both_files_and_the_host_summary(result):
    out, eval_file = result
    samples_csv, metrics_json = result_files.result_paths(eval_file)
    assert json.loads(metrics_json.read_text())["ger"] == out["ger"]
    rows = {r["id"]: r for r in csv.DictReader(samples_csv.open(encoding="utf-8"))}
    assert [(rows[i]["rule"], rows[i]["failed"], rows[i]["parsed_label"]) for i in ("f0", "f1", "m0")] == [
        ("failed", "1", ""),
        ("failed", "1", ""),
        ("missing", "0", ""),
    ]
    assert rows["f0"]["raw_answer"] == FAILED_TEXT  # kept for the record, never parsed
    summary = evaluation.host_summary(out)
    assert summary["failed_rate"] == pytest.approx(20.0) and next(iter(summary)) == "acc"


def test_the_leaderboard_reads_the_failed_rate_back_and_flags_it(result):
    _, eval_file = result
    loaded = load(result_files.result_paths(eval_file)[1])
    assert loaded.failed_rate == pytest.approx(20.0)
    board = leaderboard.build([loaded])
    cell = next(r for r in board.table(CK.task).rows if r.name == "ModelX").cells["GER_CKPlus:acc"]
    assert cell.failed_rate == pytest.approx(20.0) and cell.no_answer_rate == pytest.approx(10.0)  # m0: no answer
    assert cell.flags == ("invalid", "failed")


@pytest.mark.parametrize(
    ("text", "failed"),
    [(FAILED_TEXT, True), (FAIL_MSG, True), ("happy", False), ("I failed to see any emotion.", False)],
)
def test_is_failed_recognises_the_hosts_failure_text(text, failed):
    assert evaluation.is_failed(text) is failed
