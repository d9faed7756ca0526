"""ger cost: image tokens by OpenAI's tile rule, batch overhead, price tables, actual usage."""

from __future__ import annotations

import json
import math
import re

import pytest
from ger_result_fixtures import BASE_TIME, draw_run, score, write_result

from ger_plugin import catalog, commands
from ger_plugin.errors import DataError, GerError
from ger_plugin.report import cost


@pytest.mark.parametrize(
    "size,detail,tokens",
    [
        # OpenAI's worked examples in its vision guide
        ((1024, 1024), "high", 765),  # 768x768 -> 4 tiles
        ((2048, 4096), "high", 1105),  # -> 1024x2048 -> 768x1536 -> 6 tiles
        ((4096, 8192), "low", 85),
        ((48, 48), "high", 255),  # small images are never enlarged: one tile
    ],
)
def test_image_tokens_follow_the_tile_rule(size, detail, tokens):
    assert cost.image_tokens(*size, detail) == tokens


def test_gpt4o_mini_bills_images_with_its_own_token_counts():
    _, mini = cost.resolve_price("gpt-4o-mini-2024-07-18", cost.PRICES)
    assert cost.image_tokens(1024, 1024, "high", mini.image_base_tokens, mini.image_tile_tokens) == 2833 + 4 * 5667


def test_dated_snapshots_resolve_to_their_family():
    assert cost.resolve_price("gpt-4o-2024-08-06", cost.PRICES)[0] == "gpt-4o"
    assert cost.resolve_price("gpt-4o-2024-05-13", cost.PRICES)[0] == "gpt-4o-2024-05-13"
    with pytest.raises(GerError, match="no price for model 'claude-x'"):
        cost.resolve_price("claude-x", cost.PRICES)


def test_estimate_counts_samples_frames_and_batch_overhead():
    price = cost.PRICES["gpt-4o"]
    entry = catalog.DATASETS["GER_DFEW"]
    one = cost.estimate_dataset(entry, price, cost.tokens_by_characters, detail="low")
    assert one.samples == entry.test_size and one.requests == entry.test_size
    assert one.images_per_sample == entry.default_frames
    eight = cost.estimate_dataset(entry, price, cost.tokens_by_characters, detail="low", frames=8)
    assert eight.image_tokens_per_sample == 8 * 85
    batch = cost.estimate_dataset(entry, price, cost.tokens_by_characters, detail="low", batch=True)
    assert batch.requests == math.ceil(entry.test_size / entry.modality.paper_batch_size)
    # batch mode saves exactly the prompt text it no longer repeats
    saved = one.input_tokens - batch.input_tokens
    assert saved == one.requests * one.prompt_tokens_per_request - batch.requests * batch.prompt_tokens_per_request
    assert saved > 0 and batch.output_tokens == one.output_tokens
    assert one.input_usd == pytest.approx(one.input_tokens * price.input / 1e6)
    text = cost.estimate_dataset(catalog.DATASETS["GER_MER2023_Text"], price, cost.tokens_by_characters)
    assert text.images_per_sample == 0 and text.image_tokens_per_sample == 0


def test_price_file_overrides_json_and_yaml(tmp_path):
    js = tmp_path / "p.json"
    js.write_text(json.dumps({"gpt-4o": {"input": 1.0, "output": 2.0}, "my-model": {"input": 3, "output": 4}}))
    table = cost.load_prices(js)
    assert table["gpt-4o"] == cost.Price(1.0, 2.0) and table["my-model"].output == 4.0
    assert table["gpt-4o-mini"] == cost.PRICES["gpt-4o-mini"]
    pytest.importorskip("yaml")
    yml = tmp_path / "p.yaml"
    yml.write_text("gpt-4o:\n  input: 9\n  output: 10\n  image_tile_tokens: 100\n")
    assert cost.load_prices(yml)["gpt-4o"] == cost.Price(9.0, 10.0, 85, 100)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"gpt-4o": {"input": "cheap"}}))
    with pytest.raises(DataError, match=r"bad\.json.*gpt-4o"):
        cost.load_prices(bad)


def _total_usd(out: str) -> float:
    return float(re.search(r"= \$([\d,]+\.\d\d) \(estimate\)", out).group(1).replace(",", ""))


def test_cli_estimate_states_its_assumptions(capsys):
    assert commands.main(["cost", "--model", "gpt-4o", "--data", "GER_ALL", "--tokenizer", "chars"]) == 0
    out = capsys.readouterr().out
    for name in catalog.TASK_GROUPS["GER_ALL"]:
        assert name in out
    assert "ASSUMED" in out and cost.PRICES_DATE in out and "characters / 4" in out
    assert (
        commands.main(["cost", "--model", "gpt-4o", "--data", "GER_ALL", "--tokenizer", "chars", "--format", "json"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["total"]["usd"] == pytest.approx(sum(d["total_usd"] for d in data["datasets"]))
    assert _total_usd(out) == pytest.approx(data["total"]["usd"], abs=0.01)
    assert (
        commands.main(
            [
                "cost",
                "--model",
                "gpt-4o",
                "--data",
                "GER_RAFDB",
                "--tokenizer",
                "chars",
                "--image-size",
                "1024x1024",
                "--detail",
                "high",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "ASSUMED" not in out and "1024x1024 (given)" in out and " 765 " in out


def test_cli_low_detail_and_batch_are_cheaper(capsys):
    base = ["cost", "--model", "gpt-4o", "--data", "GER_FER", "--tokenizer", "chars"]
    totals = []
    for extra in ([], ["--detail", "low"], ["--detail", "low", "--batch"]):
        assert commands.main(base + extra) == 0
        totals.append(_total_usd(capsys.readouterr().out))
    assert totals[0] > totals[1] > totals[2] > 0


def test_actual_usage_is_reported_when_recorded_and_said_when_not(tmp_path, capsys):
    for name, usage in (("GER_RAFDB", {"prompt_tokens": 120000, "completion_tokens": 9000}), ("GER_CKPlus", None)):
        entry = catalog.DATASETS[name]
        gold, answers, failed = draw_run(entry, 0.5, seed=1, n=20)
        write_result(tmp_path, "GPT4o", name, score(entry, gold, answers, failed), BASE_TIME, usage=usage)
    assert (
        commands.main(
            ["cost", "--model", "gpt-4o", "--data", "GER_RAFDB", "--tokenizer", "chars", "--work-dir", str(tmp_path)]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "GPT4o GER_RAFDB: 120,000 input + 9,000 output tokens = $0.39" in out  # 0.3 + 0.09
    assert "GPT4o GER_CKPlus: the host did not record token usage" in out
