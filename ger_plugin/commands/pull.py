"""``ger pull``: download a prepared GER dataset from the Hugging Face Hub."""

from __future__ import annotations

import argparse
import json

from ger_plugin import catalog
from ger_plugin.data.build import FORMAT_FILE
from ger_plugin.data.hub import pull

EXAMPLES = """\
  ger pull GER_RAVDESS                          the public RAVDESS copy, at its pinned commit
  HF_TOKEN=... ger pull GER_TwitterI            a gated release your account was granted
  ger pull GER_RAFDB --namespace my-lab --revision v1
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="GER dataset (GER_RAFDB) or release (GER_TwitterI)")
    parser.add_argument("--revision", help="branch, tag or commit (default: the pinned release commit)")
    parser.add_argument(
        "--namespace", help=f"Hub namespace (default: $GER_HUB_NAMESPACE or {catalog.DEFAULT_HUB_NAMESPACE})"
    )
    parser.add_argument("--endpoint", help="Hub URL (default: $HF_ENDPOINT or https://huggingface.co)")


def run(args: argparse.Namespace) -> int:
    folder = pull(args.name, revision=args.revision, namespace=args.namespace, endpoint=args.endpoint)
    manifest = json.loads((folder / FORMAT_FILE).read_text())
    total = sum(n for splits in manifest["counts"].values() for n in splits.values())
    print(f"{manifest['release']}: {total} rows -> {folder}")
    return 0
