"""The one plain-table formatter: each format, alignment, and the callers that go through it."""

from __future__ import annotations

import csv
import io
import json

import pytest

from ger_plugin.report import tables

ROWS = [
    {"dataset": "GER_RAFDB", "classes": 7, "score": 61.5, "note": "a|b"},
    {"dataset": "GER_CKPlus", "classes": 7, "score": 9.25, "note": ""},
]


def test_table_aligns_numbers_right_and_text_left():
    assert tables.format_rows(ROWS, "table").split("\n") == [
        "dataset     classes  score  note",
        "----------  -------  -----  ----",
        "GER_RAFDB         7   61.5  a|b",
        "GER_CKPlus        7   9.25",
    ]


def test_table_alignment_can_be_chosen_and_empty_is_said():
    text = tables.format_table([["x", "1.00"]], ["name", "value"], align={"value": "right", "name": "right"})
    assert text.split("\n") == ["name  value", "----  -----", "   x   1.00"]
    assert tables.format_table([]) == "(no rows)"


def test_markdown_marks_numeric_columns_and_escapes_pipes():
    assert tables.format_rows(ROWS, "md").split("\n") == [
        "| dataset | classes | score | note |",
        "| --- | ---: | ---: | --- |",
        "| GER_RAFDB | 7 | 61.5 | a\\|b |",
        "| GER_CKPlus | 7 | 9.25 |  |",
    ]


def test_csv_round_trips_through_the_csv_module():
    text = tables.format_rows(ROWS, "csv")
    assert list(csv.DictReader(io.StringIO(text))) == [{k: str(v) for k, v in r.items()} for r in ROWS]
    assert "\r" not in text


def test_json_keeps_types():
    assert json.loads(tables.format_rows(ROWS, "json")) == ROWS
    assert json.loads(tables.format_json([], ["a"])) == []


def test_unknown_format_and_ragged_rows_are_refused():
    with pytest.raises(ValueError, match="html"):
        tables.format_rows(ROWS, "html")
    with pytest.raises(ValueError, match="2 columns"):
        tables.format_table([["only one"]], ["a", "b"])


def test_leaderboard_markdown_uses_the_one_formatter():
    lines = tables._md_table(["Model", "X"], [["A", "1.00"]])
    assert lines == tables.format_markdown([["A", "1.00"]], ["Model", "X"], {"X": "right"}).split("\n")


def test_reproduce_paper_report_goes_through_it():
    from ger_plugin.paper import replay

    row = {
        "table": 3,
        "dataset": "GER_CKPlus",
        "metric": "acc",
        "paper": 69.72,
        "paper_protocol": 69.721,
        "ger": 69.7,
        "ger_acc": 69.7,
        "answered": 981,
        "total": 981,
        "invalid": 0,
    }
    text = replay.format_report([row])
    assert text == tables.format_table(
        replay.report_rows([row]),
        replay.REPORT_COLUMNS,
        {c: "left" if c in ("dataset", "metric", "match") else "right" for c in replay.REPORT_COLUMNS},
    )
    assert text.split("\n")[2].split() == [
        "3",
        "GER_CKPlus",
        "acc",
        "69.72",
        "69.72",
        "yes",
        "69.70",
        "69.70",
        "981/981",
        "0",
    ]
