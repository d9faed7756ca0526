"""``ger reproduce-paper``: recompute the paper's GPT-4V numbers from its released predictions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ger_plugin.errors import GerError
from ger_plugin.paper.replay import (
    DEFAULT_URL,
    GER_CHANGES,
    JSON_KEYS,
    download_results,
    format_report,
    replay,
)

EXAMPLES = """\
  ger reproduce-paper                                   download the released predictions, then score
  ger reproduce-paper --results gpt4v-emotion/results   a local copy of the repository's results/
  ger reproduce-paper --results DIR --format json
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--results",
        type=Path,
        metavar="DIR",
        help="a folder in the layout of gpt4v-emotion's results/ (default: download it)",
    )
    parser.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="table (with the match column), or json: a list, percentages unrounded",
    )
    parser.add_argument(
        "--url",
        default=DEFAULT_URL,
        help="tarball of the gpt4v-emotion repository to download when --results is not given",
    )


def run(args: argparse.Namespace) -> int:
    results = args.results if args.results is not None else download_results(args.url)
    report = replay(results)
    for message in report.errors:
        print(f"ger reproduce-paper: {message}", file=sys.stderr)
    if args.format == "json":
        from ger_plugin.report.tables import format_json

        print(format_json([{k: r[k] for k in JSON_KEYS} for r in report.rows], JSON_KEYS))
    else:
        if report.rows:
            print(format_report(report.rows))
            matched = sum(round(r["paper_protocol"], 2) == round(r["paper"], 2) for r in report.rows)
            print(f"\n{matched} of {len(report.rows)} published numbers reproduced to 2 decimals (paper protocol).")
            print(GER_CHANGES)
    # Partial results are still useful: fail only when nothing could be scored.
    if not report.rows:
        raise GerError(f"nothing could be scored from {results} (see the lines above)")
    return 0
