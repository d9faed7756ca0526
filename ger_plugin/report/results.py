"""The GER result files of finished runs in a VLMEvalKit work dir: load them all, keep the newest.

The files themselves (names, columns, writer and reader, repeat folders) are the contract in
:mod:`ger_plugin.core.result_files`; this module adds what a report needs on top: loading a whole
work dir (bad files are warned about by name and skipped) and choosing which results a report
uses (:func:`select`). Nothing here computes scores (that is ``ger_plugin.core.scoring``'s job).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ger_plugin.core.result_files import (
    METRICS_SUFFIX,
    REPEAT_FOLDER,
    REPEAT_MANIFEST,
    Confusion,
    Result,
    Samples,
    discover,
    load,
    load_samples,
    repeat_folder,
)
from ger_plugin.errors import DataError

RESULT_SUFFIX = METRICS_SUFFIX  # the metrics file's suffix, under the name report code has used

__all__ = [
    "RESULT_SUFFIX",
    "REPEAT_FOLDER",
    "REPEAT_MANIFEST",
    "Confusion",
    "LoadReport",
    "Result",
    "Samples",
    "discover",
    "load",
    "load_all",
    "load_samples",
    "newest",
    "repeat_folder",
    "select",
]


@dataclass
class LoadReport:
    results: list[Result]
    skipped: list[tuple[Path, str]]  # (file, why)


def _warn_stderr(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def load_all(
    work_dir: Path, models: Iterable[str] | None = None, warn: Callable[[str], None] = _warn_stderr
) -> LoadReport:
    """Load every result under ``work_dir``; bad files are warned about by name and skipped."""
    work_dir = Path(work_dir)
    wanted = set(models) if models else None
    results, skipped = [], []
    for path in discover(work_dir):
        try:
            result = load(path, work_dir)
        except DataError as exc:
            skipped.append((path, str(exc)))
            warn(f"skipping {exc}")
            continue
        if wanted is None or result.model in wanted:
            results.append(result)
    return LoadReport(results, skipped)


def _order(r: Result) -> tuple[object, str]:
    return r.created, str(r.path)


def select(results: Iterable[Result]) -> tuple[list[Result], list[Result]]:
    """``(chosen, superseded)``: one prompt version per (model, variant), then the newest result per
    dataset and repeat.

    A leaderboard row (a model in one variant, all its repeats) must not mix runs made with different
    prompts: the row uses the prompt version of its newest result, and results of other prompt
    versions are superseded even for datasets the newer prompt has not been run on yet. Within that
    version the newest result (by ``created``; ties go to the later path) per dataset and repeat is
    chosen.
    """
    ordered = sorted(results, key=_order)
    version: dict[tuple[str, str], str] = {}
    for r in ordered:  # the last one seen is the newest
        version[(r.model, r.variant)] = r.prompt_version
    best: dict[tuple[str, str, str, int], Result] = {}
    superseded = []
    for r in ordered:
        if r.prompt_version != version[(r.model, r.variant)]:
            superseded.append(r)
            continue
        key = (r.model, r.base_dataset, r.variant, r.repeat)
        if key in best:
            superseded.append(best[key])
        best[key] = r
    chosen = sorted(best.values(), key=lambda r: (r.model, r.variant, r.base_dataset, r.repeat))
    return chosen, superseded


def newest(results: Iterable[Result]) -> list[Result]:
    """The results a report uses: see :func:`select`."""
    return select(results)[0]
