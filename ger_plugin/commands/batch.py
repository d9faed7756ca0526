"""``ger batch``: run ``GER_OpenAI`` through the OpenAI Batch API (half the price, within 24 h).

The logic lives in :mod:`ger_plugin.host.openai_batch` (it needs the host's prompts); this module
only parses arguments and prints. Endpoint and key: ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY``;
model id: ``GER_OPENAI_MODEL``, as for a live ``GER_OpenAI`` run.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ger_plugin.errors import GerError

EXAMPLES = """\
  export GER_OPENAI_MODEL=gpt-4o                      # OPENAI_API_KEY / OPENAI_BASE_URL as for the client
  ger batch submit --data GER_RAFDB GER_DFEW --model GER_OpenAI --work-dir runs/batch
  ger batch status --work-dir runs/batch              # validating, in_progress, completed, expired ...
  ger batch collect --work-dir runs/batch             # prediction files + GER scores, like a host run
  ger batch submit --retry-failed --work-dir runs/batch   # resend the failed and expired requests
  ger leaderboard --work-dir runs/batch; ger cost --model gpt-4o --data GER_RAFDB --work-dir runs/batch
"""

MAX_LISTED = 20  # failed requests printed by name; the rest are counted


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("submit", "status", "collect"), help="what to do")
    parser.add_argument(
        "--data", nargs="+", help="submit: GER datasets or task groups (host names, e.g. GER_DFEW_8frame)"
    )
    parser.add_argument(
        "--model",
        action="extend",
        nargs="+",
        metavar="MODEL",
        help="host model names, repeatable (default and, today, only choice: GER_OpenAI)",
    )
    parser.add_argument("--work-dir", type=Path, required=True, help="the run's work dir (as the host's --work-dir)")
    parser.add_argument(
        "--retry-failed",
        action="store_true",
        help="submit: resend only the requests a collected batch failed or expired",
    )


def _names(data: list[str]) -> list[str]:
    from ger_plugin import catalog

    out: list[str] = []
    for name in data:
        try:
            out += catalog.expand([name])
        except GerError:
            catalog.parse_host_name(name)  # a host variant (GER_X_8frame, GER_X_Batch) or a clear error
            out.append(name)
    return out


def run(args: argparse.Namespace) -> int:
    from ger_plugin.host import openai_batch
    from ger_plugin.report.tables import format_table

    models = args.model or ["GER_OpenAI"]
    unknown = [m for m in models if m != "GER_OpenAI"]
    if unknown:
        raise GerError(f"the Batch API runs GER_OpenAI only, not {', '.join(unknown)}")
    args.model = models[0]
    if args.action == "submit":
        if not args.retry_failed and not args.data:
            raise GerError("batch submit needs --data (or --retry-failed to resend failed requests)")
        state = openai_batch.submit(
            args.work_dir, _names(args.data or []), model_name=args.model, retry_failed=args.retry_failed
        )
        if not state["submitted"]:
            print("nothing to resubmit: every collected request has an answer")
            return 0
        for b in state["submitted"]:
            print(f"submitted batch {b['id']}: {b['requests']} requests from {b['requests_file']} ({b['status']})")
        print(f"state: {openai_batch.batch_dir(args.work_dir, args.model) / openai_batch.STATE}")
        return 0
    if args.action == "status":
        print(format_table(openai_batch.status(args.work_dir, args.model)))
        return 0
    done = openai_batch.collect(args.work_dir, args.model)
    for name, path in done.written.items():
        score = ", ".join(f"{k} {v:.2f}" for k, v in list(done.scores.get(name, {}).items())[:2])
        print(f"{name}: predictions {path} ({score})")
    if done.waiting:
        print(f"still running: {', '.join(done.waiting)} (run `ger batch collect` again later)")
    if done.failed:
        print(f"{len(done.failed)} requests failed or expired:")
        for cid, error in list(done.failed.items())[:MAX_LISTED]:
            print(f"  {cid}: {error}")
        if len(done.failed) > MAX_LISTED:
            print(f"  ... and {len(done.failed) - MAX_LISTED} more")
        print(f"resend them with: ger batch submit --retry-failed --work-dir {args.work_dir}")
    return 0
