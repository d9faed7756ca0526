"""``ger cost``: estimate the tokens and price of an API run before making it, and what a run spent."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from ger_plugin import catalog
from ger_plugin.catalog import PAPER_BATCH_SIZES
from ger_plugin.errors import GerError
from ger_plugin.report.cost import (
    BATCH_API_DISCOUNT,
    PRICES,
    PRICES_DATE,
    PRICES_SOURCE,
    TRANSCRIPT_TOKENS,
    Price,
    actual_usage,
    batch_api_usd,
    estimate_dataset,
    load_prices,
    make_counter,
    prompt_text,
    resolve_price,
    spent_usd,
)
from ger_plugin.report.tables import format_table

EXAMPLES = """\
  ger cost --model gpt-4o --data GER_ALL                 every paper dataset at detail=high
  ger cost --model GPT4o --model gpt-4o-mini --data GER_DFER --frames 8
  ger cost --model GPT4o --data GER_RAFDB --work-dir outputs   the estimate beside what the run spent
  ger cost --model gpt-4o --data GER_DFEW --frames 1 2 4 8 16  tokens and price per frame count
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        required=True,
        action="extend",
        nargs="+",
        metavar="MODEL",
        help="priced model: an API id (gpt-4o) or the host's name (GPT4o); repeatable",
    )
    parser.add_argument("--data", nargs="+", default=["GER_ALL"], help="GER datasets or task groups (default GER_ALL)")
    parser.add_argument("--detail", choices=("low", "high"), default="high", help="image detail level (default high)")
    parser.add_argument(
        "--frames",
        type=int,
        nargs="+",
        help="frames per video; several counts give one row per count (default: each dataset's default)",
    )
    parser.add_argument("--batch", action="store_true", help="several samples per request (the paper's batch mode)")
    parser.add_argument("--image-size", help="WxH of every image instead of the typical size per dataset")
    parser.add_argument("--prices", type=Path, help="JSON or YAML price table overriding the built-in one")
    parser.add_argument(
        "--tokenizer",
        choices=("auto", "tiktoken", "chars"),
        default="auto",
        help="how to count prompt tokens (auto: tiktoken, else characters/4)",
    )
    parser.add_argument("--work-dir", type=Path, help="after a run: report the token usage the host recorded")
    parser.add_argument("--format", choices=("table", "json"), default="table")


def _parse_size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError as exc:
        raise GerError(f"--image-size must look like 640x480, not {text!r}") from exc
    return w, h


def run(args: argparse.Namespace) -> int:
    names = catalog.expand(args.data)
    table = load_prices(args.prices)
    reports = [_estimate(model, names, table, args) for model in args.model]
    if args.format == "json":
        print(json.dumps(reports if len(reports) > 1 else reports[0], indent=2))
        return 0
    for k, report in enumerate(reports):
        if k:
            print()
        _print_report(report, args)
    return 0


def _estimate(model: str, names: list[str], table: dict, args: argparse.Namespace) -> dict:
    """One priced model's estimate over ``names``, its assumptions, and (with --work-dir) its usage."""
    key, price = resolve_price(model, table)
    origin = (
        f"from {args.prices}"
        if args.prices and PRICES.get(key) != price
        else f"built-in table of {PRICES_DATE}, {PRICES_SOURCE}"
    )
    count, how = make_counter(key, args.tokenizer)
    size = _parse_size(args.image_size)
    frame_counts = sorted(set(args.frames)) if args.frames else [None]
    if any(f is not None and not 1 <= f <= 16 for f in frame_counts):
        raise GerError(f"--frames takes counts from 1 to 16 (the stored frames per clip), not {args.frames}")
    estimates = []
    for n in names:
        entry = catalog.DATASETS[n]
        for frames in frame_counts if entry.modality.has_frames else [None]:
            estimates.append(
                estimate_dataset(
                    entry, price, count, detail=args.detail, frames=frames, batch=args.batch, image_size=size
                )
            )
    assumptions = [
        f"prices: {key} ${price.input:.2f} in / ${price.output:.2f} out per 1M tokens ({origin})",
        f"images: detail={args.detail}; {price.image_base_tokens} tokens base + {price.image_tile_tokens} per 512px tile"
        + ("" if size else "; image sizes ASSUMED (typical per dataset; pass --image-size WxH to set them)"),
        f"prompt text from {prompt_text(catalog.DATASETS[names[0]], 1, 0, False)[1]}, counted with {how}; "
        f"transcripts assumed {TRANSCRIPT_TOKENS} tokens per sample; output = one answer in the requested format "
        "per sample",
        "batch mode: "
        + (", ".join(f"{m.value} {n}/request" for m, n in PAPER_BATCH_SIZES.items()) if args.batch else "off"),
        "sample counts: catalog test_size (paper Table 1); retries and failed calls are not included",
        f"Batch API: {BATCH_API_DISCOUNT:.0%} of the standard price for input and output tokens (ger batch)",
    ]
    usage = [u for u in actual_usage(args.work_dir) if _belongs(u, model, key, table)] if args.work_dir else None
    for u in usage or []:  # what the same samples would cost by this estimate, beside what they cost
        found = catalog.DATASETS.get(u["base_dataset"])
        if found is not None and u["samples"]:
            est = estimate_dataset(
                found, price, count, detail=args.detail, frames=u["frames"] or None, batch=args.batch, image_size=size
            )
            share = u["samples"] / max(est.samples, 1)
            u["estimate"] = {
                "input_tokens": round(est.input_tokens * share),
                "output_tokens": round(est.output_tokens * share),
                "usd": est.total_usd * share,
            }
    return {
        "model": key,
        "price": asdict(price),
        "frames": frame_counts if args.frames else None,
        "datasets": [asdict(e) | {"total_usd": e.total_usd, "batch_api_usd": batch_api_usd(e)} for e in estimates],
        "total": {
            "input_tokens": sum(e.input_tokens for e in estimates),
            "output_tokens": sum(e.output_tokens for e in estimates),
            "usd": sum(e.total_usd for e in estimates),
            "batch_api_usd": sum(batch_api_usd(e) for e in estimates),
        },
        "assumptions": assumptions,
        "actual_usage": usage,
    }


