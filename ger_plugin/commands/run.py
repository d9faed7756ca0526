"""``ger run``: VLMEvalKit's own CLI with GER task groups expanded.

Every flag other than ``--data`` goes to ``python -m vlmeval`` untouched, so anything the host
can do (``--model``, ``--base-url``, ``--api-nproc``, ``--reuse``, ``--mode``...) works here.
The host is run as a subprocess: the GER datasets are registered there by the import hook that
``pip install ger-plugin`` places in site-packages.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from typing import Sequence

from ger_plugin import catalog
from ger_plugin.errors import GerError

EPILOG = """\
task groups: GER_FER, GER_VSA, GER_MICRO, GER_DFER, GER_MER, GER_ALL (the 21 rows of the paper's tables)
host variants: GER_<Name>_<N>frame (videos, 1-16 frames), GER_<Name>_Batch (the paper's batched prompts)

examples:
  ger run --data GER_FER --model GPT4o
  ger run --data GER_DFEW_8frame GER_MER2023 --model Qwen2-VL-7B-Instruct
  ger run --data GER_ALL --base-url http://127.0.0.1:8000/v1 --model my-vllm-model --api-nproc 16
  every other flag is passed to `python -m vlmeval` (see `python -m vlmeval --help`)
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument("--data", nargs="+", required=True, metavar="NAME",
                        help="GER datasets, host variants or task groups")
    parser.add_argument("--dry-run", action="store_true", help="print the host command instead of running it")
    parser.set_defaults(accepts_extra=True)


def expand_data(names: Sequence[str]) -> list[str]:
    """Task groups -> their datasets; host variants are validated and kept as written."""
    return catalog.expand(names, host_variants=True)


def host_command(data: Sequence[str], extra: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "vlmeval", "--data", *data, *extra]


def run(args: argparse.Namespace) -> int:
    command = host_command(expand_data(args.data), args.extra)
    if args.dry_run:
        print(shlex.join(command))
        return 0
    if os.environ.get("GER_VLMEVAL_PLUGIN") == "0":
        raise GerError("GER_VLMEVAL_PLUGIN=0 disables the GER datasets in the host; unset it to run them")
    return subprocess.call(command)
