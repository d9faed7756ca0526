"""``ger explain-answer``: the parser's reading of one answer, the optional extractor, agreement per dataset."""

from __future__ import annotations

import json
import re

import pytest
from openai_server import NaiveJudge

from ger_plugin.commands import main


def test_explain_answer_prints_rule_span_and_notes(capsys):
    assert main(["explain-answer", "<think>Angry? No.</think> Final answer: **Sad**", "--data", "GER_RAFDB"]) == 0
    out = capsys.readouterr().out
    assert "label:    sad" in out
    assert "rule:     conclusion" in out
    assert "read:     'final answer: sad'" in out
    assert "after </think>" in out


def test_explain_answer_json_and_the_extractor_flag(capsys):
    with NaiveJudge() as srv:
        code = main(
            [
                "explain-answer",
                "She is sad, not happy.",
                "--data",
                "GER_RAFDB",
                "--format",
                "json",
                "--extractor-model",
                "judge",
                "--base-url",
                srv.base,
            ]
        )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["label"] == "sad" and out["rule"] == "sentence"
    assert out["extractor"] == {"model": "judge", "label": "happy", "agrees": False}


def test_explain_answer_agreement_report_over_a_file(tmp_path, capsys):
    answers = tmp_path / "answers.jsonl"
    answers.write_text('{"text": "Sad."}\n{"text": "sad, not happy"}\n{"text": "Worried", "data": "GER_MER2023"}\n')
    with NaiveJudge() as srv:
        code = main(
            [
                "explain-answer",
                "--answers",
                str(answers),
                "--data",
                "GER_RAFDB",
                "--extractor-model",
                "judge",
                "--base-url",
                srv.base,
            ]
        )
    assert code == 0
    out = capsys.readouterr().out
    assert re.search(r"GER_RAFDB\s+2\s+1\s+50\.0%", out), out
    assert re.search(r"GER_MER2023\s+1\s+1\s+100\.0%", out), out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["explain-answer", "sad"], "--data is required"),
        (["explain-answer", "sad", "--data", "GER_RAFD"], "unknown GER dataset"),
        (["explain-answer", "sad", "--data", "GER_RAFDB", "--extractor-model", "m"], "needs --base-url"),
        (
            ["explain-answer", "--answers", "missing.jsonl", "--extractor-model", "m", "--base-url", "http://x/v1"],
            "no such file",
        ),
    ],
)
def test_explain_answer_user_errors_are_one_line(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("ger explain-answer: error:") and message in err and err.count("\n") == 1