def _belongs(u: dict, model: str, key: str, table: dict) -> bool:
    """Whether a run's usage is priced under ``model``: its host name or its endpoint model resolves
    to ``key``; a run of ours with a usage sidecar but no priceable name is priced as asked."""
    if u["model"] == model:
        return True
    own = _priced_as(u["model"], table)
    if own is not None:
        return own == key
    endpoint = {_priced_as(m, table) for m in u.get("endpoint_models") or []} - {None}
    if endpoint:
        return key in endpoint
    return u.get("calls") is not None


def _priced_as(host_model: str, table: dict) -> str | None:
    """The price-table key a host model name resolves to, or None when it has no price."""
    try:
        return resolve_price(host_model, table)[0]
    except GerError:
        return None


def _print_report(report: dict, args: argparse.Namespace) -> None:
    rows = [
        {
            "dataset": e["dataset"],
            "samples": e["samples"],
            "requests": e["requests"],
            "img/sample": e["images_per_sample"],
            "image size": e["image_size"],
            "img tok/sample": e["image_tokens_per_sample"],
            "prompt tok/req": e["prompt_tokens_per_request"],
            "input tok": e["input_tokens"],
            "output tok": e["output_tokens"],
            "USD": f"{e['total_usd']:,.2f}",
            "Batch API USD": f"{e['batch_api_usd']:,.2f}",
        }
        for e in report["datasets"]
    ]
    total = report["total"]
    frames = report["frames"]
    if frames and len(frames) > 1:  # frames against cost: one row per dataset and frame count
        rows = [
            {
                "dataset": e["dataset"],
                "frames": e["images_per_sample"] if catalog.DATASETS[e["dataset"]].modality.has_frames else "-",
                "input tok": e["input_tokens"],
                "output tok": e["output_tokens"],
                "USD": f"{e['total_usd']:,.2f}",
                "Batch API USD": f"{e['batch_api_usd']:,.2f}",
            }
            for e in report["datasets"]
        ]
    print(f"{report['model']}:")
    print(format_table(rows))
    if not frames or len(frames) == 1:
        print(
            f"\nTOTAL {len(rows)} datasets: {total['input_tokens']:,} input + {total['output_tokens']:,} output "
            f"tokens = ${total['usd']:,.2f} (estimate); ${total['batch_api_usd']:,.2f} through the Batch API"
        )
    print("\nAssumptions:\n" + "\n".join(f"  - {a}" for a in report["assumptions"]))
    usage = report["actual_usage"]
    if usage is None:
        return
    price = report["price"]
    print(f"\nActual usage recorded under {args.work_dir}:")
    if not usage:
        print("  no GER result files found")
    for u in usage:
        if not u["recorded"]:
            print(
                f"  {u['model']} {u['dataset']}: the host did not record token usage for this run "
                f"(no usage sidecar or 'usage' in {u['file']})"
            )
            continue
        p, c = u["prompt_tokens"] or 0, u["completion_tokens"] or 0
        cost = spent_usd(
            p,
            c,
            Price(price["input"], price["output"]),
            batch_prompt_tokens=u["batch_prompt_tokens"],
            batch_completion_tokens=u["batch_completion_tokens"],
        )
        line = f"  {u['model']} {u['dataset']}: {p:,} input + {c:,} output tokens = ${cost:,.2f} at {report['model']} prices"
        if u["calls"] is not None:
            via = " through the Batch API (half price)" if p and u["batch_prompt_tokens"] == p else ""
            line += f" spent in {u['calls']} calls{via}"
        est = u.get("estimate")
        if est:
            line += (
                f"; estimate for these {u['samples']} samples: {est['input_tokens']:,} input + "
                f"{est['output_tokens']:,} output tokens = ${est['usd']:,.2f}"
            )
        print(line)
