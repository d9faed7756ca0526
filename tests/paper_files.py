"""The paper's released files the tests replay, and what happens when one is missing (one home).

The project's shared copy of gpt4v-emotion's ``results/`` (``$GER_PAPER_RESULTS``, set by
``.ci/run``) holds 13 of the paper's 19 result folders; :data:`EXPECTED_IN_SHARED_COPY` names them
and :data:`KNOWN_ABSENT` the other six, each with its reason. The rule:

- a known-absent folder: its tests skip with the reason, in CI too;
- an expected folder or file that is missing, ``$GER_PAPER_RESULTS`` unset, or ``paper_tables.csv``
  missing: under CI (``$CI`` set) the test FAILS, naming what is missing; elsewhere (a fresh machine
  without the files) it skips with the same words.

``tests/conftest.py``'s ``paper_results`` and ``paper_tables_csv`` fixtures and every test that opens
a released file (:func:`released_file`) go through this module.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

from ger_plugin import catalog

#: results/<dir> folders the shared copy holds (catalog ``paper_run.results_dir`` names).
EXPECTED_IN_SHARED_COPY = frozenset(
    {
        "abstract",
        "casme1",
        "casme2",
        "ckplus",
        "cmumosi",
        "dfew",
        "ferplus",
        "mer2023",
        "rafdb",
        "ravdess",
        "sfew2",
        "twitter1",
        "twitter2",
    }
)
_ABSENT = "not in the project's shared copy of gpt4v-emotion results/ (it holds 13 of the 19 folders)"
#: results/<dir> folders the shared copy does not hold: their tests skip with this reason.
KNOWN_ABSENT = {name: _ABSENT for name in ("affectnet", "artphoto", "samm", "ferv39k", "enterface", "sims")}

#: The paper's Tables 3-7 (``$GER_PAPER_TABLES``, else the shared reference folder beside the checkout).
DEFAULT_PAPER_TABLES = Path(__file__).resolve().parents[1].parent / "shared" / "reference" / "paper_tables.csv"


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(message: str) -> NoReturn:
    """Fail under CI, skip elsewhere, with the same message."""
    if under_ci():
        pytest.fail(f"CI: {message}", pytrace=False)
    pytest.skip(message)


def required_files(results_dir: str) -> list[str]:
    """The files the catalog's paper runs read from ``results/<results_dir>`` (labels and predictions)."""
    names = set()
    for entry in catalog.DATASETS.values():
        run = entry.paper_run
        if run is not None and run.results_dir == results_dir:
            names.add(run.prediction_file)
            if run.label_file:
                names.add(run.label_file)
    return sorted(names)


def missing_expected(results: Path) -> list[str]:
    """Files of :data:`EXPECTED_IN_SHARED_COPY` absent from ``results`` (``dir/file``), sorted."""
    return [
        f"{d}/{name}"
        for d in sorted(EXPECTED_IN_SHARED_COPY)
        for name in required_files(d)
        if not (results / d / name).is_file()
    ]


def results_folder() -> Path:
    """``$GER_PAPER_RESULTS``, checked: every expected folder and file must be there under CI."""
    value = os.environ.get("GER_PAPER_RESULTS")
    if not value:
        missing("GER_PAPER_RESULTS is unset: point it at gpt4v-emotion's results/ folder to run this test")
    path = Path(value)
    if not path.is_dir():
        pytest.fail(f"GER_PAPER_RESULTS={value} is not a directory", pytrace=False)
    if under_ci():
        gone = missing_expected(path)
        if gone:
            missing(f"{path} lacks released files the shared copy holds: {', '.join(gone)}")
    return path


def released_file(results: Path, results_dir: str, name: str) -> Path:
    """``results/<results_dir>/<name>``; skips for a known-absent folder, else :func:`missing`."""
    path = results / results_dir / name
    if path.is_file():
        return path
    if results_dir in KNOWN_ABSENT and not (results / results_dir).exists():
        pytest.skip(f"{results / results_dir}: {KNOWN_ABSENT[results_dir]}")
    missing(f"{path} is missing from the released predictions")


def paper_tables() -> Path:
    path = Path(os.environ.get("GER_PAPER_TABLES") or DEFAULT_PAPER_TABLES)
    if not path.is_file():
        missing(f"{path} not present (the project's shared reference folder; or set GER_PAPER_TABLES)")
    return path
