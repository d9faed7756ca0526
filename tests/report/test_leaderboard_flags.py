"""The leaderboard's flag threshold: a cell is flagged when a rate is strictly above it, never at it."""

from __future__ import annotations

import math
from datetime import datetime, timezone
from pathlib import Path

import pytest

from ger_plugin import catalog
from ger_plugin.report import leaderboard
from ger_plugin.report.results import Result

ENTRY = catalog.DATASETS["GER_RAFDB"]
KEY = f"{ENTRY.name}:acc"
JUST_ABOVE = math.nextafter(leaderboard.DEFAULT_FLAG_THRESHOLD, math.inf)


def _result(model: str, *, invalid: float = 0.0, unanswered: float = 0.0, failed: float = 0.0) -> Result:
    return Result(
        path=Path(f"/w/{model}/{model}_{ENTRY.name}_ger_metrics.json"),
        model=model,
        dataset=ENTRY.name,
        base_dataset=ENTRY.name,
        frames=0,
        batch=False,
        prompt_version="test",
        created=datetime(2026, 1, 1, tzinfo=timezone.utc),
        metrics={"acc": 50.0},
        ci95={},
        n_total=100,
        invalid_rate=invalid,
        failed_rate=failed,
        confusion=None,
        unanswered_rate=unanswered,
    )


def _flags(result: Result, **kwargs: float) -> tuple[str, ...]:
    board = leaderboard.build([result], **kwargs)
    row = next(r for r in board.table(ENTRY.task).rows if r.name == result.model)
    return row.cells[KEY].flags


def test_the_default_threshold_is_five_percent():
    # the README and every rendered page say "> 5%"; the model must agree with them
    assert leaderboard.DEFAULT_FLAG_THRESHOLD == 5.0


@pytest.mark.parametrize(
    ("rates", "flags"),
    [
        ({"invalid": 5.0}, ()),
        ({"invalid": JUST_ABOVE}, ("invalid",)),
        ({"invalid": 2.5, "unanswered": 2.5}, ()),  # invalid and empty answers add up: exactly at it
        ({"invalid": 2.5, "unanswered": 2.6}, ("invalid",)),
        ({"failed": 5.0}, ()),
        ({"failed": JUST_ABOVE}, ("failed",)),
        ({"invalid": JUST_ABOVE, "failed": JUST_ABOVE}, ("invalid", "failed")),
    ],
)
def test_a_cell_just_above_the_default_threshold_is_flagged_one_at_it_is_not(rates, flags):
    assert _flags(_result("M", **rates)) == flags


def test_a_custom_threshold_moves_the_line():
    assert _flags(_result("M", failed=12.0), flag_threshold=12.0) == ()
    assert _flags(_result("M", failed=math.nextafter(12.0, math.inf)), flag_threshold=12.0) == ("failed",)
    assert _flags(_result("M", failed=12.0), flag_threshold=math.nextafter(12.0, 0.0)) == ("failed",)


def test_flagged_cells_are_counted_in_the_summary():
    board = leaderboard.build([_result("A", failed=5.0), _result("B", invalid=JUST_ABOVE)])
    counts = {s.name: s.flagged_cells for s in board.summary if s.kind == leaderboard.MODEL}
    assert counts == {"A": 0, "B": 1}
