"""``ger list``: every GER dataset with its task, modality, classes, test size and paper metric."""

from __future__ import annotations

import argparse

from ger_plugin.errors import GerError
from ger_plugin.report.tables import format_rows

EXAMPLES = """\
  ger list                              every dataset and variant
  ger list --task GER_DFER --paper-only  the rows of the paper's Table 6
  ger list --format md                  the README's dataset table
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--task", help="only this task group (GER_FER, GER_VSA, GER_MICRO, GER_DFER, GER_MER)")
    parser.add_argument(
        "--paper-only",
        action="store_true",
        help="only the rows of the paper's Tables 3-7 (no folds, grey or single-modality variants)",
    )
    parser.add_argument(
        "--format",
        choices=("table", "md", "csv", "json"),
        default="table",
        help="output format (md is the README's dataset table)",
    )


def list_rows(task_group: str | None = None, paper_only: bool = False) -> list[dict[str, object]]:
    from ger_plugin import catalog

    rows: list[dict[str, object]] = []
    for entry in catalog.DATASETS.values():
        if task_group and entry.task.group != task_group:
            continue
        if paper_only and entry.paper is None:
            continue
        rows.append(
            {
                "dataset": entry.name,
                "task": entry.task.group,
                "modality": entry.modality.value,
                "classes": entry.num_classes,
                "test_size": entry.test_size,
                "paper_metric": "/".join(entry.paper.metrics) if entry.paper else entry.primary_metric,
                "gpt4v": "/".join(f"{v:.2f}" for v in entry.paper.gpt4v.values()) if entry.paper else "",
                "access": entry.source.hub_access.value,
            }
        )
    return rows


def run(args: argparse.Namespace) -> int:
    from ger_plugin import catalog

    if args.task and args.task not in catalog.TASK_GROUP_NAMES.values():
        raise GerError(f"unknown task group {args.task!r}; choose from {', '.join(catalog.TASK_GROUP_NAMES.values())}")
    print(format_rows(list_rows(args.task, args.paper_only), args.format))
    return 0
