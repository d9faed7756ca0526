"""``ger prepare``: build a standard GER dataset from a local copy of its original release."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from ger_plugin import catalog
from ger_plugin.data.build import FORMAT_FILE, build, resolve_source

EXAMPLES = """\
  ger prepare GER_RAFDB --raw ~/data/RAF-DB            one dataset from its unpacked release
  ger prepare GER_TwitterI --raw ~/data/Twitter        a whole release: every agreement subset
  ger prepare GER_DFEW --raw ~/data/DFEW --num-proc 4  decode the clips in 4 processes
  ger prepare GER_SFEW2 --raw ~/data/SFEW --skip-bad   list and leave out unreadable images
  ger prepare GER_CASME2 --raw CASME2_RAW_selected.zip CASME2-coding-20140508.xlsx
                                                       the archive as downloaded, the sheet beside it
  ger prepare GER_FERV39k --raw 3_ClipsforScenImages-001.zip 3_ClipsforScenImages-002.zip 4_setups.zip
  ger inspect GER_SAMM --raw ~/data/SAMM               what is there, without building
"""


def add_raw_argument(parser: argparse.ArgumentParser) -> None:
    """``--raw``: folders and/or archives (``.zip``, ``.tar``, ``.tar.gz``, split parts) of one release."""
    parser.add_argument(
        "--raw",
        required=True,
        type=Path,
        nargs="+",
        metavar="PATH",
        help="the release as downloaded: a folder, or .zip/.tar/.tar.gz archives (several parts "
        "at once; unpacked to a temporary folder under $GER_HOME/unpack that is removed after), "
        "or a mix; other files (a coding sheet) are placed beside them",
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="GER dataset (GER_RAFDB), release (GER_TwitterI) or source key (rafdb)")
    add_raw_argument(parser)
    parser.add_argument("--out-dir", type=Path, help="output folder (default: $GER_HOME/datasets/<release name>)")
    parser.add_argument("--num-proc", type=int, default=1, help="worker processes for media decoding")
    parser.add_argument(
        "--skip-bad",
        action="store_true",
        help="leave out (and list) records whose media cannot be read instead of stopping",
    )


def run(args: argparse.Namespace) -> int:
    from ger_plugin.data.archives import raw_folder
    from ger_plugin.data.diagnose import diagnose, render
    from ger_plugin.data.layouts import LayoutError
    from ger_plugin.data.paths import ger_home

    key = resolve_source(args.name)
    with raw_folder(args.raw, tmp=ger_home() / "unpack") as raw:
        try:
            with warnings.catch_warnings():  # printed below as plain lines, not as Python warnings
                warnings.simplefilter("ignore")
                result = build(key, raw, args.out_dir, num_proc=max(1, args.num_proc), skip_bad=args.skip_bad)
        except LayoutError:
            for line in render(diagnose(key, raw, given=[str(p) for p in args.raw])):  # what is there, the nearest
                print(line, file=sys.stderr)
            raise
    layout = result.layout
    if layout is not None:
        print(f"layout: {layout.name} ({layout.kind}) - {layout.description}")
        if layout.note:
            print(f"note: {layout.note}")
    for message in result.warnings:
        print(f"warning: {message}", file=sys.stderr)
    for config, n in result.apex_estimated.items():
        print(f"{config}: {n} apex frames estimated (the annotation gives none)")
    for record_id, reason in result.skipped:
        print(f"skipped {record_id}: {reason}", file=sys.stderr)
    total = sum(n for splits in result.counts.values() for n in splits.values())
    summary = ", ".join(f"{c}/{s}={n}" for c, splits in result.counts.items() for s, n in splits.items())
    print(f"{catalog.release_name(key)}: {total} rows ({summary}) -> {result.folder}")
    if result.skipped:
        print(f"{len(result.skipped)} records skipped (listed above and in {FORMAT_FILE})")
    return 0
