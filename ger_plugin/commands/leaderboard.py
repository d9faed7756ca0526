"""``ger leaderboard``: compare models from VLMEvalKit work dirs with the published reference rows."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ger_plugin.errors import GerError
from ger_plugin.report.comparison import DEFAULT_ALPHA, DEFAULT_N_BOOT
from ger_plugin.report.leaderboard import DEFAULT_FLAG_THRESHOLD, MODEL, from_work_dir
from ger_plugin.report.render import FORMATS, render

EXAMPLES = """\
  ger leaderboard --work-dir outputs                          every model found, as tables
  ger leaderboard --work-dir outputs --out board.html          a self-contained page
  ger leaderboard --work-dir outputs --model GPT4o --model Qwen2-VL-7B-Instruct --format json
  ger leaderboard --work-dir outputs --n-boot 0                no paired tests (faster on many models)
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--work-dir", required=True, type=Path, help="VLMEvalKit work dir (the host's --work-dir)")
    parser.add_argument(
        "--model",
        action="extend",
        nargs="+",
        metavar="MODEL",
        help="only these models (repeatable; default: every model found)",
    )
    parser.add_argument(
        "--format",
        choices=("table", *FORMATS),
        help="output format (default: from --out's suffix, else table: the Markdown tables)",
    )
    parser.add_argument("--out", type=Path, help="write to this file instead of stdout")
    parser.add_argument(
        "--flag-threshold",
        type=float,
        default=DEFAULT_FLAG_THRESHOLD,
        metavar="PCT",
        help="flag cells whose rate of invalid or empty answers, or of failed calls, exceeds PCT percent (default 5)",
    )
    parser.add_argument(
        "--alpha",
        type=float,
        default=DEFAULT_ALPHA,
        metavar="P",
        help="a difference between two models holds when its Holm-corrected p-value is below P (default 0.05)",
    )
    parser.add_argument(
        "--n-boot",
        type=int,
        default=DEFAULT_N_BOOT,
        metavar="N",
        help="paired-bootstrap resamples per comparison (default 1000; 0 skips the paired tests)",
    )


def run(args: argparse.Namespace) -> int:
    fmt = args.format or (args.out.suffix.lstrip(".").replace("markdown", "md") if args.out else "md")
    fmt = "md" if fmt == "table" else fmt
    if fmt not in FORMATS:
        raise GerError(f"cannot tell the format from {args.out}; pass --format ({', '.join(FORMATS)})")
    if args.n_boot < 0 or not 0 < args.alpha < 1:
        raise GerError("--n-boot must be >= 0 and --alpha between 0 and 1")
    board = from_work_dir(args.work_dir, args.model, args.flag_threshold, n_boot=args.n_boot, alpha=args.alpha)
    if not any(r.kind == MODEL for r in board.summary):
        print(f"warning: no GER results found under {args.work_dir}; showing reference rows only", file=sys.stderr)
    text = render(board, fmt)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
