"""The leaderboard built from real host output: two API "models" on the loopback server plus the
chance baselines, run through `python -m vlmeval`, rendered in every format and in a browser."""

from __future__ import annotations

import csv
import io
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
DATA = ["GER_RAFDB", "GER_DFEW", "GER_MER2023"]
MODELS = ["GPT4o", "GPT4o_MINI", "GER_Random", "GER_Majority"]


@pytest.fixture(scope="module")
def work_dir(host_python: Path, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("board")
    home = root / "ger_home"
    for name in DATA:
        write_release(home, name)
    (root / "lmu").mkdir()
    with FakeOpenAI() as server:
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and k != "GER_VLMEVAL_PLUGIN"}
        env.update(
            LMUData=str(root / "lmu"),
            GER_HOME=str(home),
            HF_DATASETS_CACHE=str(root / "hf"),
            HF_HUB_OFFLINE="1",
            OPENAI_API_KEY="sk-board-test",
            OPENAI_API_BASE=server.url,
            PYTHONWARNINGS="ignore",
        )
        proc = subprocess.run(
            [
                str(host_python),
                "-m",
                "vlmeval",
                "--data",
                *DATA,
                "--model",
                *MODELS,
                "--retry",
                "2",
                "--work-dir",
                str(root / "out"),
            ],
            env=env,
            cwd=root,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return root / "out"


def _written(work_dir: Path, model: str, name: str) -> dict:
    return json.loads((work_dir / model / f"{model}_{name}_ger_metrics.json").read_text())


def test_every_format_shows_every_model_with_the_scores_the_host_run_wrote(work_dir, tmp_path, capsys):
    for fmt in ("md", "csv", "json", "html"):
        out = tmp_path / f"board.{fmt}"
        assert main(["leaderboard", "--work-dir", str(work_dir), "--out", str(out)]) == 0
        text = out.read_text(encoding="utf-8")
        for model in MODELS:
            assert model in text, (fmt, model)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "board.csv").read_text())))
    for model in MODELS:
        for name in DATA:
            entry_metric = DATASETS[name].primary_metric
            expected = _written(work_dir, model, name)["ger"]["metrics"][entry_metric]
            cells = [
                r
                for r in rows
                if r.get("row") == model and r.get("dataset") == name and r.get("metric") == entry_metric
            ]
            assert len(cells) == 1, (model, name, rows[:2])
            assert float(cells[0]["value"]) == pytest.approx(expected, abs=0.005)


def test_html_from_host_output_renders_in_a_browser(work_dir, browser, tmp_path):
    page = tmp_path / "board.html"
    assert main(["leaderboard", "--work-dir", str(work_dir), "--out", str(page)]) == 0
    tables = parse(dump_dom(browser, tmp_path, page.as_uri()))
    summary = tables.tables["table-summary"]["rows"]
    assert set(MODELS) <= set(summary) and tables.svgs > 0
    shot = tmp_path / "board.png"
    done = _chromium(browser, tmp_path, "--window-size=1400,2000", f"--screenshot={shot}", page.as_uri())
    assert done.returncode == 0 and shot.stat().st_size > 10_000
    artifacts = os.environ.get("GER_TEST_ARTIFACTS")
    if artifacts:
        target = (
            Path(artifacts) if artifacts not in ("1", "true", "yes") else Path(__file__).parents[2] / "test-artifacts"
        )
        target.mkdir(parents=True, exist_ok=True)
        (target / "leaderboard_from_host.png").write_bytes(shot.read_bytes())
        (target / "leaderboard_from_host.html").write_bytes(page.read_bytes())
