"""``ger plot``: the leaderboard's figures as PNG files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ger_plugin.report.leaderboard import DEFAULT_FLAG_THRESHOLD, from_work_dir
from ger_plugin.report.plots import save_all


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--work-dir", required=True, type=Path, help="VLMEvalKit work dir (the host's --work-dir)")
    parser.add_argument("--out", required=True, type=Path, help="folder for the PNG files")
    parser.add_argument("--models", nargs="+", help="only these models (default: every model found)")
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--flag-threshold", type=float, default=DEFAULT_FLAG_THRESHOLD, metavar="PCT",
                        help="hatch bars whose rate of invalid or empty answers, or of failed calls, exceeds PCT percent")


def run(args: argparse.Namespace) -> int:
    board = from_work_dir(args.work_dir, args.models, args.flag_threshold)
    written = save_all(board, args.out, args.dpi)
    print(f"wrote {len(written)} figures to {args.out}", file=sys.stderr)
    for path in written:
        print(path)
    return 0
