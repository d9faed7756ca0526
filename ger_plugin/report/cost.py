"""``ger cost``: estimated tokens and price of an API run before making it; actual usage after it.

Input tokens per request = prompt text + images (+ transcript for video+text/text inputs);
output tokens per sample = a ranked top-5 answer in the paper's answer format. Image tokens follow
OpenAI's published rules for its tiled vision models: ``detail=low`` costs a flat base (85 tokens
for GPT-4o); ``detail=high`` first fits the image inside 2048x2048, then shrinks it so the short
side is at most 768 px, and costs base + per-tile tokens for every 512 px tile. Batch mode (the
paper's several samples per request) pays the prompt text once per request.

Everything not known in advance is an assumption that the output states: image sizes (typical
size per release unless ``--image-size`` is given), transcript length, and answer length.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ger_plugin.catalog import DatasetEntry, Modality
from ger_plugin.errors import DataError, GerError


@dataclass(frozen=True)
class Price:
    """USD per 1M tokens, plus the model's image token rule (base and per-512px-tile tokens)."""

    input: float
    output: float
    image_base_tokens: int = 85
    image_tile_tokens: int = 170


#: Standard (non-batch-API) prices, USD per 1M tokens, from OpenAI's pricing page
#: (platform.openai.com/docs/pricing) and vision guide (platform.openai.com/docs/guides/vision),
#: as listed in 2025-08. Override or extend with ``--prices FILE``.
PRICES_DATE = "2025-08"
PRICES_SOURCE = (
    "https://platform.openai.com/docs/pricing (image tokens: https://platform.openai.com/docs/guides/vision)"
)
PRICES: Mapping[str, Price] = {
    "gpt-4o": Price(2.50, 10.00),
    "gpt-4o-2024-05-13": Price(5.00, 15.00),
    "gpt-4o-mini": Price(0.15, 0.60, 2833, 5667),  # mini bills images at a higher token count
    "gpt-4.1": Price(2.00, 8.00),
    "gpt-4-turbo": Price(10.00, 30.00),
    "gpt-4-vision-preview": Price(10.00, 30.00),  # the paper's GPT-4V
}


#: ASSUMED transcript length (tokens) per sample with text input.
TRANSCRIPT_TOKENS = 40


def image_tokens(width: int, height: int, detail: str, base: int = 85, per_tile: int = 170) -> int:
    """Input tokens of one image under OpenAI's tile rule."""
    if detail == "low":
        return base
    if detail != "high":
        raise GerError(f"detail must be low or high, not {detail!r}")
    scale = min(1.0, 2048 / max(width, height))  # fit inside 2048 x 2048
    w, h = width * scale, height * scale
    scale = min(1.0, 768 / min(w, h))  # short side at most 768
    w, h = w * scale, h * scale
    tiles = math.ceil(w / 512) * math.ceil(h / 512)
    return base + per_tile * tiles


# --------------------------------------------------------------------------------------
# text tokens
# --------------------------------------------------------------------------------------


def tokens_by_characters(text: str) -> int:
    """OpenAI's rule of thumb: about 4 characters per token."""
    return max(1, math.ceil(len(text) / 4))


def make_counter(model: str, how: str = "auto") -> tuple[Callable[[str], int], str]:
    """(token counter, description). ``auto`` tries tiktoken (which may need to download its
    encoding once) and falls back to characters / 4."""
    if how == "chars":
        return tokens_by_characters, "characters / 4"
    try:
        import tiktoken

        try:
            enc = tiktoken.encoding_for_model(model)
        except KeyError:
            enc = tiktoken.get_encoding("o200k_base")
        enc.encode("probe")
        return (lambda text: len(enc.encode(text))), f"tiktoken {enc.name}"
    except Exception as exc:  # missing package, or encoding not cached and no network
        if how == "tiktoken":
            raise GerError(f"tiktoken unavailable: {exc}") from exc
        return tokens_by_characters, f"characters / 4 (tiktoken unavailable: {type(exc).__name__})"


