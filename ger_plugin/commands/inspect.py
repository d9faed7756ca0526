"""``ger inspect``: what a downloaded release holds, in seconds and without building anything."""

from __future__ import annotations

import argparse

from ger_plugin.commands.prepare import add_raw_argument

EXAMPLES = """\
  ger inspect GER_CASME2 --raw ~/data/CASME2        the layout recognised, rows per class vs the paper
  ger inspect GER_MER2023 --raw MER2023.zip         archives are unpacked to a temporary folder first
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="GER dataset (GER_RAFDB), release (GER_TwitterI) or source key (rafdb)")
    add_raw_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Prints the diagnosis; exit 0 when the release reads cleanly, 1 when something is missing."""
    from ger_plugin.data.archives import raw_folder
    from ger_plugin.data.build import resolve_source
    from ger_plugin.data.diagnose import diagnose, render
    from ger_plugin.data.paths import ger_home

    key = resolve_source(args.name)
    with raw_folder(args.raw, tmp=ger_home() / "unpack") as raw:
        result = diagnose(key, raw, given=[str(p) for p in args.raw])
        for line in render(result):
            print(line)
    return 0 if result.ok else 1
