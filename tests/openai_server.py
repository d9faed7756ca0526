"""A small OpenAI-compatible chat server for end-to-end tests; it answers from what it *sees*.

Fixture media are the shared release fixtures' pictures (tests/release_fixtures/_images.py,
_videos.py): a colour per label, and for video frames the frame's index drawn in binary. The
server decodes every image it gets:

- image input: the label of the image's colour;
- video input (frames): the label of the middle frame, but only if the frame indices
  strictly increase, i.e. frames arrived in order; otherwise it says so
  without a label (an invalid answer);
- transcript: a ``feeling <label>`` keyword in the transcript wins over the frames.

So the expected score of a fixture is known exactly, and a wrong image, frame order or
transcript changes it. Per-sample prompts get ``Label: x`` / ``Ranking: ...``; batch prompts
(``There are N inputs``) get one ``{'name': ..., 'result': ...}`` line per input.

Fault injection, two kinds (both off by default, both seeded, so a run is reproducible):

- ``fail_rate``: that share of *requests* (by a seeded hash of the body, so the same request
  fails on every retry) get HTTP ``fail_status`` (500, or 429 with ``Retry-After: 0``);
- ``fault_rate`` + ``faults``: that share of *attempts* (a seeded hash of the body and how many
  times this body was sent before, so a retry may succeed) get one of :data:`FAULTS`:
  ``429`` (with ``Retry-After`` 0 or 1 s), ``500``, ``hang`` (hold the request ``hang_s``
  seconds, then drop the connection without an answer: a client whose timeout is shorter sees
  a read timeout, any other a dropped connection), ``truncated`` (HTTP 200 with half of the JSON
  body), ``empty`` (HTTP 200, ``choices[0].message.content == ""``) and ``wrong_format``
  (HTTP 200 with :data:`WRONG_FORMAT`, prose that names no label).

``latency_s`` delays every answer by a fixed time (the throughput benchmark). Every request is
recorded in ``requests`` (arrival/finish times, body hash, fault, status); ``max_requests``
bounds a runaway client, and the server only listens on 127.0.0.1.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import threading
import time
from collections import Counter
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from PIL import Image
from release_fixtures._images import label_of_image
from release_fixtures._videos import decode_frame

from ger_plugin.core.labels import CANONICAL_LABELS

#: Fault kinds ``fault_rate`` draws from (all of them unless ``faults`` names fewer).
FAULTS = ("429", "500", "hang", "truncated", "empty", "wrong_format")
#: The wrong-format answer: a reply a client accepts (HTTP 200, text) that names no label.
WRONG_FORMAT = "Honestly, it is hard to say from this input; it could be many things."
#: Faults after which the client has no answer (``wrong_format`` is an answer, just a useless one).
NO_ANSWER = frozenset(FAULTS) - {"wrong_format"}
_MAX_WAIT_S = 10.0  # no hang or latency may keep a test waiting longer than this


def _image(url: str) -> Image.Image:
    data = base64.b64decode(url.split(",", 1)[1])
    with Image.open(io.BytesIO(data)) as im:
        return im.convert("RGB")


def decide(images: list[Image.Image], transcript: str | None, video: bool) -> str | None:
    """The label this server answers for one input (``None``: it cannot tell)."""
    if transcript:
        m = re.search(r"feeling (\w+)", transcript)
        if m and m.group(1) in CANONICAL_LABELS:
            return m.group(1)
    if not images:
        return None
    if not video:
        return label_of_image(images[0])
    decoded = [decode_frame(im) for im in images]
    positions = [p for _, p in decoded]
    if any(b <= a for a, b in zip(positions, positions[1:])):
        return None  # frames out of order
    return decoded[len(decoded) // 2][0]


class FakeOpenAI:
    """``with FakeOpenAI() as srv: srv.url`` -> ``http://127.0.0.1:<port>/v1/chat/completions``."""

    def __init__(self, *, fail_rate: float = 0.0, seed: int = 0, fail_status: int = 500,
                 fault_rate: float = 0.0, faults: Sequence[str] = FAULTS, hang_s: float = 1.0,
                 latency_s: float = 0.0, max_requests: int = 2000) -> None:
        unknown = set(faults) - set(FAULTS)
        if unknown or not faults:
            raise ValueError(f"faults must be a non-empty subset of {FAULTS}, got {list(faults)}")
        if not (0.0 <= fault_rate <= 1.0 and 0.0 <= fail_rate <= 1.0):
            raise ValueError("fail_rate and fault_rate are shares between 0 and 1")
        self.fail_rate, self.seed, self.fail_status = fail_rate, seed, fail_status
        self.fault_rate, self.faults = fault_rate, tuple(faults)
        self.hang_s, self.latency_s = min(hang_s, _MAX_WAIT_S), min(latency_s, _MAX_WAIT_S)
        self.max_requests = max_requests  # bounded: a runaway client cannot loop forever
        self.requests: list[dict[str, Any]] = []
        self._attempts: Counter[str] = Counter()  # body hash -> times seen
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    @property
    def url(self) -> str:
        return self.base + "/chat/completions"

    def __enter__(self) -> "FakeOpenAI":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _fails(self, body: bytes) -> bool:
        if self.fail_rate <= 0:
            return False
        h = hashlib.sha256(f"{self.seed}:".encode() + body).digest()
        return int.from_bytes(h[:4], "big") / 2**32 < self.fail_rate

    def _draw(self, body: bytes, attempt: int) -> tuple[str | None, int]:
        """The fault for this attempt of this body (``None``: answer properly) and a spare draw."""
        if self.fault_rate <= 0:
            return None, 0
        h = hashlib.sha256(f"fault:{self.seed}:{attempt}:".encode() + body).digest()
        if int.from_bytes(h[:4], "big") / 2**32 >= self.fault_rate:
            return None, 0
        return self.faults[int.from_bytes(h[4:8], "big") % len(self.faults)], h[8]

    def summary(self) -> dict[str, Any]:
        """Counts for reports: requests, statuses, faults, distinct bodies, first-to-last seconds."""
        reqs = self.requests
        span = (max(r["t_end"] for r in reqs if "t_end" in r) - min(r["t"] for r in reqs)) if reqs else 0.0
        return {"requests": len(reqs), "bodies": len({r.get("body") for r in reqs}),
                "faults": dict(Counter(r["fault"] for r in reqs if r.get("fault"))),
                "status": dict(Counter(r["status"] for r in reqs)), "span_s": round(span, 3)}

    def answer(self, content: list[dict[str, Any]] | str) -> str:
        parts = content if isinstance(content, list) else [{"type": "text", "text": content}]
        text = "\n".join(p.get("text", "") for p in parts if p.get("type") == "text")
        images = [_image(p["image_url"]["url"]) for p in parts if p.get("type") == "image_url"]
        video = bool(re.search(r"\bframes? sampled", text))
        batch = re.search(r"There are (\d+) inputs, each with a name: (.*)\.\n", text)
        if batch:
            names = [n.strip() for n in batch.group(2).split(",")]
            per = len(images) // len(names) if images else 0
            lines = []
            for k, name in enumerate(names):
                m = re.search(rf'^- {re.escape(name)}: "(.*)"$', text, re.M)
                label = decide(images[k * per:(k + 1) * per], m.group(1) if m else None, video)
                lines.append(f"{{'name': '{name}', 'result': '{label or 'unknown'}'}}")
            return "\n".join(lines)
        m = re.search(r'the transcript of what is said: "(.*)"\.', text, re.S)
        frames = re.search(r"You are given (\d+) frames?", text)
        if frames and int(frames.group(1)) != len(images):
            return "The number of frames does not match."
        label = decide(images, m.group(1) if m else None, video)
        return f"Label: {label}\nRanking: {label}" if label else "I cannot tell from this input."

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:  # noqa: N802
                t0 = time.monotonic()
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                digest = hashlib.sha256(body).hexdigest()[:16]
                with server._lock:
                    over = len(server.requests) >= server.max_requests
                    attempt = server._attempts[digest]
                    server._attempts[digest] += 1
                    record = {"path": self.path, "auth": self.headers.get("Authorization", ""),
                              "status": 200, "t": t0, "body": digest, "attempt": attempt, "fault": None}
                    server.requests.append(record)
                try:
                    self._serve(body, record, over)
                finally:
                    record["t_end"] = time.monotonic()

            def _serve(self, body: bytes, record: dict[str, Any], over: bool) -> None:
                if server.latency_s:
                    time.sleep(server.latency_s)
                try:
                    payload = json.loads(body)
                    content = payload["messages"][-1]["content"]
                    record["n_images"] = sum(1 for p in content if isinstance(p, dict)
                                             and p.get("type") == "image_url") if isinstance(content, list) else 0
                    if over:
                        return self._send(503, {"error": {"message": "request bound reached"}})
                    if server._fails(body):
                        record["status"] = server.fail_status
                        return self._send(server.fail_status, {"error": {"message": "injected failure"}},
                                          {"Retry-After": "0"})
                    fault, spare = server._draw(body, record["attempt"])
                    record["fault"] = fault
                    if fault == "429":
                        record["status"] = 429
                        return self._send(429, {"error": {"message": "injected rate limit"}},
                                          {"Retry-After": str(spare % 2)})
                    if fault == "500":
                        record["status"] = 500
                        return self._send(500, {"error": {"message": "injected server error"}})
                    if fault == "hang":  # no answer at all; the handler returns and the socket closes
                        record["status"] = 0
                        time.sleep(server.hang_s)
                        self.close_connection = True
                        return
                    canned = {"empty": "", "wrong_format": WRONG_FORMAT}
                    text = canned[fault] if fault in canned else server.answer(content)
                    record["answer"] = text
                except Exception as err:  # a malformed request is the client's bug: report it
                    record["status"] = 400
                    return self._send(400, {"error": {"message": f"{type(err).__name__}: {err}"}})
                self._send(200, {
                    "id": "chatcmpl-test", "object": "chat.completion", "model": payload.get("model", "fake"),
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": text}}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }, truncate=record["fault"] == "truncated")

            def _send(self, status: int, obj: dict[str, Any], headers: dict[str, str] | None = None,
                      truncate: bool = False) -> None:
                data = json.dumps(obj).encode()
                if truncate:  # a complete HTTP response whose JSON stops half-way
                    data = data[: len(data) // 2]
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

        return Handler


class NaiveJudge(FakeOpenAI):
    """Answers extraction prompts with the label named last in the answer (no negation handling)."""

    def answer(self, content: list[dict[str, Any]] | str) -> str:
        text = content if isinstance(content, str) else "\n".join(p.get("text", "") for p in content)
        listed = re.search(r"Labels: (.*)\n", text)
        labels = [lab for lab in (listed.group(1).split(", ") if listed else []) if lab != "none"]
        body = text.split("<<<\n", 1)[-1].rsplit("\n>>>", 1)[0].lower()
        found = [(body.rfind(lab), lab) for lab in labels if body.rfind(lab) >= 0]
        return max(found)[1] if found else "none"
