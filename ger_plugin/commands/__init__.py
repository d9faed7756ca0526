"""The ``ger`` command: one entry point, one module per subcommand.

Each subcommand lives in the module that owns its concern and exposes two functions:
``add_arguments(parser)`` and ``run(args) -> int``. This file only wires them together, so
``ger --help`` stays fast and nothing heavy is imported until a command runs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Callable, Sequence

from ger_plugin.errors import GerError

# name -> (module, one-line help). Order is the order of `ger --help`.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "list": ("ger_plugin.commands", "list every GER dataset: task, modality, classes, test size, paper metric"),
    "prepare": ("ger_plugin.data.build", "build a GER dataset from its original release into $GER_HOME/datasets"),
    "pull": ("ger_plugin.data.hub", "download a prepared GER dataset from the Hugging Face Hub"),
    "run": ("ger_plugin.commands.run", "run VLMEvalKit on GER datasets or task groups (forwards every host flag)"),
    "demo": ("ger_plugin.commands.demo", "offline end-to-end demo on a bundled synthetic sample"),
    "leaderboard": ("ger_plugin.report.leaderboard", "compare models from VLMEvalKit work dirs with the paper's rows"),
    "plot": ("ger_plugin.report.plots", "the leaderboard's figures as PNG files"),
    "cost": ("ger_plugin.report.cost", "estimate tokens and price of an API run before making it"),
    "reproduce-paper": ("ger_plugin.paper.replay", "recompute the paper's GPT-4V numbers from its released predictions"),
}

EPILOG = """\
examples:
  ger list                                  all datasets and their paper metric
  ger reproduce-paper --results gpt4v-emotion/results
  ger prepare GER_RAFDB --raw ~/data/RAF-DB  build the standard dataset from the original release
  ger run --data GER_FER --model GPT4o       evaluate a model on every facial-emotion dataset
  ger demo                                   everything end to end, offline, in about a minute
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ger",
        description="Generalized Emotion Recognition (GER) benchmark tools for VLMEvalKit.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from ger_plugin import __version__

    parser.add_argument("--version", action="version", version=f"ger-plugin {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        module = sys.modules[__name__] if module_name == __name__ else _import_command(module_name)
        if module is None:
            continue
        sp = sub.add_parser(name, help=help_text, description=help_text,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(sp)
        sp.set_defaults(_run=module.run)
    return parser


def _import_command(module_name: str):
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:  # the command's module is not part of this build
            return None
        raise


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    run: Callable[[argparse.Namespace], int] | None = getattr(args, "_run", None)
    if run is None:
        parser.print_help()
        return 2
    if extra and not getattr(args, "accepts_extra", False):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    try:
        return int(run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except GerError as exc:
        print(f"ger {args.command}: error: {exc}", file=sys.stderr)
        return 1


# --------------------------------------------------------------------------------------
# ger list
# --------------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--task", help="only this task group (GER_FER, GER_VSA, GER_MICRO, GER_DFER, GER_MER)")
    parser.add_argument("--paper-only", action="store_true",
                        help="only the rows of the paper's Tables 3-7 (no folds, grey or single-modality variants)")
    parser.add_argument("--format", choices=("table", "md", "csv", "json"), default="table",
                        help="output format (md is the README's dataset table)")


def list_rows(task_group: str | None = None, paper_only: bool = False) -> list[dict[str, object]]:
    from ger_plugin import catalog

    rows = []
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
    rows = list_rows(args.task, args.paper_only)
    if args.format == "json":
        import json

        print(json.dumps(rows, indent=2))
    elif args.format == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    elif args.format == "md":
        print(format_markdown(rows))
    else:
        print(format_table(rows))
    return 0


def format_markdown(rows: list[dict[str, object]]) -> str:
    """A GitHub-flavoured markdown table; numbers right-aligned."""
    cols = list(rows[0])
    align = ["---:" if all(isinstance(r[c], (int, float)) for r in rows) else "---" for c in cols]
    lines = ["| " + " | ".join(cols) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(str(r[c]) for c in cols) + " |" for r in rows]
    return "\n".join(lines)


def format_table(rows: list[dict[str, object]]) -> str:
    """A plain fixed-width table (no dependency), right-aligning numbers."""
    if not rows:
        return "(no rows)"
    cols = list(rows[0])
    cells = [[str(r[c]) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    numeric = [all(isinstance(r[c], (int, float)) for r in rows) for c in cols]

    def fmt(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)).rstrip()

    return "\n".join([fmt(cols), fmt(["-" * w for w in widths]), *(fmt(row) for row in cells)])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
