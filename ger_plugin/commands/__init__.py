"""The ``ger`` command: one entry point, one module per subcommand.

Each subcommand is a module of this package exposing ``add_arguments(parser)``,
``run(args) -> int`` and, optionally, ``EXAMPLES`` (shown by ``ger <command> --help``). This
file only routes: it imports the one command being run, so ``ger --help`` stays fast.
A user error (:class:`~ger_plugin.errors.GerError`) prints one line, ``ger <command>: error: ...``,
and exits 2; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from ger_plugin.errors import GerError

# name -> (module, one-line help). Order is the order of `ger --help`.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "list": (
        "ger_plugin.commands.list_datasets",
        "list every GER dataset: task, modality, classes, test size, paper metric",
    ),
    "prepare": ("ger_plugin.commands.prepare", "build a GER dataset from its original release into $GER_HOME/datasets"),
    "inspect": (
        "ger_plugin.commands.inspect",
        "what a downloaded release holds (layout, rows per class vs the paper), without building",
    ),
    "pull": ("ger_plugin.commands.pull", "download a prepared GER dataset from the Hugging Face Hub"),
    "run": ("ger_plugin.commands.run", "run VLMEvalKit on GER datasets or task groups (forwards every host flag)"),
    "demo": ("ger_plugin.commands.demo", "offline end-to-end demo on a bundled synthetic sample"),
    "leaderboard": (
        "ger_plugin.commands.leaderboard",
        "compare models from VLMEvalKit work dirs with the paper's rows",
    ),
    "plot": ("ger_plugin.commands.plot", "the leaderboard's figures as PNG files"),
    "cost": ("ger_plugin.commands.cost", "estimate tokens and price of an API run before making it"),
    "batch": ("ger_plugin.commands.batch", "run GER_OpenAI through the OpenAI Batch API: submit, status, collect"),
    "explain-answer": (
        "ger_plugin.commands.explain_answer",
        "show how an answer is read: label, rule, the span read, notes",
    ),
    "reproduce-paper": (
        "ger_plugin.commands.reproduce_paper",
        "recompute the paper's GPT-4V numbers from its released predictions",
    ),
}

EPILOG = """\
examples:
  ger list                                  all datasets and their paper metric
  ger reproduce-paper --results gpt4v-emotion/results
  ger prepare GER_RAFDB --raw ~/data/RAF-DB  build the standard dataset from the original release
  ger run --data GER_FER --model GPT4o       evaluate a model on every facial-emotion dataset
  ger demo                                   everything end to end, offline, in about a minute
"""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``ger`` parser; only ``command``'s module is imported (``ger --help`` imports none)."""
    parser = argparse.ArgumentParser(
        prog="ger",
        description="Generalized Emotion Recognition (GER) benchmark tools for VLMEvalKit.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from ger_plugin import __version__

    parser.add_argument("--version", action="version", version=f"ger-plugin {__version__}")
    parser.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show the full traceback when a command fails"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        sp = sub.add_parser(
            name, help=help_text, description=help_text, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        if name != command:
            continue
        module = importlib.import_module(module_name)
        if getattr(module, "EXAMPLES", None):
            sp.epilog = "examples:\n" + module.EXAMPLES.strip("\n")
        module.add_arguments(sp)
        sp.add_argument(
            "--debug",
            action="store_true",
            default=argparse.SUPPRESS,
            help="show the full traceback when the command fails",
        )
        sp.set_defaults(_run=module.run)
    return parser


def _command_name(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (top-level options are flags only)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_name(argv))
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
        if getattr(args, "debug", False):
            raise
        # one line, exit 2: the same contract as argparse's own usage errors
        message = " ".join(str(exc).split())
        print(f"ger {args.command}: error: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
