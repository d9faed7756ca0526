"""The rule of tests/paper_files.py: under CI a missing released file fails the paper tests (never a
skip, never a silent pass over fewer files); the six folders the shared copy lacks skip with their reason."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import paper_files
import pytest

from ger_plugin import catalog

ROOT = Path(__file__).resolve().parents[2]


def _copy_without(results: Path, dest: Path, *gone: str) -> Path:
    """A copy of the results folder (one link per expected folder), less the folders ``gone``."""
    dest.mkdir()
    for name in sorted(paper_files.EXPECTED_IN_SHARED_COPY - set(gone)):
        (dest / name).symlink_to(results / name, target_is_directory=True)
    return dest


def test_every_paper_folder_of_the_catalog_is_expected_or_known_absent():
    dirs = {e.paper_run.results_dir for e in catalog.DATASETS.values() if e.paper_run}
    assert paper_files.EXPECTED_IN_SHARED_COPY.isdisjoint(paper_files.KNOWN_ABSENT)
    assert paper_files.EXPECTED_IN_SHARED_COPY | set(paper_files.KNOWN_ABSENT) == dirs
    assert len(paper_files.EXPECTED_IN_SHARED_COPY) == 13 and len(paper_files.KNOWN_ABSENT) == 6


def test_the_shared_copy_holds_every_expected_file(paper_results):
    assert paper_files.missing_expected(paper_results) == []


def test_a_missing_folder_fails_under_ci_and_skips_elsewhere(paper_results, tmp_path, monkeypatch):
    copy = _copy_without(paper_results, tmp_path / "results", "dfew")
    monkeypatch.setenv("GER_PAPER_RESULTS", str(copy))
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match=r"lacks released files.*dfew/label-gpt4v\.csv"):
        paper_files.results_folder()
    with pytest.raises(pytest.fail.Exception, match=r"dfew.*label-gpt4v\.csv is missing"):
        paper_files.released_file(copy, "dfew", "label-gpt4v.csv")
    with pytest.raises(pytest.skip.Exception, match="not in the project's shared copy"):
        paper_files.released_file(copy, "ferv39k", "label-gpt4v.csv")  # known absent: a skip, CI or not
    assert paper_files.released_file(copy, "ckplus", "label.csv") == copy / "ckplus" / "label.csv"
    monkeypatch.setenv("GER_PAPER_TABLES", str(tmp_path / "nope.csv"))
    with pytest.raises(pytest.fail.Exception, match="nope.csv not present"):
        paper_files.paper_tables()
    monkeypatch.delenv("GER_PAPER_RESULTS")
    with pytest.raises(pytest.fail.Exception, match="GER_PAPER_RESULTS is unset"):
        paper_files.results_folder()

    monkeypatch.setenv("CI", "")  # a machine without the files: the same words, as a skip
    monkeypatch.setenv("GER_PAPER_RESULTS", str(copy))
    assert paper_files.results_folder() == copy  # single-file tests decide for themselves
    with pytest.raises(pytest.skip.Exception, match=r"dfew.*label-gpt4v\.csv is missing"):
        paper_files.released_file(copy, "dfew", "label-gpt4v.csv")
    with pytest.raises(pytest.skip.Exception, match="nope.csv not present"):
        paper_files.paper_tables()


PAPER_TESTS = [
    "tests/core/test_parsing.py::test_parser_reads_every_released_gpt4v_answer_like_the_paper[GER_CKPlus]",
    "tests/core/test_parsing.py::test_parser_reads_every_released_gpt4v_answer_like_the_paper[GER_DFEW]",
    "tests/core/test_parsing.py::test_parser_reads_every_released_gpt4v_answer_like_the_paper[GER_FERV39k]",
    "tests/paper/test_replay.py::test_text_table",
    "tests/catalog/test_catalog.py::test_paper_numbers_match_the_reference_tables",
]


def _pytest(results: Path, tables: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "CI": "1",
        "GER_PAPER_RESULTS": str(results),
        "GER_PAPER_TABLES": str(tables),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            "--basetemp",
            str(tmp_path / "bt"),
            *PAPER_TESTS,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )


@pytest.mark.slow
def test_under_ci_a_removed_folder_fails_the_paper_tests(paper_results, paper_tables_csv, tmp_path):
    intact = _pytest(_copy_without(paper_results, tmp_path / "intact"), paper_tables_csv, tmp_path / "a")
    assert intact.returncode == 0, intact.stdout[-3000:]
    assert "4 passed, 1 skipped" in intact.stdout
    assert "ferv39k: not in the project's shared copy" in intact.stdout

    broken = _pytest(_copy_without(paper_results, tmp_path / "broken", "dfew"), tmp_path / "no.csv", tmp_path / "b")
    assert broken.returncode == 1, broken.stdout[-3000:]
    # the fixtures fail in setup, so pytest reports them as errors: none passes, none skips
    summary = broken.stdout.strip().splitlines()[-1]
    assert summary.startswith("5 errors") and "passed" not in summary and "skipped" not in summary
    assert "dfew/label-gpt4v.csv" in broken.stdout and "no.csv not present" in broken.stdout
