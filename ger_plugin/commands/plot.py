"""``ger plot``: the leaderboard's figures as PNG files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ger_plugin.report.leaderboard import DEFAULT_FLAG_THRESHOLD, from_work_dir
from ger_plugin.report.plots import save_all

EXAMPLES = """\
  ger plot --work-dir outputs --out-dir figures                bar charts, radar and confusion matrices
  ger plot --work-dir outputs --out-dir figures --model GPT4o --dpi 300
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--work-dir", required=True, type=Path, help="VLMEvalKit work dir (the host's --work-dir)")
    parser.add_argument("--out-dir", required=True, type=Path, help="folder for the PNG files")
    parser.add_argument(
        "--model",
        action="extend",
        nargs="+",
        metavar="MODEL",
        help="only these models (repeatable; default: every model found)",
    )
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument(
        "--flag-threshold",
        type=float,
        default=DEFAULT_FLAG_THRESHOLD,
        metavar="PCT",
        help="hatch bars whose rate of invalid or empty answers, or of failed calls, exceeds PCT percent",
    )


def run(args: argparse.Namespace) -> int:
    board = from_work_dir(args.work_dir, args.model, args.flag_threshold)
    written = save_all(board, args.out_dir, args.dpi)
    print(f"wrote {len(written)} figures to {args.out_dir}", file=sys.stderr)
    for path in written:
        print(path)
    return 0
