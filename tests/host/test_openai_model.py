"""``GER_OpenAI`` through the official ``openai`` client against the loopback server (127.0.0.1).

In-process tests drive the model class directly (what it sends, retries, usage, the key);
the host tests run ``python -m vlmeval --model GER_OpenAI`` and the Batch API path
(``ger batch submit/status/collect``) on the same fixtures and compare the two runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import wave
from pathlib import Path

import pandas as pd
import pytest
from conftest import needs_host
from ger_fixtures import SPEC, expected_acc, write_release
from openai_server import FakeOpenAI

from ger_plugin.core import result_files

KEY = "sk-gerTEST-openai-0123456789abcdef"
FAIL = "Failed to obtain answer via API."


def _wav(path: Path, seconds: float = 0.1) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\x01\x00" * int(16000 * seconds))
    return path


def _frames(tmp: Path, n: int) -> list[Path]:
    from release_fixtures._videos import frame_image

    paths = []
    for i in range(n):
        p = tmp / f"frame_{i:02d}.png"
        frame_image("happy", i * 4).save(p)
        paths.append(p)
    return paths


def _no_key_anywhere(*roots: Path, texts: tuple[str, ...] = ()) -> None:
    assert all(KEY not in t for t in texts)
    for root in roots:
        for f in root.rglob("*"):
            if f.is_file():
                assert KEY.encode() not in f.read_bytes(), f"API key written to {f}"


@pytest.fixture
def model_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    pytest.importorskip("vlmeval")

    def make(server: FakeOpenAI, **env: str):  # type: ignore[no-untyped-def]
        monkeypatch.setenv("OPENAI_BASE_URL", server.base)
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("GER_OPENAI_MODEL", "fake-4o")
        monkeypatch.setenv("GER_OPENAI_USAGE_DIR", str(tmp_path / "usage"))
        for k, v in env.items():
            monkeypatch.setenv(k, v)
        from ger_plugin.host.openai_model import GEROpenAI

        return GEROpenAI(max_retries=2, timeout=5.0)

    return make


# ---------------------------------------------------------------------------------------
# in process: what one call sends
# ---------------------------------------------------------------------------------------


def test_frames_and_audio_go_as_image_url_and_input_audio(model_env, tmp_path: Path) -> None:
    frames = _frames(tmp_path, 3)
    audio = _wav(tmp_path / "clip.wav")
    message = [
        *(dict(type="image", value=str(p)) for p in frames),
        dict(type="audio", value=str(audio)),
        dict(type="text", value="You are given 3 frames sampled from a video. Which emotion?"),
    ]
    with FakeOpenAI() as server:
        model = model_env(server)
        answer = model.generate(message, dataset="GER_RAVDESS")
    (req,) = server.requests
    assert (req["n_images"], req["n_audio"], req["n_video"], req["status"]) == (3, 1, 0, 200)
    assert req["auth"] == f"Bearer {KEY}" and answer.startswith("Label: happy")
    usage = result_files.read_usage(tmp_path / "usage" / "GER_OpenAI_GER_RAVDESS_usage.jsonl")
    assert usage is not None and (usage.calls, usage.samples) == (1, 1) and usage.prompt_tokens > 3 * 85
    assert usage.batch_prompt_tokens == 0 and usage.models == ["fake-4o"]
    _no_key_anywhere(tmp_path)


def test_clip_goes_as_video_url_only_where_the_endpoint_takes_video(model_env, tmp_path: Path) -> None:
    from ger_plugin.errors import GerError

    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)  # the server checks the data URL only
    message = [dict(type="video", value=str(clip)), dict(type="text", value="Which emotion?")]
    with FakeOpenAI() as server:
        model = model_env(server, GER_OPENAI_VIDEO="1")
        assert model.VIDEO_LLM is True
        model.generate(message, dataset="GER_DFEW")
        assert [(r["n_video"], r["n_images"]) for r in server.requests] == [(1, 0)]
        still = model_env(server, GER_OPENAI_VIDEO="0")
        assert still.VIDEO_LLM is False
        with pytest.raises(GerError, match="GER_OPENAI_VIDEO"):
            still.generate(message, dataset="GER_DFEW")


def test_rate_limits_are_retried_after_retry_after_and_the_loop_is_bounded(model_env, tmp_path: Path) -> None:
    image = _frames(tmp_path, 1)[0]
    message = [dict(type="image", value=str(image)), dict(type="text", value="Which emotion?")]
    with FakeOpenAI(fault_rate=1.0, faults=["429"]) as server:  # every attempt is a 429
        model = model_env(server)
        assert model.generate(message, dataset="GER_RAFDB") == FAIL
    # retry (3) rounds x (1 + max_retries 2) client attempts, then it gives up
    assert len(server.requests) == 3 * 3 and {r["status"] for r in server.requests} == {429}
    waits: list[float] = []
    for seed in range(12):  # seeds until one draws a 429 with Retry-After 1 (bounded)
        with FakeOpenAI(fault_rate=0.6, faults=["429"], seed=seed) as server:
            answer = model_env(server).generate(message, dataset="GER_RAFDB")
        reqs = server.requests
        assert answer.startswith("Label:") and reqs[-1]["status"] == 200
        # the server's Retry-After (0 or 1 s, drawn per attempt) is waited for before the next attempt
        waits = [
            nxt["t"] - prev["t_end"]
            for prev, nxt in zip(reqs, reqs[1:])
            if prev["status"] == 429 and prev["retry_after"] == 1
        ]
        if waits:
            break
    assert waits and min(waits) >= 0.9, (seed, waits, [(r["status"], r.get("retry_after")) for r in reqs])


def test_empty_answers_are_asked_again_and_broken_requests_are_not(model_env, tmp_path: Path) -> None:
    image = _frames(tmp_path, 1)[0]
    message = [dict(type="image", value=str(image)), dict(type="text", value="Which emotion?")]
    with FakeOpenAI(fault_rate=1.0, faults=["empty"]) as server:
        assert model_env(server).generate(message, dataset="GER_RAFDB") == FAIL
    assert len(server.requests) == 3  # the bounded loop: retry=3 rounds, 200s are not retried by the client
    bad = tmp_path / "clip.ogg"
    bad.write_bytes(b"OggS")
    with FakeOpenAI() as server, pytest.raises(Exception, match=r"\.wav or \.mp3"):
        model_env(server).generate([dict(type="audio", value=str(bad)), dict(type="text", value="x")])


# ---------------------------------------------------------------------------------------
# the host: live run and Batch API run on the same fixtures
# ---------------------------------------------------------------------------------------

DATA = ["GER_RAFDB", "GER_DFEW", "GER_MER2023"]


@pytest.fixture(scope="module")
def ger_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("ger_home")
    for name in DATA:
        write_release(home, name)
    return home


def _env(tmp: Path, ger_home: Path, server: FakeOpenAI) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and k != "GER_VLMEVAL_PLUGIN"}
    (tmp / "lmu").mkdir(exist_ok=True)
    env.update(
        LMUData=str(tmp / "lmu"),
        GER_HOME=str(ger_home),
        HF_DATASETS_CACHE=str(tmp / "hf"),
        HF_HUB_OFFLINE="1",
        OPENAI_API_KEY=KEY,
        OPENAI_BASE_URL=server.base,
        GER_OPENAI_MODEL="fake-4o",
        PYTHONWARNINGS="ignore",
    )
    env.pop("GER_OPENAI_USAGE_DIR", None)
    return env


def _run(py: Path, args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(py), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc


def _metrics(work: Path, name: str) -> dict:
    return json.loads((work / "GER_OpenAI" / f"GER_OpenAI_{name}_ger_metrics.json").read_text())


def _parsed(work: Path, name: str) -> dict[str, str]:
    table = pd.read_csv(work / "GER_OpenAI" / f"GER_OpenAI_{name}_ger_samples.csv", dtype=str).fillna("")
    return dict(zip(table["id"], table["parsed_label"]))


@needs_host
@pytest.mark.vlmeval
@pytest.mark.slow
def test_a_batch_run_is_scored_like_a_live_run(host_python: Path, ger_home: Path, tmp_path: Path) -> None:
    live, batch = tmp_path / "live", tmp_path / "batch"
    with FakeOpenAI() as server:
        env = _env(tmp_path, ger_home, server)
        proc = _run(
            host_python,
            ["-m", "vlmeval", "--data", *DATA, "--model", "GER_OpenAI", "--api-nproc", "4", "--work-dir", str(live)],
            env,
            tmp_path,
        )
    live_requests = server.requests
    assert all(r["path"] == "/v1/chat/completions" and r["auth"] == f"Bearer {KEY}" for r in live_requests)

    ger = [str(host_python), "-m", "ger_plugin", "batch"]
    with FakeOpenAI(batch_fail_rate=0.3, seed=1) as server:
        env = _env(tmp_path, ger_home, server)
        sub = _run(
            host_python,
            ger[1:] + ["submit", "--data", *DATA, "--model", "GER_OpenAI", "--work-dir", str(batch)],
            env,
            tmp_path,
        )
        first = _run(host_python, ger[1:] + ["collect", "--work-dir", str(batch)], env, tmp_path)
        assert "still running" in first.stdout  # the server answers "in_progress" on the first look
        status = _run(host_python, ger[1:] + ["status", "--work-dir", str(batch)], env, tmp_path)
        first = _run(host_python, ger[1:] + ["collect", "--work-dir", str(batch)], env, tmp_path)
        failed = [r["custom_id"] for r in server.batch_requests if r["status"] == 500]
        assert failed and f"{len(failed)} requests failed or expired" in first.stdout
        assert all(cid in first.stdout for cid in failed)
        with_failures = _metrics(batch, "GER_RAFDB")["ger"]
        retry = _run(host_python, ger[1:] + ["submit", "--retry-failed", "--work-dir", str(batch)], env, tmp_path)
        _run(host_python, ger[1:] + ["status", "--work-dir", str(batch)], env, tmp_path)
        final = _run(host_python, ger[1:] + ["collect", "--work-dir", str(batch)], env, tmp_path)
    assert "completed" in status.stdout and "submitted batch" in sub.stdout and "submitted batch" in retry.stdout
    assert "failed or expired" not in final.stdout
    resent = [r["custom_id"] for r in server.batch_requests[-len(failed) :]]
    assert sorted(resent) == sorted(failed)  # exactly the failed requests went again
    n_failed_rafdb = sum(c.startswith("GER_RAFDB::") for c in failed)
    assert with_failures["n_failed"] == n_failed_rafdb

    # same requests: every batch line is byte-for-byte the content a live call sent
    assert sorted(r["content_sha"] for r in live_requests) == sorted(
        r["content_sha"] for r in server.batch_requests if r["status"] == 200
    )
    for name in DATA:
        lv, bt = _metrics(live, name), _metrics(batch, name)
        assert bt["ger"]["metrics"] == lv["ger"]["metrics"], name
        assert bt["ger"]["metrics"]["acc"] == pytest.approx(expected_acc(name))
        assert (bt["ger"]["n_failed"], bt["ger"]["n_total"]) == (0, len(SPEC[name]))
        assert _parsed(batch, name) == _parsed(live, name)
        pred = pd.read_excel(batch / "GER_OpenAI" / f"GER_OpenAI_{name}.xlsx")
        assert list(pred.columns) == list(pd.read_excel(live / "GER_OpenAI" / f"GER_OpenAI_{name}.xlsx").columns)

    # the host's own --mode eval reads the batch predictions like any run
    for f in (batch / "GER_OpenAI").glob("*_ger_*"):
        f.unlink()
    with FakeOpenAI() as server:
        env = _env(tmp_path, ger_home, server)
        _run(
            host_python,
            ["-m", "vlmeval", "--data", *DATA, "--model", "GER_OpenAI", "--mode", "eval", "--work-dir", str(batch)],
            env,
            tmp_path,
        )
    assert server.requests == []  # nothing asked again
    for name in DATA:
        assert _metrics(batch, name)["ger"]["metrics"] == _metrics(live, name)["ger"]["metrics"]

    # usage: live calls and batch calls were recorded beside the predictions, and ger cost shows both
    for work, is_batch in ((live, False), (batch, True)):
        for name in DATA:
            usage = result_files.read_usage(result_files.usage_path(work / "GER_OpenAI", "GER_OpenAI", name))
            assert usage is not None and usage.samples == len(SPEC[name]), (work, name)
            assert (usage.batch_prompt_tokens > 0) is is_batch
    cost = _run(
        host_python,
        [
            "-m",
            "ger_plugin",
            "cost",
            "--model",
            "gpt-4o",
            "--data",
            *DATA,
            "--work-dir",
            str(batch),
            "--tokenizer",
            "chars",
        ],
        env,
        tmp_path,
    )
    assert "Batch API" in cost.stdout and "spent" in cost.stdout
    _no_key_anywhere(live, batch, tmp_path / "lmu", texts=(proc.stdout, proc.stderr, final.stdout, cost.stdout))
