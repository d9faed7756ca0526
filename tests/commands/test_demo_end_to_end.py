"""`ger demo` as a user runs it: synthetic sample -> the real host CLI -> scores, offline."""

import json
import os
import subprocess

import pytest
from conftest import needs_host

pytestmark = [pytest.mark.slow, needs_host]


def test_ger_demo_runs_the_host_with_both_baselines_and_prints_their_scores(host_python, tmp_path):
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and k != "GER_VLMEVAL_PLUGIN"}
    env.update(HF_HUB_OFFLINE="1", HF_DATASETS_CACHE=str(tmp_path / "hf"), PYTHONWARNINGS="ignore")
    proc = subprocess.run(
        [str(host_python), "-m", "ger_plugin", "demo", "--out-dir", str(tmp_path / "demo")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "SYNTHETIC" in proc.stdout
    table = [line.split() for line in proc.stdout.splitlines() if line.startswith("GER_")]
    assert {(row[0], row[1]) for row in table} == {
        (model, data)
        for model in ("GER_Majority", "GER_Random")
        for data in ("GER_MER2023", "GER_RAFDB", "GER_RAVDESS")
    }
    # The majority baseline's score is known exactly: one class of K balanced classes.
    metrics = json.loads((tmp_path / "demo/outputs/GER_Majority/GER_Majority_GER_RAFDB_ger_metrics.json").read_text())
    assert metrics["ger"]["n_total"] == 14 and abs(metrics["ger"]["metrics"]["acc"] - 100 / 7) < 1e-9
    assert metrics["ger"]["n_failed"] == 0 and metrics["ger"]["n_invalid"] == 0
    # A second run starts from scratch instead of silently reusing the first run's predictions.
    rerun = subprocess.run(
        [
            str(host_python),
            "-m",
            "ger_plugin",
            "demo",
            "--out-dir",
            str(tmp_path / "demo"),
            "--data",
            "GER_RAFDB",
            "--model",
            "GER_Majority",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert not (tmp_path / "demo/outputs/GER_Random").exists()
