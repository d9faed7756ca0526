"""Corruption and prompt variants run through the real host (loopback server + chance baselines) and reach
the leaderboard as drop and flip rate; the corrupted media on disk are exactly the seeded transforms."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import needs_host
from ger_fixtures import SPEC, _png, write_release
from openai_server import FakeOpenAI
from release_fixtures._images import make_image

from ger_plugin.data.corruptions import Corruption, corrupt
from ger_plugin.report import leaderboard

pytestmark = [pytest.mark.slow, pytest.mark.vlmeval, needs_host]
DATA = ["GER_RAFDB", "GER_RAFDB_Noise3", "GER_RAFDB_LowRes3", "GER_RAFDB_P2"]
MODELS = ["GPT4o", "GER_Majority", "GER_Random"]


@pytest.fixture(scope="module")
def run(host_python: Path, tmp_path_factory) -> Path:
    pytest.importorskip("torchvision")
    root = tmp_path_factory.mktemp("robust")
    home = root / "ger_home"
    write_release(home, "GER_RAFDB")
    (root / "lmu").mkdir()
    with FakeOpenAI() as server:
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and k != "GER_VLMEVAL_PLUGIN"}
        env.update(
            LMUData=str(root / "lmu"),
            GER_HOME=str(home),
            HF_DATASETS_CACHE=str(root / "hf"),
            HF_HUB_OFFLINE="1",
            OPENAI_API_KEY="sk-robust-test",
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
            check=False,
            env=env,
            cwd=root,
            capture_output=True,
            text=True,
            timeout=400,
        )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return root


def test_corrupted_media_on_disk_are_the_seeded_transforms(run):
    images = run / "lmu" / "images"
    for sid, _, colour, _ in SPEC["GER_RAFDB"]:
        raw = _png(make_image(colour, sid))
        clean = (images / "GER_RAFDB" / f"{sid}.png").read_bytes()
        for name, c in (("GER_RAFDB_Noise3", Corruption("Noise", 3)), ("GER_RAFDB_LowRes3", Corruption("LowRes", 3))):
            written = (images / name / f"{sid}.png").read_bytes()
            assert written != clean, (name, sid)
            assert written == corrupt(raw, c, dataset="GER_RAFDB", sample_id=sid), (name, sid)


def test_prompt_variant_is_the_question_the_host_asked(run):
    import pandas as pd

    from ger_plugin import catalog
    from ger_plugin.core.prompts import render_sample

    entry = catalog.get("GER_RAFDB")
    asked = {
        name: set(pd.read_excel(next((run / "out" / "GPT4o").rglob(f"GPT4o_{name}.xlsx")))["question"])
        for name in ("GER_RAFDB", "GER_RAFDB_P2")
    }
    assert asked["GER_RAFDB"] == {render_sample(entry)}
    assert asked["GER_RAFDB_P2"] == {render_sample(entry, variant="P2")} != asked["GER_RAFDB"]


def test_leaderboard_shows_drop_and_flip_rate_for_every_variant(run):
    board = leaderboard.from_work_dir(run / "out")
    rows = {(r.model, r.variant): r for r in board.robustness}
    assert set(rows) == {(m, v) for m in MODELS for v in ("Noise3", "LowRes3", "P2")}
    for (model, _variant), r in rows.items():
        assert r.clean is not None and r.score is not None and r.n_compared == len(SPEC["GER_RAFDB"])
        assert r.drop == pytest.approx(r.clean - r.score)
        assert 0.0 <= r.flip_rate <= 100.0
        if model == "GER_Majority":  # never looks at pixels or wording: nothing can flip
            assert (r.drop, r.flip_rate) == (0.0, 0.0)
    # GER_Random draws anew per dataset name: its answers flip on every variant
    assert all(rows[("GER_Random", v)].flip_rate > 0 for v in ("Noise3", "LowRes3", "P2"))
    written = json.loads((run / "out" / "GPT4o" / "GPT4o_GER_RAFDB_Noise3_ger_metrics.json").read_text())
    assert (written["corruption"], written["prompt_variant"]) == ("Noise3", "")
    assert written["open_vocabulary"]["protocol"] == "open_vocabulary"
    print({k: (r.clean, r.score, r.drop, r.flip_rate) for k, r in rows.items()})  # measured figures (pytest -s)
