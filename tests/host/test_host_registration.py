"""The VLMEvalKit integration, tested through the real host in subprocesses (no mocks).

The host runs in a throwaway venv laid out like ``pip install -e .`` leaves it: a path line
for this checkout, the host's site-packages, and our ``ger_plugin_vlmeval.pth``. Models are
the host's own ``GPT4o`` (and ``--base-url``) talking to tests/openai_server.py on 127.0.0.1.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from ger_fixtures import SPEC, expected_acc, write_release
from openai_server import FakeOpenAI

from ger_plugin import catalog
from ger_plugin.host import evaluation, media, redact

ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-gerTEST-0123456789abcdef"
FAIL = evaluation.FAIL_MSG
from conftest import make_host_venv, needs_host  # noqa: E402

# ---------------------------------------------------------------------------------------
# fixtures
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def ger_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("ger_home")
    for name in SPEC:
        write_release(home, name)
    return home


def _env(tmp: Path, ger_home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and k != "GER_VLMEVAL_PLUGIN"}
    (tmp / "lmu").mkdir(exist_ok=True)  # the host silently falls back to ~/LMUData when it is missing
    env.update(
        LMUData=str(tmp / "lmu"),
        GER_HOME=str(ger_home),
        HF_DATASETS_CACHE=str(tmp / "hf"),
        HF_HUB_OFFLINE="1",
        OPENAI_API_KEY=KEY,
        PYTHONWARNINGS="ignore",
        **extra,
    )
    return env


def _host(py: Path, args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [str(py), "-m", "vlmeval", *args, "--work-dir", str(cwd / "out")],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc


def _metrics(cwd: Path, model: str, name: str) -> dict:
    return json.loads((cwd / "out" / model / f"{model}_{name}_ger_metrics.json").read_text())


def _no_key_anywhere(proc: subprocess.CompletedProcess, *roots: Path) -> None:
    assert KEY not in proc.stdout and KEY not in proc.stderr
    for root in roots:
        for f in root.rglob("*"):
            if f.is_file():
                assert KEY.encode() not in f.read_bytes(), f"API key written to {f}"


# ---------------------------------------------------------------------------------------
# cheap tests (no host import)
# ---------------------------------------------------------------------------------------


def test_import_ger_plugin_does_not_import_the_host() -> None:
    code = (
        "import sys, ger_plugin, ger_plugin.core.prompts, ger_plugin.host, ger_plugin.host.hook, "
        "ger_plugin.host.evaluation, ger_plugin.host.media; "
        "bad = sorted({m.split('.')[0] for m in sys.modules} & {'vlmeval', 'torch', 'datasets'}); "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_hook_never_breaks_python(tmp_path: Path) -> None:
    # the .pth present but the package gone (uninstalled half-way): Python starts and says why
    py = make_host_venv(tmp_path / "v", with_project=False)
    proc = subprocess.run(
        [str(py), "-c", "print('alive')"],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert proc.returncode == 0 and proc.stdout.strip() == "alive"
    assert "hook disabled" in proc.stderr


def test_hook_install_is_idempotent_and_has_a_kill_switch(tmp_path: Path) -> None:
    py = make_host_venv(tmp_path / "v")
    code = (
        "import sys; import ger_plugin.host.hook as h; h.install(); h.install(); "
        "print(sum(type(f).__name__ == '_Finder' for f in sys.meta_path))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GER_VLMEVAL_PLUGIN")}
    on = subprocess.run([str(py), "-c", code], capture_output=True, text=True, env=env, check=True)
    off = subprocess.run(
        [str(py), "-c", code], capture_output=True, text=True, check=True, env={**env, "GER_VLMEVAL_PLUGIN": "0"}
    )
    assert (on.stdout.strip(), off.stdout.strip()) == ("1", "0")


def test_redact_masks_keys_tokens_and_secret_env_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_SERVICE_API_KEY", "plainsecretvalue42")
    text = f"API Key: {KEY}; Authorization: Bearer abc.def-123456; other plainsecretvalue42; hf_abcdefghijklmnop"
    clean = redact.redact(text)
    for secret in (KEY, "abc.def-123456", "plainsecretvalue42", "hf_abcdefghijklmnop"):
        assert secret not in clean
    assert clean.startswith("API Key: ***") and "Bearer ***" in clean
    assert redact.redact("nothing secret: happy, sad") == "nothing secret: happy, sad"


def test_redaction_applies_to_records_of_any_logger(caplog: pytest.LogCaptureFixture) -> None:
    previous = logging.getLogRecordFactory()
    redact._installed = False
    try:
        redact.install()
        redact.install()  # idempotent
        with caplog.at_level(logging.INFO, logger="vlmeval.api.gpt"):
            logging.getLogger("vlmeval.api.gpt").info("Using API Base: %s; API Key: %s", "http://x", KEY)
        assert KEY not in caplog.text and "API Key: ***" in caplog.text
    finally:
        logging.setLogRecordFactory(previous)
        redact._installed = False


def test_pick_frames_is_uniform_and_ordered() -> None:
    stored = [f"f{i:02d}" for i in range(16)]
    assert media.pick_frames(stored, 1) == ["f08"]
    assert media.pick_frames(stored, 3) == ["f02", "f08", "f13"]
    assert media.pick_frames(stored, 4) == ["f02", "f06", "f10", "f14"]
    assert media.pick_frames(stored, 16) == stored
    assert media.pick_frames(stored, 32) == stored
    for n in range(1, 17):
        picked = media.pick_frames(stored, n)
        assert len(picked) == n and picked == sorted(picked) and len(set(picked)) == n


def test_fixture_scores_differ_per_input_kind() -> None:
    # the fixture design (tests/ger_fixtures.py): what the server must earn per variant
    assert expected_acc("GER_RAFDB") == 70.0
    assert expected_acc("GER_DFEW") == pytest.approx(200 / 3)
    assert expected_acc("GER_SAMM") == 80.0
    mer = (
        expected_acc("GER_MER2023"),
        expected_acc("GER_MER2023", text=False),
        expected_acc("GER_MER2023", frames=False),
    )
    assert mer == pytest.approx((50.0, 200 / 3, 100 / 3))  # frames+text, frames only, text only


def test_split_batch_reads_one_record_per_input() -> None:
    text = "{'name': 'a1', 'result': 'happy, sad'}\n{'name': 'b2', 'result': 'angry'}\nnoise"
    parts = evaluation.split_batch(text, ["a1", "b2", "c3"])
    assert set(parts) == {"a1", "b2"}
    assert "happy" in parts["a1"] and "angry" in parts["b2"]


# ---------------------------------------------------------------------------------------
# the host: registration
# ---------------------------------------------------------------------------------------

REGISTER_CHECK = """
import sys, vlmeval.dataset as vd
from vlmeval.dataset import DATASET_MODALITY, DATASET_TYPE, build_dataset
assert 'GER_RAFDB' not in vd.SUPPORTED_DATASETS          # kill switch: the hook did nothing
import vlmeval.config as config
from ger_plugin.host import register_models
assert 'GER_Random' not in config.supported_VLM
assert register_models() == ['GER_Random', 'GER_Majority', 'GER_OpenAI'] and register_models() == []
assert {'GER_Random', 'GER_Majority'} <= set(config.supported_VLM)
from ger_plugin.host import register
first = register(); n, k = len(vd.SUPPORTED_DATASETS), len(vd.DATASET_CLASSES)
again = register()
assert again == [] and (len(vd.SUPPORTED_DATASETS), len(vd.DATASET_CLASSES)) == (n, k), again
assert {'GER_RAFDB', 'GER_DFEW_8frame', 'GER_MER2023_Text', 'GER_RAFDB_Batch'} <= set(first)
assert (DATASET_TYPE('GER_RAFDB'), DATASET_MODALITY('GER_DFEW')) == ('GER', 'VIDEO')
assert hasattr(vd, 'GERVideoDataset') and 'GER_DFEW_4frame' in vd.supported_video_datasets
from vlmeval.tools import SUPPORTED_DATASETS
assert 'GER_DFEW_16frame' in SUPPORTED_DATASETS           # the list other modules imported by name
ds = build_dataset('GER_DFEW_4frame', data=['x'], model='m', mode='all', verbose=False)  # unfiltered CLI kwargs
assert ds.nframe == 4 and len(ds) == 6, (ds.nframe, len(ds))
msg = ds.build_prompt(0)
assert [m['type'] for m in msg] == ['image'] * 4 + ['text'], msg
from ger_plugin import catalog
assert build_dataset('GER_DFEW').nframe == catalog.get('GER_DFEW').default_frames
assert build_dataset('GER_DFEW_5frame_Batch').nframe == 5 and len(build_dataset('GER_DFEW_Batch')) == 1
img = build_dataset('GER_RAFDB', model='m')
assert len(img) == 10 and img.build_prompt(0)[0]['type'] == 'image'
print('ok')
"""


@needs_host
@pytest.mark.vlmeval
def test_register_twice_is_harmless_and_host_lookups_work(host_python: Path, ger_home: Path, tmp_path: Path) -> None:
    env = _env(tmp_path, ger_home, GER_VLMEVAL_PLUGIN="0")
    proc = subprocess.run(
        [str(host_python), "-c", REGISTER_CHECK], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240
    )
    assert proc.returncode == 0 and proc.stdout.strip().endswith("ok"), proc.stderr[-3000:]


# ---------------------------------------------------------------------------------------
# the host: end to end
# ---------------------------------------------------------------------------------------


def _frames(name: str) -> int:
    return catalog.get(name).default_frames


PER_SAMPLE = {  # run name -> (SPEC key, sees frames, sees text, images per request)
    "GER_RAFDB": ("GER_RAFDB", True, False, 1),
    "GER_SAMM": ("GER_SAMM", True, False, 1),
    "GER_DFEW": ("GER_DFEW", True, False, _frames("GER_DFEW")),
    "GER_DFEW_8frame": ("GER_DFEW", True, False, 8),
    "GER_MER2023": ("GER_MER2023", True, True, _frames("GER_MER2023")),
    "GER_MER2023_Video": ("GER_MER2023", True, False, _frames("GER_MER2023_Video")),
    "GER_MER2023_Text": ("GER_MER2023", False, True, 0),
}


@needs_host
@pytest.mark.vlmeval
@pytest.mark.slow
def test_end_to_end_gpt4o_against_loopback_server(host_python: Path, ger_home: Path, tmp_path: Path) -> None:
    with FakeOpenAI() as server:
        env = _env(tmp_path, ger_home, OPENAI_API_BASE=server.url)
        proc = _host(
            host_python, ["--data", *PER_SAMPLE, "--model", "GPT4o", "GER_Majority", "--retry", "2"], env, tmp_path
        )
    for name, (spec, frames, text, _n_images) in PER_SAMPLE.items():
        result = _metrics(tmp_path, "GPT4o", name)
        assert (result["dataset"], result["batch"]) == (name, 0)
        assert result["base_dataset"] == re.sub(r"_\d+frame$", "", name)
        assert result["ger"]["metrics"]["acc"] == pytest.approx(expected_acc(spec, frames, text)), name
        assert result["ger"]["n_total"] == len(SPEC[spec]) and result["ger"]["n_failed"] == 0
        samples = pd.read_csv(tmp_path / "out" / "GPT4o" / f"GPT4o_{name}_ger_samples.csv", dtype=str)
        assert sorted(samples["id"]) == sorted(r[0] for r in SPEC[spec])
    assert _metrics(tmp_path, "GPT4o", "GER_DFEW_8frame")["frames"] == 8
    assert _metrics(tmp_path, "GPT4o", "GER_RAFDB")["ger"]["n_invalid"] == 1  # the 'contempt' image
    sizes = sorted(r["n_images"] for r in server.requests)
    expected_sizes = sorted(n for name, (spec, _, _, n) in PER_SAMPLE.items() for _ in SPEC[spec])
    assert sizes == expected_sizes  # one request per sample, with the right number of frames
    assert all(r["auth"] == f"Bearer {KEY}" for r in server.requests)
    # the hook also registered the chance baselines as host models (no request to the server)
    for name, (spec, *_rest) in PER_SAMPLE.items():
        entry = catalog.parse_host_name(name).entry
        majority = max(entry.labels, key=lambda lab: entry.class_counts.get(lab, 0))
        hits = 100.0 * sum(gold == majority for _, gold, _, _ in SPEC[spec]) / len(SPEC[spec])
        assert _metrics(tmp_path, "GER_Majority", name)["ger"]["metrics"]["acc"] == pytest.approx(hits), name
    _no_key_anywhere(proc, tmp_path / "out", tmp_path / "lmu")
    log = "".join(p.read_text() for p in (tmp_path / "out").rglob("*.log"))
    assert "API Key: ***" in log + proc.stdout


BATCH = ["GER_RAFDB_Batch", "GER_DFEW_Batch", "GER_MER2023_Batch"]


@needs_host
@pytest.mark.vlmeval
@pytest.mark.slow
def test_end_to_end_batch_mode_through_base_url(host_python: Path, ger_home: Path, tmp_path: Path) -> None:
    with FakeOpenAI() as server:
        env = _env(tmp_path, ger_home)
        env.pop("OPENAI_API_KEY")
        proc = _host(
            host_python,
            ["--data", *BATCH, "--model", "fake-vlm", "--base-url", server.base, "--key", KEY, "--retry", "2"],
            env,
            tmp_path,
        )
    for name in BATCH:
        spec = name.removesuffix("_Batch")
        result = _metrics(tmp_path, "fake-vlm", name)
        assert result["batch"] > 0 and result["model"] == "fake-vlm"
        assert result["ger"]["metrics"]["acc"] == pytest.approx(expected_acc(spec)), name
        assert result["ger"]["n_total"] == len(SPEC[spec])
    # every fixture fits in one paper-sized request (20 images, 8 clips, 6 clips with text)
    assert sorted(r["n_images"] for r in server.requests) == sorted(
        [10, 6 * _frames("GER_DFEW"), 6 * _frames("GER_MER2023")]
    )
    assert all(r["path"] == "/v1/chat/completions" for r in server.requests)
    _no_key_anywhere(proc, tmp_path / "out", tmp_path / "lmu")


@needs_host
@pytest.mark.vlmeval
@pytest.mark.slow
def test_failed_calls_are_counted_and_a_rerun_fills_them_in(host_python: Path, ger_home: Path, tmp_path: Path) -> None:
    data = ["GER_RAFDB", "GER_DFEW"]
    with FakeOpenAI(fail_rate=0.4, seed=3, fail_status=429) as flaky:
        env = _env(tmp_path, ger_home, OPENAI_API_BASE=flaky.url)
        _host(host_python, ["--data", *data, "--model", "GPT4o", "--retry", "1"], env, tmp_path)
    failed = {}
    for name in data:
        pred = pd.read_excel(tmp_path / "out" / "GPT4o" / f"GPT4o_{name}.xlsx")
        failed[name] = int(pred["prediction"].astype(str).str.contains(FAIL, regex=False).sum())
        ger = _metrics(tmp_path, "GPT4o", name)["ger"]
        assert ger["n_failed"] == failed[name] and ger["n_total"] == len(SPEC[name])
    assert sum(failed.values()) > 0, "the seed should make some calls fail"
    assert sum(r["status"] == 429 for r in flaky.requests) == sum(failed.values())  # one try each (--retry 1)
    frame = next((tmp_path / "lmu" / "images" / "GER_DFEW").rglob("frame_00.png"))
    written = frame.stat().st_mtime_ns

    with FakeOpenAI() as healthy:
        env["OPENAI_API_BASE"] = healthy.url
        _host(host_python, ["--data", *data, "--model", "GPT4o", "--retry", "2"], env, tmp_path)
    assert len(healthy.requests) == sum(failed.values())  # only the failed samples are asked again
    assert frame.stat().st_mtime_ns == written  # media were written once and reused
    for name in data:
        pred = pd.read_excel(tmp_path / "out" / "GPT4o" / f"GPT4o_{name}.xlsx")
        assert len(pred) == len(SPEC[name]) and pred["index"].is_unique
        assert not pred["prediction"].astype(str).str.contains(FAIL, regex=False).any()
        result = _metrics(tmp_path, "GPT4o", name)
        assert result["ger"]["n_failed"] == 0
        assert result["ger"]["metrics"]["acc"] == pytest.approx(expected_acc(name))
        samples = pd.read_csv(tmp_path / "out" / "GPT4o" / f"GPT4o_{name}_ger_samples.csv", dtype=str)
        assert sorted(samples["id"]) == sorted(r[0] for r in SPEC[name])  # none lost, none doubled


@needs_host
@pytest.mark.vlmeval
@pytest.mark.slow
def test_api_mode_and_config_routes(host_python: Path, ger_home: Path, tmp_path: Path) -> None:
    # --api-mode pickles datasets into worker processes; --config looks classes up on vlmeval.dataset
    config = {
        "model": {"cfg-gpt": {"class": "GPT4V", "model": "gpt-4o", "retry": 2}},
        "data": {
            "GER_RAFDB": {"class": "GERImageDataset", "dataset": "GER_RAFDB"},
            "GER_DFEW_cfg": {"class": "GERVideoDataset", "dataset": "GER_DFEW", "nframe": 4},
        },
    }
    (tmp_path / "config.json").write_text(json.dumps(config))
    with FakeOpenAI() as server:
        env = _env(tmp_path, ger_home, OPENAI_API_BASE=server.url)
        _host(host_python, ["--data", "GER_RAFDB", "GER_DFEW_4frame", "--model", "GPT4o", "--api-mode"], env, tmp_path)
        for name, spec in (("GER_RAFDB", "GER_RAFDB"), ("GER_DFEW_4frame", "GER_DFEW")):
            assert _metrics(tmp_path, "GPT4o", name)["ger"]["metrics"]["acc"] == pytest.approx(expected_acc(spec))
        n_api_mode = len(server.requests)
        _host(host_python, ["--config", str(tmp_path / "config.json")], env, tmp_path)
    for name, spec in (("GER_RAFDB", "GER_RAFDB"), ("GER_DFEW_cfg", "GER_DFEW")):
        assert _metrics(tmp_path, "cfg-gpt", name)["ger"]["metrics"]["acc"] == pytest.approx(expected_acc(spec))
    cfg = _metrics(tmp_path, "cfg-gpt", "GER_DFEW_cfg")
    assert (cfg["model"], cfg["dataset"], cfg["base_dataset"], cfg["frames"]) == (
        "cfg-gpt",
        "GER_DFEW_cfg",
        "GER_DFEW",
        4,
    )
    assert _metrics(tmp_path, "GPT4o", "GER_DFEW_4frame")["model"] == "GPT4o"
    assert sorted(r["n_images"] for r in server.requests[n_api_mode:])[-1] == 4