def prompt_text(entry: DatasetEntry, n_samples: int, frames: int, batch: bool) -> tuple[str, str]:
    """(prompt text of one request, where it came from). The real prompt from ``ger_plugin.core.prompts``
    when present, else an approximation of the paper's shape (expert role, input count,
    candidates, ranked answer format). Transcripts are counted separately."""
    try:
        from ger_plugin.core import prompts
    except ImportError:
        inputs = f"{n_samples} {'videos' if entry.modality.has_frames else 'inputs'}"
        frame_note = f" Each video is given as {frames} frames in temporal order." if frames else ""
        text = (
            f"Please play the role of an expert in {entry.task.title.lower()}. We provide {inputs}.{frame_note} "
            "Ignore the identity of the person and focus on the emotional cues. "
            f"The candidate labels are: {', '.join(entry.paper_candidates or entry.labels)}. "
            "For each input, rank the candidate labels from most to least likely and give the top 5. "
            "Answer with one record per input in the format {'name': <input name>, 'result': <ranked labels>}."
        )
        return text, "an approximation of the paper's prompt (ger_plugin.core.prompts not installed)"
    if batch:
        items = [{"name": f"sample_{i:05d}", "frames": frames, "text": ""} for i in range(n_samples)]
        text = prompts.render_prompt(entry, batch=items)
    else:
        text = prompts.render_prompt(entry, sample={"frames": frames, "text": ""})
    return text, f"ger_plugin.core.prompts version {getattr(prompts, 'PROMPT_VERSION', '?')}"


def answer_text(entry: DatasetEntry, batch: bool) -> str:
    """One sample's answer in the requested format: label + full ranking per request, or a
    top-5 record per input in batch mode."""
    labels = list(entry.paper_candidates or entry.labels)
    if batch:
        return "{'name': 'sample_00001', 'result': " + ", ".join(labels[:5]) + "}\n"
    return f"Label: {labels[0]}\nRanking: {', '.join(labels)}"


# --------------------------------------------------------------------------------------
# estimates
# --------------------------------------------------------------------------------------


@dataclass
class Estimate:
    dataset: str
    samples: int
    requests: int
    images_per_sample: int
    image_size: str  # "WxH" and whether it is assumed
    image_tokens_per_sample: int
    prompt_tokens_per_request: int
    input_tokens: int
    output_tokens: int
    input_usd: float
    output_usd: float

    @property
    def total_usd(self) -> float:
        return self.input_usd + self.output_usd


def estimate_dataset(
    entry: DatasetEntry,
    price: Price,
    count: Callable[[str], int],
    *,
    detail: str = "high",
    frames: int | None = None,
    batch: bool = False,
    image_size: tuple[int, int] | None = None,
) -> Estimate:
    n = entry.test_size
    frames = (frames or entry.default_frames) if entry.modality.has_frames else 0
    per_request = entry.modality.paper_batch_size if batch else 1
    requests = math.ceil(n / per_request)
    images = frames if entry.modality.has_frames else (0 if entry.modality is Modality.TEXT else 1)
    if image_size is not None:
        size, size_note = image_size, "given"
    else:
        size = entry.source.typical_image_size  # ASSUMED (catalog), the output says so
        size_note = "assumed"
    img_tokens = images * image_tokens(*size, detail, price.image_base_tokens, price.image_tile_tokens)
    text_tokens = TRANSCRIPT_TOKENS if entry.modality.has_text else 0
    prompt, _ = prompt_text(entry, per_request, frames, batch)
    prompt_full = count(prompt)
    input_tokens = requests * prompt_full + n * (img_tokens + text_tokens)
    output_tokens = n * count(answer_text(entry, batch))
    return Estimate(
        dataset=entry.name,
        samples=n,
        requests=requests,
        images_per_sample=images,
        image_size=f"{size[0]}x{size[1]} ({size_note})" if images else "-",
        image_tokens_per_sample=img_tokens,
        prompt_tokens_per_request=prompt_full,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        input_usd=input_tokens * price.input / 1e6,
        output_usd=output_tokens * price.output / 1e6,
    )


