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

Fault injection: ``fail_rate`` of requests (chosen by a seeded hash of the request content, so
the same request fails on every retry) get HTTP 500 or 429 with ``Retry-After: 0``.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from PIL import Image

from ger_plugin.labels import CANONICAL_LABELS
from release_fixtures._images import label_of_image
from release_fixtures._videos import decode_frame


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
                 max_requests: int = 2000) -> None:
        self.fail_rate, self.seed, self.fail_status = fail_rate, seed, fail_status
        self.max_requests = max_requests  # bounded: a runaway client cannot loop forever
        self.requests: list[dict[str, Any]] = []
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
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with server._lock:
                    over = len(server.requests) >= server.max_requests
                    record = {"path": self.path, "auth": self.headers.get("Authorization", ""),
                              "status": 200}
                    server.requests.append(record)
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
                    text = server.answer(content)
                    record["answer"] = text
                except Exception as err:  # a malformed request is the client's bug: report it
                    record["status"] = 400
                    return self._send(400, {"error": {"message": f"{type(err).__name__}: {err}"}})
                self._send(200, {
                    "id": "chatcmpl-test", "object": "chat.completion", "model": payload.get("model", "fake"),
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": text}}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                })

            def _send(self, status: int, obj: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                data = json.dumps(obj).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

        return Handler
