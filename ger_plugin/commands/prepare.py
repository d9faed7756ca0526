"""``ger prepare``: build a standard GER dataset from a local copy of its original release."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

EXAMPLES = """\
  ger prepare GER_RAFDB --raw ~/data/RAF-DB            one dataset from its unpacked release
  ger prepare GER_TwitterI --raw ~/data/Twitter        a whole release: every agreement subset
  ger prepare GER_DFEW --raw ~/data/DFEW --num-proc 4  decode the clips in 4 processes
  ger prepare GER_SFEW2 --raw ~/data/SFEW --skip-bad   list and leave out unreadable images
"""

from ger_plugin import catalog
from ger_plugin.data.build import FORMAT_FILE, build, resolve_source


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="GER dataset (GER_RAFDB), release (GER_TwitterI) or source key (rafdb)")
    parser.add_argument("--raw", required=True, type=Path, help="folder holding the original release")
    parser.add_argument("--out-dir", type=Path, help="output folder (default: $GER_HOME/datasets/<release name>)")
    parser.add_argument("--num-proc", type=int, default=1, help="worker processes for media decoding")
    parser.add_argument("--skip-bad", action="store_true",
                        help="leave out (and list) records whose media cannot be read instead of stopping")


def run(args: argparse.Namespace) -> int:
    key = resolve_source(args.name)
    with warnings.catch_warnings():  # printed below as plain lines, not as Python warnings
        warnings.simplefilter("ignore")
        result = build(key, args.raw, args.out_dir, num_proc=max(1, args.num_proc), skip_bad=args.skip_bad)
    for message in result.warnings:
        print(f"warning: {message}", file=sys.stderr)
    for record_id, reason in result.skipped:
        print(f"skipped {record_id}: {reason}", file=sys.stderr)
    total = sum(n for splits in result.counts.values() for n in splits.values())
    summary = ", ".join(f"{c}/{s}={n}" for c, splits in result.counts.items() for s, n in splits.items())
    print(f"{catalog.release_name(key)}: {total} rows ({summary}) -> {result.folder}")
    if result.skipped:
        print(f"{len(result.skipped)} records skipped (listed above and in {FORMAT_FILE})")
    return 0
