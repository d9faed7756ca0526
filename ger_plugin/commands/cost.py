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
    PRICES,
    PRICES_DATE,
    PRICES_SOURCE,
    TRANSCRIPT_TOKENS,
    actual_usage,
    estimate_dataset,
    load_prices,
    make_counter,
    prompt_text,
    resolve_price,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", required=True, help="API model id, e.g. gpt-4o (see --prices)")
    parser.add_argument("--data", nargs="+", default=["GER_ALL"], help="GER datasets or task groups (default GER_ALL)")
    parser.add_argument("--detail", choices=("low", "high"), default="high", help="image detail level (default high)")
    parser.add_argument("--frames", type=int, help="frames per video (default: each dataset's default)")
    parser.add_argument("--batch", action="store_true", help="several samples per request (the paper's batch mode)")
    parser.add_argument("--image-size", help="WxH of every image instead of the typical size per dataset")
    parser.add_argument("--prices", type=Path, help="JSON or YAML price table overriding the built-in one")
    parser.add_argument("--tokenizer", choices=("auto", "tiktoken", "chars"), default="auto",
                        help="how to count prompt tokens (auto: tiktoken, else characters/4)")
    parser.add_argument("--work-dir", type=Path, help="after a run: report the token usage the host recorded")
    parser.add_argument("--run-models", nargs="+", help="with --work-dir: only these host model names")
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
    from ger_plugin.report.tables import format_table

    names = catalog.expand(args.data)
    table = load_prices(args.prices)
    key, price = resolve_price(args.model, table)
    origin = (f"from {args.prices}" if args.prices and PRICES.get(key) != price
              else f"built-in table of {PRICES_DATE}, {PRICES_SOURCE}")
    count, how = make_counter(args.model, args.tokenizer)
    size = _parse_size(args.image_size)
    estimates = [estimate_dataset(catalog.DATASETS[n], price, count, detail=args.detail, frames=args.frames,
                                  batch=args.batch, image_size=size) for n in names]
    total_in = sum(e.input_tokens for e in estimates)
    total_out = sum(e.output_tokens for e in estimates)
    total_usd = sum(e.total_usd for e in estimates)
    assumptions = [
        f"prices: {key} ${price.input:.2f} in / ${price.output:.2f} out per 1M tokens "
        f"({origin})",
        f"images: detail={args.detail}; {price.image_base_tokens} tokens base + {price.image_tile_tokens} per 512px tile"
        + ("" if size else "; image sizes ASSUMED (typical per dataset; pass --image-size WxH to set them)"),
        f"prompt text from {prompt_text(catalog.DATASETS[names[0]], 1, 0, False)[1]}, counted with {how}; "
        f"transcripts assumed {TRANSCRIPT_TOKENS} tokens per sample; output = one answer in the requested format "
        "per sample",
        "batch mode: " + (", ".join(f"{m.value} {n}/request" for m, n in PAPER_BATCH_SIZES.items()) if args.batch else "off"),
        "sample counts: catalog test_size (paper Table 1); retries and failed calls are not included",
    ]
    usage = actual_usage(args.work_dir, args.run_models) if args.work_dir else None
    if args.format == "json":
        print(json.dumps({"model": key, "price": asdict(price), "datasets": [asdict(e) | {"total_usd": e.total_usd}
                                                                             for e in estimates],
                          "total": {"input_tokens": total_in, "output_tokens": total_out, "usd": total_usd},
                          "assumptions": assumptions, "actual_usage": usage}, indent=2))
        return 0
    rows = [{"dataset": e.dataset, "samples": e.samples, "requests": e.requests, "img/sample": e.images_per_sample,
             "image size": e.image_size, "img tok/sample": e.image_tokens_per_sample,
             "prompt tok/req": e.prompt_tokens_per_request, "input tok": e.input_tokens, "output tok": e.output_tokens,
             "USD": f"{e.total_usd:,.2f}"} for e in estimates]
    print(format_table(rows))
    print(f"\nTOTAL {len(estimates)} datasets: {total_in:,} input + {total_out:,} output tokens "
          f"= ${total_usd:,.2f} (estimate)")
    print("\nAssumptions:\n" + "\n".join(f"  - {a}" for a in assumptions))
    if usage is not None:
        print(f"\nActual usage recorded under {args.work_dir}:")
        if not usage:
            print("  no GER result files found")
        for u in usage:
            if u["recorded"]:
                cost = ((u["prompt_tokens"] or 0) * price.input + (u["completion_tokens"] or 0) * price.output) / 1e6
                print(f"  {u['model']} {u['dataset']}: {u['prompt_tokens']:,} input + {u['completion_tokens']:,} "
                      f"output tokens = ${cost:,.2f} at {key} prices")
            else:
                print(f"  {u['model']} {u['dataset']}: the host did not record token usage for this run "
                      f"(no 'usage' in {u['file']})")
    return 0
