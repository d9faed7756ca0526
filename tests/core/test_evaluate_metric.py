"""The `evaluate` metric shipped in the package equals what the leaderboard reports for the same answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ger_plugin
from ger_plugin import catalog
from ger_plugin.commands import main
from ger_plugin.host.evaluation import Prediction, evaluate_predictions

ANSWERS = [
    "Label: angry\nRanking: angry, sad, happy",
    "I think she is furious.",
    "",  # empty: no answer
    "The person looks frustrated.",  # outside the label set: invalid under the GER protocol
    "Ranking: sad, happy, neutral",
    "{'name': 'x', 'result': 'Happiness'}",
    "She is not happy, rather sad.",
    "neutral",
    "Label: surprised",
    None,  # the host has no prediction for it
]
GOLD = {
    "GER_RAFDB": ["angry", "angry", "sad", "angry", "sad", "happy", "sad", "neutral", "fearful", "happy"],
    "GER_DFEW": ["angry", "angry", "sad", "angry", "sad", "happy", "sad", "neutral", "fearful", "happy"],
    # sentiment scores: the answers above name no intensity label except "neutral" -> a mix of valid and invalid
    "GER_CMUMOSI": [1.5, -2.0, 0.4, -0.6, 2.2, 0.0, -1.0, 0.8, -0.2, 1.0],
}
SENTIMENT_ANSWERS = ANSWERS[:4] + ["Label: weakly positive", "positive", "negative", "neutral", "Label: positive", None]


@pytest.fixture(scope="module")
def metric(tmp_path_factory):
    evaluate = pytest.importorskip("evaluate")
    mp = pytest.MonkeyPatch()
    for var in ("HF_EVALUATE_OFFLINE", "HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE"):
        mp.setenv(var, "1")
    module = evaluate.load(ger_plugin.EVALUATE_MODULE, cache_dir=str(tmp_path_factory.mktemp("evaluate")))
    yield module
    mp.undo()


def _answers(name: str) -> list[str | None]:
    return SENTIMENT_ANSWERS if name == "GER_CMUMOSI" else ANSWERS


@pytest.fixture(scope="module")
def board(tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("work")
    (work / "ModelA").mkdir()
    for name, gold in GOLD.items():
        preds = [Prediction(f"s{i}", g, raw) for i, (g, raw) in enumerate(zip(gold, _answers(name)))]
        evaluate_predictions(
            catalog.get(name),
            preds,
            eval_file=work / "ModelA" / f"ModelA_{name}.xlsx",
            model="ModelA",
            dataset=name,
            frames=catalog.get(name).default_frames,
        )
    out = work / "board.json"
    assert main(["leaderboard", "--work-dir", str(work), "--format", "json", "--out", str(out)]) == 0
    return json.loads(out.read_text())


def _cells(board: dict, name: str) -> dict[str, dict]:
    cells = {}
    for table in board["tables"]:
        for row in table["rows"]:
            if row["name"] == "ModelA":
                cells.update({k.split(":")[1]: v for k, v in row["cells"].items() if k.startswith(name + ":")})
    return cells


@pytest.mark.parametrize("name", sorted(GOLD))
def test_metric_equals_the_leaderboard(metric, board, name):
    got = metric.compute(predictions=_answers(name), references=GOLD[name], dataset=name)
    cells = _cells(board, name)
    names = {"acc": "acc", "WAR": "war", "UAR": "uar", "WF1": "wf1"}
    assert cells, f"the leaderboard shows no {name} cell"
    for key, cell in cells.items():  # every metric the leaderboard shows for this dataset
        assert got[names[key]] == pytest.approx(cell["value"], abs=1e-9), (name, key)
        assert got["unanswered_rate"] == pytest.approx(cell["no_answer_rate"], abs=1e-9), (name, "no answer %")
    assert set(got) >= {"acc", "war", "uar", "wf1", "unanswered_rate"}


def test_metric_names_every_ger_list_metric_and_is_nontrivial(metric):
    got = metric.compute(predictions=ANSWERS, references=GOLD["GER_RAFDB"], dataset="GER_RAFDB")
    assert 0 < got["acc"] < 100 and 0 < got["unanswered_rate"] < 100 and got["war"] == got["acc"]
    assert got["n"] == len(ANSWERS)


def test_module_path_and_card_ship_in_the_package():
    module = Path(ger_plugin.EVALUATE_MODULE)
    assert module.is_file() and module.name == "ger_metric.py"
    card = (module.parent / "README.md").read_text(encoding="utf-8")
    assert "Publishing it to the Hugging Face Hub" in card and "evaluate.load" in card
