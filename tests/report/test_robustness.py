"""Variant runs sit beside their clean runs: drop from the clean score and answer flip rate; every number names its protocol."""

from __future__ import annotations

import csv
import io
import json

import pytest

from ger_plugin import catalog
from ger_plugin.commands import main
from ger_plugin.host.evaluation import Prediction, evaluate_predictions
from ger_plugin.report import leaderboard

GOLD = ["happy", "sad", "angry", "sad", "angry"]
RUNS = {  # (model, host name) -> answers
    ("ModelA", "GER_RAFDB"): ["happy", "sad", "angry", "neutral", "frustrated"],
    ("ModelA", "GER_RAFDB_Blur3"): ["happy", "happy", "angry", "", "frustrated"],
    ("ModelA", "GER_RAFDB_P2"): ["happy", "sad", "angry", "sad", "Label: fearful"],
    ("ModelB", "GER_RAFDB_Noise1"): ["sad", "sad", "sad", "sad", "sad"],  # no clean run
}


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    work = tmp_path_factory.mktemp("work")
    for (model, name), answers in RUNS.items():
        variant = catalog.parse_host_name(name)
        (work / model).mkdir(exist_ok=True)
        preds = [Prediction(f"s{i}", g, a) for i, (g, a) in enumerate(zip(GOLD, answers))]
        evaluate_predictions(
            variant.entry,
            preds,
            eval_file=work / model / f"{model}_{name}.xlsx",
            model=model,
            dataset=name,
            corruption=variant.corruption,
            prompt_variant=variant.prompt_variant,
        )
    return work


def test_drop_and_flip_rate_against_the_clean_run(work):
    board = leaderboard.from_work_dir(work)
    rows = {(r.model, r.variant): r for r in board.robustness}
    blur = rows[("ModelA", "Blur3")]
    # clean: 3 of 5 right (60); Blur3: 2 of 5 (40); answers changed on s1 (sad -> happy) and s3 (neutral -> none)
    assert (blur.clean, blur.score, blur.drop) == (60.0, 40.0, 20.0)
    assert (blur.flip_rate, blur.n_compared, blur.kind, blur.metric) == (40.0, 5, "corruption", "acc")
    p2 = rows[("ModelA", "P2")]
    # s3 neutral -> sad (now right), s4 no label -> fearful (still wrong): two flips, one more right
    assert (p2.score, p2.drop, p2.flip_rate, p2.kind) == (80.0, -20.0, 40.0, "prompt")
    orphan = rows[("ModelB", "Noise1")]
    assert orphan.clean is None and orphan.drop is None and orphan.score == 40.0


def test_variant_runs_are_never_ranked_in_the_tables(work):
    board = leaderboard.from_work_dir(work)
    names = {r.name for t in board.tables for r in t.rows} | {s.name for s in board.summary}
    assert "ModelA" in names and not any("Blur3" in n or "P2" in n or n.startswith("ModelB") for n in names)


def test_every_number_names_its_protocol(work, tmp_path):
    out = tmp_path / "board.json"
    assert main(["leaderboard", "--work-dir", str(work), "--format", "json", "--out", str(out)]) == 0
    data = json.loads(out.read_text())
    protocols = {c["protocol"] for t in data["tables"] for r in t["rows"] for c in r["cells"].values()}
    assert protocols == {"ger", "paper", "published", "expected"} and protocols <= set(data["protocols"])
    assert {r["protocol"] for r in data["open_vocabulary"]} == {"open_vocabulary"}
    ov = next(r for r in data["open_vocabulary"] if r["row"] == "ModelA")
    # the clean run's "frustrated" for angry is wrong in the closed set and a hit in the open vocabulary
    assert ov["value"] == 80.0 and ov["ger_value"] == 60.0
    assert [r["variant"] for r in data["robustness"]] == ["Blur3", "P2", "Noise1"]
    csv_text = tmp_path / "board.csv"
    assert main(["leaderboard", "--work-dir", str(work), "--out", str(csv_text)]) == 0
    rows = list(csv.DictReader(io.StringIO(csv_text.read_text())))
    assert all(r["protocol"] for r in rows)
    assert {r["metric"] for r in rows if r["table"] == "robustness"} >= {"drop:Blur3", "flip_rate:Blur3"}
    md = tmp_path / "board.md"
    assert main(["leaderboard", "--work-dir", str(work), "--out", str(md)]) == 0
    text = md.read_text()
    assert "## Robustness and prompt sensitivity" in text and "## Open-vocabulary protocol" in text
    assert "| ModelA | GER_RAFDB | Blur3 | acc | 60.00 | 40.00 | +20.00 | 40.00 | 5 |" in text