def load_prices(path: Path | None) -> dict[str, Price]:
    """The built-in table, updated from a JSON or YAML file ``{model: {input, output[, image_base_tokens,
    image_tile_tokens]}}`` (USD per 1M tokens)."""
    table = dict(PRICES)
    if path is None:
        return table
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot read price file: {exc}", path=path) from exc
    try:
        if Path(path).suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
    except Exception as exc:  # json.JSONDecodeError, yaml.YAMLError
        raise DataError(
            f"not valid {'YAML' if Path(path).suffix in ('.yaml', '.yml') else 'JSON'}: {exc}", path=path
        ) from exc
    if not isinstance(data, dict):
        raise DataError("expected a mapping of model -> {input, output}", path=path)
    for model, spec in data.items():
        try:
            table[str(model)] = Price(
                float(spec["input"]),
                float(spec["output"]),
                int(spec.get("image_base_tokens", 85)),
                int(spec.get("image_tile_tokens", 170)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(
                f"needs numeric 'input' and 'output' (USD per 1M tokens): {exc}", path=path, field=str(model)
            ) from exc
    return table


def api_model_id(name: str) -> str:
    """The API id a host model name stands for: lower case, ``_`` as ``-``, ``gpt4`` as ``gpt-4``."""
    return re.sub(r"^gpt(?=\d)", "gpt-", name.strip().lower().replace("_", "-"))


def resolve_price(model: str, table: Mapping[str, Price]) -> tuple[str, Price]:
    """Exact name, else the longest table key the model name starts with (dated snapshots).

    The host's names are accepted too: ``GPT4o`` and ``GPT4o_MINI`` price as ``gpt-4o`` and
    ``gpt-4o-mini`` (see :func:`api_model_id`).
    """
    if model in table:
        return model, table[model]
    model = api_model_id(model)
    if model in table:
        return model, table[model]
    matches = [key for key in table if model.startswith(key)]
    if not matches:
        raise GerError(
            f"no price for model {model!r}; known: {', '.join(sorted(table))}. "
            'Pass --prices FILE with {"' + model + '": {"input": ..., "output": ...}}'
        )
    key = max(matches, key=len)
    return key, table[key]


# --------------------------------------------------------------------------------------
# actual usage after a run
# --------------------------------------------------------------------------------------


#: The Batch API bills input and output tokens at half the standard price (OpenAI pricing page,
#: "Batch API: save 50% on inputs and outputs"; https://platform.openai.com/docs/guides/batch).
BATCH_API_DISCOUNT = 0.5


def batch_api_usd(estimate: Estimate) -> float:
    return estimate.total_usd * BATCH_API_DISCOUNT


def spent_usd(
    prompt_tokens: int,
    completion_tokens: int,
    price: Price,
    *,
    batch_prompt_tokens: int = 0,
    batch_completion_tokens: int = 0,
) -> float:
    """USD for recorded tokens: live calls at the standard price, Batch API calls at half of it."""
    live = (prompt_tokens - batch_prompt_tokens) * price.input + (
        completion_tokens - batch_completion_tokens
    ) * price.output
    batch = (batch_prompt_tokens * price.input + batch_completion_tokens * price.output) * BATCH_API_DISCOUNT
    return (live + batch) / 1e6


def actual_usage(work_dir: Path, models: Sequence[str] | None = None) -> list[dict]:
    """Token usage per result file: the usage sidecar our API models write beside the predictions
    (:mod:`ger_plugin.core.result_files`), else ``usage`` in the GER result file, else not recorded."""
    from ger_plugin.core import result_files
    from ger_plugin.report.results import RESULT_SUFFIX, load_all, newest

    rows = []
    for r in newest(load_all(work_dir, models).results):
        sidecar = r.path.with_name(r.path.name[: -len(RESULT_SUFFIX)] + result_files.USAGE_SUFFIX)
        recorded = result_files.read_usage(sidecar)
        row = {
            "model": r.model,
            "dataset": r.dataset,
            "base_dataset": r.base_dataset,
            "frames": r.frames,
            "file": str(r.path),
            "samples": r.n_total,
        }
        if recorded is not None:
            row.update(
                prompt_tokens=recorded.prompt_tokens,
                completion_tokens=recorded.completion_tokens,
                batch_prompt_tokens=recorded.batch_prompt_tokens,
                batch_completion_tokens=recorded.batch_completion_tokens,
                calls=recorded.calls,
                endpoint_models=recorded.models,
                recorded=True,
                source=str(sidecar),
            )
        else:
            usage = r.usage or {}
            row.update(
                prompt_tokens=usage.get("prompt_tokens"),
                completion_tokens=usage.get("completion_tokens"),
                batch_prompt_tokens=0,
                batch_completion_tokens=0,
                calls=None,
                recorded=bool(usage),
                source=str(r.path) if usage else "",
            )
        rows.append(row)
    return rows
