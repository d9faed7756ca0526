"""Shared test fixtures: where the paper's released predictions and reference tables live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = PROJECT_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def paper_results() -> Path:
    """The gpt4v-emotion ``results/`` folder named by ``$GER_PAPER_RESULTS``.

    Skipped with a reason when the variable is unset (a fresh machine); an error when it is set
    but wrong, so CI (which sets it) can never skip these tests silently.
    """
    value = os.environ.get("GER_PAPER_RESULTS")
    if not value:
        pytest.skip("GER_PAPER_RESULTS is unset: point it at gpt4v-emotion's results/ folder to run this test")
    path = Path(value)
    if not path.is_dir():
        pytest.fail(f"GER_PAPER_RESULTS={value} is not a directory")
    return path


@pytest.fixture(scope="session")
def paper_tables_csv() -> Path:
    path = SHARED / "reference" / "paper_tables.csv"
    if not path.is_file():
        pytest.skip(f"{path} not present (the project's shared reference folder)")
    return path
