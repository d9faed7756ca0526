"""``ger explain-answer``: how the parser reads one answer, so a user can see why it scored as it did.

Prints the label the rules give, the ranking, the rule that fired, the span it read and the notes
(answer zone, corrected typos). With ``--extractor-model`` and ``--base-url`` it also asks a model
behind an OpenAI-compatible endpoint (temperature 0) and says whether the two readings agree;
with ``--answers FILE`` it reads many answers and reports the agreement per dataset. The rules stay
the scorer either way.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from ger_plugin.errors import DataError, GerError

EXAMPLES = """\
  ger explain-answer "<think>Angry? No.</think> The mouth turns down: sad." --data GER_RAFDB
  ger explain-answer "Sentiment score: -1.2 (scale -3 to 3)" --data GER_CMUMOSI --format json
  echo "Answer: (B)  (A) happy (B) sad" | ger explain-answer - --data GER_RAFDB
  ger explain-answer --answers answers.jsonl --extractor-model qwen2.5-7b-instruct \\
      --base-url http://127.0.0.1:8000/v1      agreement of a model-based reading with the rules
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="?", help="the model's answer ('-' reads it from standard input)")
    parser.add_argument("--data", help="GER dataset whose label set the answer is read against (e.g. GER_RAFDB)")
    parser.add_argument(
        "--answers",
        type=Path,
        help="a JSON-lines file of answers, one object per line with 'text' and 'data' "
        "(or use --data for all); prints per-dataset agreement (needs --extractor-model)",
    )
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    group = parser.add_argument_group("model-based extractor (optional; off by default)")
    group.add_argument("--extractor-model", help="model name at the endpoint, e.g. gpt-4o-mini")
    group.add_argument("--base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1")
    group.add_argument(
        "--api-key-env",
        default="OPENAI_API_KEY",
        help="environment variable holding the endpoint's key (default OPENAI_API_KEY)",
    )


def _labels(name: str) -> tuple[str, ...]:
    from ger_plugin import catalog

    return catalog.get(name).labels


def _extractor(args: argparse.Namespace) -> Any:
    if not args.extractor_model:
        if args.base_url:
            raise GerError("--base-url needs --extractor-model")
        return None
    if not args.base_url:
        raise GerError("--extractor-model needs --base-url (an OpenAI-compatible endpoint)")
    from ger_plugin.host.answer_extractor import ModelExtractor

    return ModelExtractor(
        model=args.extractor_model, base_url=args.base_url, api_key=os.environ.get(args.api_key_env) or "EMPTY"
    )


def _read_answers(path: Path, default_data: str | None) -> list[tuple[str, str, tuple[str, ...]]]:
    if not path.is_file():
        raise DataError("no such file", path=path)
    rows = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataError(f"not JSON ({err.msg})", path=path, line=line_no) from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise DataError("needs a string 'text'", path=path, line=line_no, field="text")
        name = obj.get("data") or default_data
        if not isinstance(name, str):
            raise DataError("needs 'data' (a GER dataset name) or --data", path=path, line=line_no, field="data")
        rows.append((name, obj["text"], _labels(name)))
    return rows


def _explain_one(args: argparse.Namespace) -> int:
    from ger_plugin.core.parsing import parse_answer

    if args.text is None:
        raise GerError("give the answer TEXT (or '-' for standard input), or --answers FILE")
    if not args.data:
        raise GerError("--data is required: the dataset whose label set the answer is read against")
    text = sys.stdin.read() if args.text == "-" else args.text
    labels = _labels(args.data)
    parsed = parse_answer(text, labels)
    extractor = _extractor(args)
    model_label = extractor.extract(text, labels) if extractor is not None else None
    if args.format == "json":
        out: dict[str, Any] = {
            "data": args.data,
            "labels": list(labels),
            "label": parsed.label,
            "ranked": list(parsed.ranked),
            "rule": parsed.rule,
            "read": parsed.evidence,
            "notes": list(parsed.notes),
        }
        if extractor is not None:
            out["extractor"] = {"model": extractor.model, "label": model_label, "agrees": model_label == parsed.label}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    flat = " ".join(text.split())
    print(f"answer:   {flat if len(flat) <= 160 else flat[:157] + '...'}")
    print(f"labels:   {args.data} ({', '.join(labels)})")
    print(parsed.explain())
    if extractor is not None:
        verdict = "agrees with the rules" if model_label == parsed.label else "DISAGREES with the rules"
        print(
            f"model:    {model_label if model_label is not None else '(none)'} "
            f"({extractor.model}, temperature 0) -- {verdict}"
        )
    return 0


def run(args: argparse.Namespace) -> int:
    if args.answers is None:
        return _explain_one(args)
    extractor = _extractor(args)
    if extractor is None:
        raise GerError("--answers needs --extractor-model and --base-url (it reports agreement with the rules)")
    from ger_plugin.host.answer_extractor import agreement

    report = agreement(_read_answers(args.answers, args.data), extractor)
    if args.format == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(f"{'dataset':<20} {'answers':>7} {'agree':>6} {'agreement':>9}")
    for name, cell in report.items():
        print(f"{name:<20} {cell['n']:>7} {cell['agree']:>6} {cell['agreement']:>8.1f}%")
    for name, cell in report.items():
        for text, rules, model in cell["disagreements"][:5]:
            flat = " ".join(text.split())[:100]
            print(f"  {name}: rules={rules} model={model} :: {flat}")
    return 0
