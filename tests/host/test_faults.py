"""Fault injection against the real host loop (``python -m vlmeval --model GPT4o``).

The loopback server (tests/openai_server.py) answers 20% of attempts with a fault drawn from
HTTP 429 (Retry-After 0-1 s), HTTP 500, a hang (held 0.5 s, then the connection is dropped),
truncated JSON, empty content and a wrong-format answer (prose naming no label). What the
host (ms-vlmeval 0.0.20, ``BaseAPI.generate``) does with each, and what these tests assert:

- 429, 500, hang, truncated JSON and empty content are all *retried* (up to ``--retry``
  attempts, sleeping a random 0-2 s between them; ``Retry-After`` is ignored). A sample whose
  attempts all fail is stored as ``Failed to obtain answer via API.`` and our metrics count it
  in ``n_failed`` / ``failed_rate``; the next run asks for exactly those samples again.
- a wrong-format answer is an answer (HTTP 200, non-empty text): the host keeps it, never
  retries it, and a rerun does not ask again. Our metrics count it as *invalid* (no label
  parsed), not failed. So after the rerun every sample has an answer and the parsed labels
  equal a fault-free run's, except exactly the samples that got the wrong-format answer,
  which stay invalid. (Delete their rows or rerun in a fresh work dir to re-ask them.)

``--api-nproc 1`` makes the request order, hence which attempt gets which fault, reproducible,
so the server's request log can be cut into per-sample attempt sequences and checked against
the host's result files. Calls per run are printed (``pytest -s``) and put in assertion texts.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from conftest import needs_host
from ger_fixtures import scaled, write_release
from openai_server import FAULTS, NO_ANSWER, WRONG_FORMAT, FakeOpenAI

from ger_plugin import catalog

KEY = "sk-gerTEST-faults-0123456789"
#: image, video, video+text; 3 copies of each fixture so every fault kind turns up at 20%
DATA = {"GER_RAFDB": 3, "GER_DFEW": 3, "GER_MER2023": 3}
#: SEED 43 (found by replaying the host's request bodies) makes every fault kind occur and leaves
#: failed samples in all three datasets; the test says so if a host upgrade changes that.
SEED, RATE, RETRY = 43, 0.2, 2


# ---------------------------------------------------------------------------------------
# the server's faults, seen by a plain HTTP client (cheap)
# ---------------------------------------------------------------------------------------


def _post(url: str, body: dict, timeout: float = 5.0) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


BODY = {"model": "m", "messages": [{"role": "user", "content": [{"type": "text", "text": "hello"}]}]}


def test_each_fault_kind_looks_as_documented() -> None:
    seen = {}
    for kind in FAULTS:
        with FakeOpenAI(fault_rate=1.0, faults=[kind], hang_s=0.3) as srv:
            if kind == "hang":
                t0 = time.monotonic()
                with pytest.raises((ConnectionError, urllib.error.URLError, OSError)):
                    _post(srv.url, BODY, timeout=5.0)
                assert 0.25 < time.monotonic() - t0 < 3.0  # held for hang_s, then dropped
                with pytest.raises(OSError):  # a client with a shorter timeout times out
                    _post(srv.url, BODY, timeout=0.1)
                seen[kind] = srv.requests[0]["status"]
                continue
            status, headers, data = _post(srv.url, BODY)
            seen[kind] = status
            if kind == "429":
                assert headers["Retry-After"] in ("0", "1")
            if kind == "truncated":
                with pytest.raises(json.JSONDecodeError):
                    json.loads(data)
            if kind in ("empty", "wrong_format"):
                content = json.loads(data)["choices"][0]["message"]["content"]
                assert content == ("" if kind == "empty" else WRONG_FORMAT)
            assert [r["fault"] for r in srv.requests] == [kind]
    assert seen == {"429": 429, "500": 500, "hang": 0, "truncated": 200, "empty": 200, "wrong_format": 200}


def test_faults_are_seeded_per_attempt_and_off_by_default() -> None:
    def pattern(**kw: object) -> list[str | None]:
        with FakeOpenAI(**kw) as srv:  # type: ignore[arg-type]
            for n in range(40):  # 20 bodies, each sent twice: the second attempt draws anew
                _post(srv.url, {**BODY, "model": f"m{n // 2}"})
            return [r["fault"] for r in srv.requests]

    first = pattern(fault_rate=0.5, seed=1, faults=["500", "empty"])
    assert first == pattern(fault_rate=0.5, seed=1, faults=["500", "empty"])  # reproducible
    assert first != pattern(fault_rate=0.5, seed=2, faults=["500", "empty"])
    assert 8 <= sum(f is not None for f in first) <= 32 and set(first) == {None, "500", "empty"}
    assert any(a != b for a, b in zip(first[::2], first[1::2]))  # a retry may fare differently
    assert pattern() == [None] * 40
    with pytest.raises(ValueError, match="subset"):
        FakeOpenAI(faults=["teapot"])


# ---------------------------------------------------------------------------------------
# the host under faults
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ger_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("ger_home_faults")
    for name, copies in DATA.items():
        write_release(home, name, scaled(name, copies))
    return home


def _env(run: Path, ger_home: Path, server: FakeOpenAI) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and k != "GER_VLMEVAL_PLUGIN"}
    (run / "lmu").mkdir(parents=True, exist_ok=True)
    env.update(
        LMUData=str(run / "lmu"),
        GER_HOME=str(ger_home),
        HF_DATASETS_CACHE=str(run / "hf"),
        HF_HUB_OFFLINE="1",
        OPENAI_API_KEY=KEY,
        OPENAI_API_BASE=server.url,
        PYTHONWARNINGS="ignore",
    )
    return env


def _start(py: Path, run: Path, env: dict[str, str], *extra: str) -> subprocess.Popen:
    args = [
        str(py),
        "-m",
        "vlmeval",
        "--data",
        *DATA,
        "--model",
        "GPT4o",
        "--retry",
        str(RETRY),
        "--work-dir",
        str(run / "out"),
        *extra,
    ]
    return subprocess.Popen(args, env=env, cwd=run, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(proc: subprocess.Popen) -> None:
    out, _ = proc.communicate(timeout=240)
    assert proc.returncode == 0, out[-4000:]


def _results(run: Path) -> dict[str, tuple[dict, pd.DataFrame]]:
    pred = run / "out" / "GPT4o"
    out = {}
    for name in DATA:
        samples = pd.read_csv(pred / f"GPT4o_{name}_ger_samples.csv", dtype=str, keep_default_na=False)
        assert samples["id"].is_unique, f"{name}: a sample written twice"
        out[name] = (json.loads((pred / f"GPT4o_{name}_ger_metrics.json").read_text())["ger"], samples.set_index("id"))
    return out


def _attempts(requests: list[dict]) -> list[list[dict]]:
    """Cut a sequential request log into per-sample attempt sequences (the host's retry loop)."""
    samples, current = [], []
    for r in requests:
        current.append(r)
        if r["fault"] not in NO_ANSWER or len(current) == RETRY:
            samples.append(current)
            current = []
    assert not current, "the log ends inside a sample's retries"
    return samples


@needs_host
@pytest.mark.vlmeval
@pytest.mark.slow
def test_twenty_percent_faults_are_counted_and_a_rerun_matches_a_clean_run(
    host_python: Path, ger_home: Path, tmp_path: Path
) -> None:
    ids = {name: [sid for sid, *_ in scaled(name, copies)] for name, copies in DATA.items()}
    faulty_dir, clean_dir = tmp_path / "faulty", tmp_path / "clean"
    with FakeOpenAI(fault_rate=RATE, seed=SEED, hang_s=0.5) as flaky, FakeOpenAI() as clean:
        t0 = time.monotonic()
        clean_proc = _start(host_python, clean_dir, _env(clean_dir, ger_home, clean), "--api-nproc", "4")
        _finish(_start(host_python, faulty_dir, _env(faulty_dir, ger_home, flaky), "--api-nproc", "1"))
        t_faulty = time.monotonic() - t0
        first = _results(faulty_dir)  # before the rerun rewrites the files
        _finish(clean_proc)
    with FakeOpenAI() as healthy:
        t1 = time.monotonic()
        _finish(_start(host_python, faulty_dir, _env(faulty_dir, ger_home, healthy), "--api-nproc", "1", "--reuse"))
        t_rerun = time.monotonic() - t1

    calls = {"faulty run": flaky.summary(), "rerun, faults off": healthy.summary(), "fault-free run": clean.summary()}
    report = (
        f"calls per run ({sum(map(len, ids.values()))} samples, fault rate {RATE}, --retry {RETRY}, "
        f"faulty run {t_faulty:.1f} s, rerun {t_rerun:.1f} s): {json.dumps(calls)}"
    )
    print("\n" + report)

    # the faulty run: every fault kind turned up, and the host's files say what the server did
    per_sample = _attempts(flaky.requests)
    assert len(per_sample) == sum(map(len, ids.values())), report
    assert set(calls["faulty run"]["faults"]) == set(FAULTS), report  # else pick another SEED
    start = 0
    for name, sids in ids.items():
        block, start = per_sample[start : start + len(sids)], start + len(sids)
        n_failed = sum(len(a) == RETRY and a[-1]["fault"] in NO_ANSWER for a in block)
        n_wrong = sum(a[-1]["fault"] == "wrong_format" for a in block)
        ger, samples = first[name]
        assert sorted(samples.index) == sorted(sids)
        assert ger["n_failed"] == n_failed == samples["failed"].astype(int).sum(), (name, report)
        assert ger["failed_rate"] == pytest.approx(100.0 * n_failed / len(sids))  # percent
        wrong = samples["raw_answer"] == WRONG_FORMAT
        assert wrong.sum() == n_wrong and (samples.loc[wrong, "parsed_label"] == "").all(), name
        assert (samples.loc[wrong, "failed"] == "0").all()  # invalid, not failed
    assert all(g["n_failed"] > 0 for g, _ in first.values()), report  # else pick another SEED

    # the rerun asks again for the failed samples only, and then nothing is missing
    assert calls["rerun, faults off"]["requests"] == sum(g["n_failed"] for g, _ in first.values()), report
    final, reference = _results(faulty_dir), _results(clean_dir)
    assert calls["fault-free run"]["requests"] == sum(map(len, ids.values()))
    for name, sids in ids.items():
        (ger, samples), (ref_ger, ref) = final[name], reference[name]
        assert sorted(samples.index) == sorted(ref.index) == sorted(sids)  # none lost, none doubled
        assert ger["n_failed"] == 0 and ref_ger["n_failed"] == 0
        wrong = samples.index[samples["raw_answer"] == WRONG_FORMAT]
        assert list(wrong) == list(first[name][1].index[first[name][1]["raw_answer"] == WRONG_FORMAT])
        same = samples.drop(wrong)
        assert same["parsed_label"].to_dict() == ref.drop(wrong)["parsed_label"].to_dict(), name
        assert same["raw_answer"].to_dict() == ref.drop(wrong)["raw_answer"].to_dict(), name
        # invalid = the clean run's invalid answers outside the wrong-format samples, plus those
        assert ger["n_invalid"] == (ref.drop(wrong)["parsed_label"] == "").sum() + len(wrong), name
        if len(wrong) == 0:
            assert ger["metrics"] == pytest.approx(ref_ger["metrics"]), name
    assert catalog.get("GER_MER2023").modality.has_frames  # the video+text leg really is one


@needs_host
@pytest.mark.vlmeval
@pytest.mark.slow
def test_a_hung_request_hits_the_client_timeout_and_is_retried(
    host_python: Path, ger_home: Path, tmp_path: Path
) -> None:
    """``--timeout`` reaches only ``--base-url`` models (the host's GPT4o client waits 330 s), so
    the real client-side timeout is tested here: the server holds some attempts 4 s, the client
    gives up after 1.1 s (``--timeout 1``) and retries; both attempts hung = a failed sample."""
    n = len(scaled("GER_RAFDB", DATA["GER_RAFDB"]))
    with FakeOpenAI(fault_rate=0.3, seed=1, faults=["hang"], hang_s=4.0) as srv:
        env = _env(tmp_path, ger_home, srv)
        env.pop("OPENAI_API_BASE")
        proc = subprocess.run(
            [
                str(host_python),
                "-m",
                "vlmeval",
                "--data",
                "GER_RAFDB",
                "--model",
                "fake-vlm",
                "--base-url",
                srv.base,
                "--key",
                KEY,
                "--timeout",
                "1",
                "--retry",
                str(RETRY),
                "--api-nproc",
                "8",
                "--verbose",
                "--work-dir",
                str(tmp_path / "out"),
            ],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    attempts: dict[str, list[str | None]] = {}
    for r in srv.requests:
        attempts.setdefault(r["body"], []).append(r["fault"])
    hung = sum(r["fault"] == "hang" for r in srv.requests)
    failed = sum(a == ["hang"] * RETRY for a in attempts.values())
    print(f"\nclient timeout: {len(srv.requests)} calls for {n} samples, {hung} hung, {failed} failed")
    assert len(attempts) == n and hung > 0 and failed > 0  # seed 1: some sample hangs twice
    assert "Read timed out" in proc.stdout + proc.stderr  # the client gave up, not the server
    ger = json.loads((tmp_path / "out" / "fake-vlm" / "fake-vlm_GER_RAFDB_ger_metrics.json").read_text())["ger"]
    assert ger["n_failed"] == failed and ger["n_total"] == n
