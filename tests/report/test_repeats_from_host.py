"""Repeated runs through the real host: `ger run --repeats 3` with a loopback API model and the
random baseline, then the leaderboard's cells (runs, sd), paired tests and published rows, in JSON
and in a browser."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from browser import _chromium, dump_dom, parse
from conftest import needs_host
from ger_fixtures import write_release
from openai_server import FakeOpenAI

from ger_plugin.catalog import DATASETS
from ger_plugin.commands import main

pytestmark = [pytest.mark.slow, pytest.mark.vlmeval, needs_host]
MODELS = ["GPT4o", "GER_Random"]
REPEATS = 3


def _rafdb_rows() -> list[tuple[str, str, str, str]]:
    """28 images, 4 per label: 3 coloured as their gold, 1 as the next label (the server reads colours)."""
    labels = list(DATASETS["GER_RAFDB"].labels)
    rows = []
    for i, label in enumerate(labels):
        for j in range(4):
            shown = label if j < 3 else labels[(i + 1) % len(labels)]
            rows.append((f"r{i}{j}", label, shown, ""))
    return rows


@pytest.fixture(scope="module")
def work_dir(host_python: Path, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("repeats")
    home = root / "ger_home"
    write_release(home, "GER_RAFDB", _rafdb_rows())
    write_release(home, "GER_DFEW")
    (root / "lmu").mkdir()
    with FakeOpenAI() as server:
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and k != "GER_VLMEVAL_PLUGIN"}
        env.update(
            LMUData=str(root / "lmu"),
            GER_HOME=str(home),
            HF_DATASETS_CACHE=str(root / "hf"),
            HF_HUB_OFFLINE="1",
            OPENAI_API_KEY="sk-repeat-test",
            OPENAI_API_BASE=server.url,
            PYTHONWARNINGS="ignore",
        )
        proc = subprocess.run(
            [
                str(host_python),
                "-m",
                "ger_plugin",
                "run",
                "--data",
                "GER_RAFDB",
                "GER_DFEW",
                "--model",
                *MODELS,
                "--repeats",
                str(REPEATS),
                "--temperature",
                "0",
                "--retry",
                "2",
                "--work-dir",
                str(root / "out"),
            ],
            env=env,
            cwd=root,
            capture_output=True,
            text=True,
            timeout=900,
        )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return root / "out"


def _cell(data: dict, task: str, row: str, key: str) -> dict:
    table = next(t for t in data["tables"] if t["task"] == task)
    return next(r for r in table["rows"] if r["name"] == row)["cells"][key]


def test_three_runs_each_give_cells_with_runs_and_sd_and_a_paired_test(work_dir, tmp_path):
    for k in range(1, REPEATS + 1):
        manifest = json.loads((work_dir / f"repeat-{k}" / "ger_repeat.json").read_text())
        assert (manifest["index"], manifest["seed"], manifest["temperature"]) == (k, k, 0.0)
        written = json.loads(
            (work_dir / f"repeat-{k}" / "GER_Random" / "GER_Random_GER_RAFDB_ger_metrics.json").read_text()
        )
        assert written["repeat"] == {"index": k, "of": REPEATS, "seed": k, "temperature": 0.0}
    out = tmp_path / "board.json"
    assert main(["leaderboard", "--work-dir", str(work_dir), "--out", str(out)]) == 0
    data = json.loads(out.read_text())
    random_cell = _cell(data, "GER_FER", "GER_Random", "GER_RAFDB:acc")
    api_cell = _cell(data, "GER_FER", "GPT4o", "GER_RAFDB:acc")
    assert random_cell["runs"] == api_cell["runs"] == REPEATS
    assert random_cell["sd"] > 0 and random_cell["agreement"] < 100  # the baseline draws anew each repeat
    assert api_cell["sd"] == 0 and api_cell["agreement"] == 100  # the loopback server answers the same
    assert api_cell["value"] == pytest.approx(75.0)  # 3 of each label's 4 pictures show their gold colour
    pairs = {(p["dataset"], p["metric"]): p for p in data["pairs"]}
    assert set(pairs) == {("GER_RAFDB", "acc"), ("GER_DFEW", "WAR"), ("GER_DFEW", "UAR")}
    rafdb = pairs["GER_RAFDB", "acc"]
    assert (rafdb["model_a"], rafdb["model_b"], rafdb["test"]) == ("GPT4o", "GER_Random", "mcnemar-exact")
    assert rafdb["diff"] > 0 and rafdb["p_value"] < 0.01 and rafdb["holds"]
    assert pairs["GER_DFEW", "UAR"]["test"] == "paired-bootstrap"
    published = next(t for t in data["tables"] if t["task"] == "GER_FER")["published"]
    assert {p["model"] for p in published if p["dataset"] == "GER_RAFDB"} >= {"GPT-4o-mini", "Face-LLaVA"}
    artifacts = os.environ.get("GER_TEST_ARTIFACTS")
    if artifacts and artifacts not in ("1", "true", "yes"):
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        (Path(artifacts) / "repeats_from_host.json").write_text(out.read_text())


def test_the_page_marks_which_differences_hold_and_lists_published_rows(work_dir, browser, tmp_path):
    page = tmp_path / "board.html"
    assert main(["leaderboard", "--work-dir", str(work_dir), "--out", str(page)]) == 0
    dom = dump_dom(browser, tmp_path, page.as_uri())
    tables = parse(dom)
    assert "GPT4o vs GER_Random" in tables.tables["table-pairs"]["rows"]
    assert 'data-holds="1"' in dom and "✓ holds" in dom
    assert "Face-LLaVA" in tables.tables["table-published-3"]["rows"]
    assert "3 runs" in dom
    shot = tmp_path / "board.png"
    done = _chromium(browser, tmp_path, "--window-size=1400,2400", f"--screenshot={shot}", page.as_uri())
    assert done.returncode == 0 and shot.stat().st_size > 10_000
    artifacts = os.environ.get("GER_TEST_ARTIFACTS")
    if artifacts and artifacts not in ("1", "true", "yes"):
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        (Path(artifacts) / "repeats_from_host.html").write_bytes(page.read_bytes())
        (Path(artifacts) / "repeats_from_host.png").write_bytes(shot.read_bytes())
