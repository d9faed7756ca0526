"""Batch API bookkeeping without the host: result lines, outcomes, what --retry-failed resends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ger_plugin import commands
from ger_plugin.host import openai_batch as ob


def _ok(cid: str, text: str, usage: tuple[int, int] = (10, 2)) -> dict:
    return {
        "id": "r",
        "custom_id": cid,
        "error": None,
        "response": {
            "status_code": 200,
            "body": {
                "choices": [{"message": {"role": "assistant", "content": text}}],
                "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)},
            },
        },
    }


def test_result_lines_become_answers_or_named_errors() -> None:
    assert ob.parse_result_line(_ok("GER_RAFDB::3", "Label: happy"), "b1") == ob.Outcome(
        "GER_RAFDB::3", "Label: happy", None, {"prompt_tokens": 10, "completion_tokens": 2}, "b1"
    )
    http = {
        "custom_id": "GER_RAFDB::4",
        "error": None,
        "response": {"status_code": 500, "body": {"error": {"message": "boom"}}},
    }
    assert ob.parse_result_line(http, "b1").error == "HTTP 500: boom"
    expired = {
        "custom_id": "GER_DFEW::0",
        "response": None,
        "error": {"code": "batch_expired", "message": "not processed in time"},
    }
    assert ob.parse_result_line(expired, "b1").error == "batch_expired: not processed in time"
    assert ob.parse_result_line(_ok("GER_RAFDB::5", "  "), "b1").error == "empty answer"
    assert ob.split_custom_id("GER_DFEW_8frame::12") == ("GER_DFEW_8frame", "12")


def _state(folder: Path, batches: dict[str, list[str]]) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for k, (bid, ids) in enumerate(batches.items()):
        name = f"requests_{k:03d}.jsonl"
        (folder / name).write_text("".join(json.dumps({"custom_id": c, "body": {}}) + "\n" for c in ids))
        entries.append({"id": bid, "requests_file": name, "requests": len(ids), "collected": True})
    return {"datasets": ["GER_RAFDB"], "batches": entries}


def test_retry_failed_resends_errors_and_unanswered_but_never_an_answer(tmp_path: Path) -> None:
    ids = [f"GER_RAFDB::{i}" for i in range(5)]
    state = _state(tmp_path, {"b1": ids, "b2": ids[3:]})
    lines = [
        ob.Outcome(ids[0], "Label: happy", None),
        ob.Outcome(ids[1], None, "HTTP 500: x"),
        ob.Outcome(ids[3], None, "batch_expired: y"),
        ob.Outcome(ids[3], "Label: sad", None),  # resent, answered
        ob.Outcome(ids[0], None, "HTTP 500: late"),
    ]  # an answer is never replaced by a later error
    (tmp_path / ob.RESULTS).write_text("".join(json.dumps(o.__dict__) + "\n" for o in lines))
    results = ob.read_results(tmp_path)
    assert results[ids[0]].answer == "Label: happy" and results[ids[3]].answer == "Label: sad"
    assert ob.failed_ids(tmp_path, state) == [ids[1], ids[2], ids[4]]  # ids 2 and 4 never came back


def test_ger_batch_says_what_is_missing_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert commands.main(["batch", "status", "--work-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no batch submitted" in err and str(tmp_path) in err
    assert commands.main(["batch", "submit", "--work-dir", str(tmp_path)]) == 2
    assert "needs --data" in capsys.readouterr().err
    assert commands.main(["batch", "submit", "--retry-failed", "--work-dir", str(tmp_path)]) == 2
    assert "no batch submitted" in capsys.readouterr().err


def test_expired_requests_come_back_in_the_error_file_through_the_official_client(tmp_path: Path) -> None:
    openai = pytest.importorskip("openai")
    from openai_server import FakeOpenAI

    lines = [
        {
            "custom_id": f"GER_RAFDB::{i}",
            "method": "POST",
            "url": ob.ENDPOINT,
            "body": {
                "model": "m",
                "messages": [
                    {
                        "role": "user",
                        "content": [
                            {"type": "text", "text": 'the transcript of what is said: "I am feeling sad today".'}
                        ],
                    }
                ],
            },
        }
        for i in range(3)
    ]
    path = tmp_path / "requests_000.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    with FakeOpenAI(batch_expire_after=1) as server:
        client = openai.OpenAI(base_url=server.base, api_key="sk-test", max_retries=0, timeout=5.0)
        with open(path, "rb") as fh:
            uploaded = client.files.create(file=fh, purpose="batch")
        batch = client.batches.create(input_file_id=uploaded.id, endpoint=ob.ENDPOINT, completion_window="24h")
        assert client.batches.retrieve(batch.id).status == "in_progress"
        done = client.batches.retrieve(batch.id)
        assert (done.status, done.request_counts.completed, done.request_counts.failed) == ("expired", 1, 2)
        outcomes = [
            ob.parse_result_line(line, batch.id)
            for fid in (done.output_file_id, done.error_file_id)
            for line in map(json.loads, client.files.content(fid).text.splitlines())
        ]
    assert [(o.custom_id, o.answer is not None) for o in outcomes] == [
        ("GER_RAFDB::0", True),
        ("GER_RAFDB::1", False),
        ("GER_RAFDB::2", False),
    ]
    assert outcomes[0].answer.startswith("Label: sad") and outcomes[0].usage["prompt_tokens"] > 0
    assert outcomes[1].error.startswith("batch_expired")
