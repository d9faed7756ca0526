"""A small OpenAI-compatible chat server for end-to-end tests; it answers from what it *sees*.

Fixture media are the shared release fixtures' pictures (tests/release_fixtures/_images.py,
_videos.py): a colour per label, and for video frames the frame's index drawn in binary. The
server decodes every image it gets:

- image input: the label of the image's colour;
- video input (frames): the label of the middle frame, but only if the frame indices
  strictly increase, i.e. frames arrived in order; otherwise it says so
  without a label (an invalid answer);
- video input (``video_url``: a ``data:video/...;base64,`` URL or a ``file://`` path, as the
  host's ``--video-llm`` sends it): the clip is decoded in full; the label of its middle frame,
  but only if every frame decodes and their indices run 0, 1, 2, ... (the whole original clip);
  each clip's frame count, container, sound and extra keys (``nframes``/``fps``) are recorded;
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

Beyond images: ``input_audio`` parts must hold base64 WAV (or MP3) data and ``video_url`` parts a
``data:video/...`` URL; both are counted per request (``n_audio``, ``n_video``) and a malformed one
is a 400. ``usage`` is derived from what was sent (text characters / 4, 85 per image, 50 per
audio or video part; answer characters / 4), so token totals can be checked.

The Files and Batch APIs (``/v1/files``, ``/v1/files/{id}/content``, ``/v1/batches``,
``/v1/batches/{id}``): an uploaded JSONL is answered line by line with the same :meth:`answer`
when the batch is created; the first retrieve says ``in_progress``, later ones the final
status. ``batch_fail_rate`` fails that share of requests (seeded by ``custom_id``, first
attempt only, so a resubmission succeeds) into the error file; ``batch_expire_after`` answers
only that many requests of a batch and lists the rest as ``batch_expired``. Uploads are held in
memory, at most ``max_file_bytes`` each.

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
import wave
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


def content_sha(content: list[dict[str, Any]] | str) -> str:
    """A fingerprint of one request's user content (live and batch requests compare equal)."""
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]


def _multipart(body: bytes, content_type: str) -> dict[str, tuple[str | None, bytes]]:
    """Fields of a multipart/form-data body: name -> (file name, bytes)."""
    from email.parser import BytesParser
    from email.policy import HTTP

    msg = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    out: dict[str, tuple[str | None, bytes]] = {}
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        out[str(name)] = (part.get_filename(), part.get_payload(decode=True) or b"")
    return out


def _image(url: str) -> Image.Image:
    data = base64.b64decode(url.split(",", 1)[1])
    with Image.open(io.BytesIO(data)) as im:
        return im.convert("RGB")


def inspect_video(part: dict[str, Any]) -> dict[str, Any]:
    """Decode one ``video_url`` part: frame count, each frame's (label, index), sound, extras."""
    import av

    spec = dict(part["video_url"])
    url = str(spec.pop("url"))
    if url.startswith("data:"):
        header, payload = url.split(",", 1)
        source: Any = io.BytesIO(base64.b64decode(payload))
        kind, mime = "data", header[5:].split(";")[0]
    elif url.startswith("file://"):
        source, kind, mime = url[len("file://") :], "file", ""
    else:
        raise ValueError(f"unsupported video url {url[:40]!r}")
    with av.open(source) as container:
        decoded = [decode_frame(frame.to_image()) for frame in container.decode(video=0)]
        fmt = container.format.name
        sound = None
        if container.streams.audio:
            import numpy as np

            from ger_plugin.data.synthetic import label_of_sound

            container.seek(0)
            samples = [f.to_ndarray().reshape(f.samples, -1).mean(axis=1) for f in container.decode(audio=0)]
            rate = container.streams.audio[0].sample_rate
            sound = label_of_sound(np.concatenate(samples), rate) if samples else None
    label = decoded[len(decoded) // 2][0] if decoded else None
    return {
        "kind": kind,
        "mime": mime,
        "format": fmt,
        "frames": len(decoded),
        "label": label,
        "decoded": decoded,
        "sound": sound,
        "extra": spec,
    }


def decide_clip(video: dict[str, Any], transcript: str | None) -> str | None:
    """The label for one whole clip (``None`` if it is not a complete clip in order)."""
    if transcript:
        m = re.search(r"feeling (\w+)", transcript)
        if m and m.group(1) in CANONICAL_LABELS:
            return m.group(1)
    positions = [p for _, p in video["decoded"]]
    if not positions or positions != list(range(len(positions))):
        return None
    return video["decoded"][len(positions) // 2][0]


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

    def __init__(
        self,
        *,
        fail_rate: float = 0.0,
        seed: int = 0,
        fail_status: int = 500,
        fault_rate: float = 0.0,
        faults: Sequence[str] = FAULTS,
        hang_s: float = 1.0,
        latency_s: float = 0.0,
        max_requests: int = 2000,
        batch_fail_rate: float = 0.0,
        batch_expire_after: int | None = None,
        max_file_bytes: int = 64 * 2**20,
    ) -> None:
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
        self.batch_fail_rate, self.batch_expire_after = batch_fail_rate, batch_expire_after
        self.max_file_bytes = max_file_bytes
        self.files: dict[str, dict[str, Any]] = {}  # id -> {"filename", "purpose", "data"}
        self.batches: dict[str, dict[str, Any]] = {}  # id -> batch object (+ "_polls")
        self.batch_requests: list[dict[str, Any]] = []  # one record per batch line answered or failed
        self._batch_attempts: Counter[str] = Counter()  # custom_id -> times seen in a batch
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

    def __enter__(self) -> FakeOpenAI:
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
        return {
            "requests": len(reqs),
            "bodies": len({r.get("body") for r in reqs}),
            "faults": dict(Counter(r["fault"] for r in reqs if r.get("fault"))),
            "status": dict(Counter(r["status"] for r in reqs)),
            "span_s": round(span, 3),
        }

    @staticmethod
    def media_counts(content: list[dict[str, Any]] | str) -> dict[str, int]:
        """Parts per kind; raises ValueError on a malformed audio or video part."""
        parts = content if isinstance(content, list) else []
        counts = {"n_images": 0, "n_audio": 0, "n_video": 0}
        for p in parts:
            kind = p.get("type") if isinstance(p, dict) else None
            if kind == "image_url":
                counts["n_images"] += 1
            elif kind == "input_audio":
                audio = p["input_audio"]
                raw = base64.b64decode(audio["data"], validate=True)
                if audio.get("format") == "wav":
                    with wave.open(io.BytesIO(raw)) as w:
                        if w.getnframes() <= 0:
                            raise ValueError("input_audio: WAV without samples")
                elif audio.get("format") != "mp3":
                    raise ValueError(f"input_audio: unknown format {audio.get('format')!r}")
                counts["n_audio"] += 1
            elif kind == "video_url":
                url = p["video_url"]["url"]
                if not url.startswith("data:video/") or not base64.b64decode(url.split(",", 1)[1]):
                    raise ValueError("video_url: expected a non-empty data:video/... URL")
                counts["n_video"] += 1
        return counts

    @staticmethod
    def usage(content: list[dict[str, Any]] | str, answer: str) -> dict[str, int]:
        parts = content if isinstance(content, list) else [{"type": "text", "text": content}]
        text = sum(len(p.get("text", "")) for p in parts if p.get("type") == "text")
        media = sum(
            85 if p.get("type") == "image_url" else 50
            for p in parts
            if p.get("type") in ("image_url", "input_audio", "video_url")
        )
        prompt, completion = -(-text // 4) + media, -(-len(answer) // 4)
        return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}

    def answer(self, content: list[dict[str, Any]] | str, videos: list[dict[str, Any]] | None = None) -> str:
        parts = content if isinstance(content, list) else [{"type": "text", "text": content}]
        text = "\n".join(p.get("text", "") for p in parts if p.get("type") == "text")
        images = [_image(p["image_url"]["url"]) for p in parts if p.get("type") == "image_url"]
        if videos:
            return self._answer_clips(text, videos)
        video = bool(re.search(r"\bframes? sampled", text))
        batch = re.search(r"There are (\d+) inputs, each with a name: (.*)\.\n", text)
        if batch:
            names = [n.strip() for n in batch.group(2).split(",")]
            per = len(images) // len(names) if images else 0
            lines = []
            for k, name in enumerate(names):
                m = re.search(rf'^- {re.escape(name)}: "(.*)"$', text, re.M)
                label = decide(images[k * per : (k + 1) * per], m.group(1) if m else None, video)
                lines.append(f"{{'name': '{name}', 'result': '{label or 'unknown'}'}}")
            return "\n".join(lines)
        m = re.search(r'the transcript of what is said: "(.*)"\.', text, re.S)
        frames = re.search(r"You are given (\d+) frames?", text)
        if frames and int(frames.group(1)) != len(images):
            return "The number of frames does not match."
        label = decide(images, m.group(1) if m else None, video)
        return f"Label: {label}\nRanking: {label}" if label else "I cannot tell from this input."

    # -- Files and Batch APIs --------------------------------------------------------------
    def _new_id(self, prefix: str) -> str:
        return f"{prefix}-{len(self.files) + len(self.batches):06d}"

    def upload(self, filename: str | None, purpose: str, data: bytes) -> dict[str, Any]:
        with self._lock:
            fid = self._new_id("file")
            self.files[fid] = {"filename": filename or "upload.jsonl", "purpose": purpose, "data": data}
        return self._file_object(fid)

    def _file_object(self, fid: str) -> dict[str, Any]:
        f = self.files[fid]
        return {
            "id": fid,
            "object": "file",
            "bytes": len(f["data"]),
            "created_at": 0,
            "filename": f["filename"],
            "purpose": f["purpose"],
            "status": "processed",
        }

    def _batch_fails(self, cid: str) -> bool:
        if self.batch_fail_rate <= 0 or self._batch_attempts[cid] > 1:
            return False
        h = hashlib.sha256(f"batch:{self.seed}:{cid}".encode()).digest()
        return int.from_bytes(h[:4], "big") / 2**32 < self.batch_fail_rate

    def create_batch(self, spec: dict[str, Any]) -> dict[str, Any]:
        """Answer every line of the input file now; the outcome shows on the second retrieve."""
        source = self.files[spec["input_file_id"]]
        if source["purpose"] != "batch":
            raise ValueError("input file was not uploaded with purpose 'batch'")
        out, err, answered = [], [], 0
        for n, raw in enumerate(source["data"].decode().splitlines()):
            if not raw.strip():
                continue
            line = json.loads(raw)
            cid, body = line["custom_id"], line["body"]
            if line.get("url") != spec["endpoint"] or line.get("method") != "POST":
                raise ValueError(f"line {n + 1}: url/method do not match the batch endpoint")
            with self._lock:
                self._batch_attempts[cid] += 1
            content = body["messages"][-1]["content"]
            rec = {
                "custom_id": cid,
                "content_sha": content_sha(content),
                "model": body.get("model"),
                **self.media_counts(content),
            }
            self.batch_requests.append(rec)
            if self.batch_expire_after is not None and answered >= self.batch_expire_after:
                rec["status"] = "expired"
                err.append(
                    {
                        "id": f"req-{n}",
                        "custom_id": cid,
                        "response": None,
                        "error": {"code": "batch_expired", "message": "not processed within the window"},
                    }
                )
                continue
            answered += 1
            if self._batch_fails(cid):
                rec["status"] = 500
                err.append(
                    {
                        "id": f"req-{n}",
                        "custom_id": cid,
                        "error": None,
                        "response": {
                            "status_code": 500,
                            "request_id": f"r{n}",
                            "body": {"error": {"message": "injected batch failure"}},
                        },
                    }
                )
                continue
            text = self.answer(content)
            rec["status"], rec["answer"] = 200, text
            out.append(
                {
                    "id": f"req-{n}",
                    "custom_id": cid,
                    "error": None,
                    "response": {
                        "status_code": 200,
                        "request_id": f"r{n}",
                        "body": {
                            "id": f"chatcmpl-b{n}",
                            "object": "chat.completion",
                            "model": body.get("model", "fake"),
                            "choices": [
                                {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}
                            ],
                            "usage": self.usage(content, text),
                        },
                    },
                }
            )
        expired = bool(err) and self.batch_expire_after is not None and answered >= self.batch_expire_after

        def dump(rows: list[dict[str, Any]]) -> bytes:
            return "".join(json.dumps(r) + "\n" for r in rows).encode()

        with self._lock:
            bid = self._new_id("batch")
            out_id = self._new_id("file") + "o"
            self.files[out_id] = {"filename": "output.jsonl", "purpose": "batch_output", "data": dump(out)}
            err_id = None
            if err:
                err_id = self._new_id("file") + "e"
                self.files[err_id] = {"filename": "errors.jsonl", "purpose": "batch_output", "data": dump(err)}
            total = len(out) + len(err)
            self.batches[bid] = {
                "id": bid,
                "object": "batch",
                "endpoint": spec["endpoint"],
                "input_file_id": spec["input_file_id"],
                "completion_window": spec.get("completion_window", "24h"),
                "status": "validating",
                "created_at": 0,
                "metadata": spec.get("metadata"),
                "errors": None,
                "_final": "expired" if expired else "completed",
                "_polls": 0,
                "_output_file_id": out_id,
                "_error_file_id": err_id,
                "request_counts": {"total": total, "completed": len(out), "failed": len(err)},
            }
        return self.batch_object(bid, poll=False)

    def batch_object(self, bid: str, poll: bool = True) -> dict[str, Any]:
        b = self.batches[bid]
        if poll:
            b["_polls"] += 1
        public = {k: v for k, v in b.items() if not k.startswith("_")}
        if b["_polls"] == 1:
            public["status"] = "in_progress"
        elif b["_polls"] > 1:
            public.update(status=b["_final"], output_file_id=b["_output_file_id"], error_file_id=b["_error_file_id"])
        return public

    def _answer_clips(self, text: str, videos: list[dict[str, Any]]) -> str:
        batch = re.search(r"There are (\d+) inputs, each with a name: (.*)\.\n", text)
        if batch:
            names = [n.strip() for n in batch.group(2).split(",")]
            if len(names) != len(videos):
                return "The number of clips does not match."
            lines = []
            for name, video in zip(names, videos):
                m = re.search(rf'^- {re.escape(name)}: "(.*)"$', text, re.M)
                label = decide_clip(video, m.group(1) if m else None)
                lines.append(f"{{'name': '{name}', 'result': '{label or 'unknown'}'}}")
            return "\n".join(lines)
        if len(videos) != 1 or "one video clip" not in text:
            return "Expected one video clip."
        m = re.search(r'the transcript of what is said: "(.*)"\.', text, re.S)
        label = decide_clip(videos[0], m.group(1) if m else None)
        return f"Label: {label}\nRanking: {label}" if label else "I cannot tell from this input."

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                parts = self.path.split("?")[0].strip("/").split("/")  # v1 / kind / id [/ content]
                try:
                    if parts[:2] == ["v1", "batches"] and len(parts) == 3 and parts[2] in server.batches:
                        return self._send(200, server.batch_object(parts[2]))
                    if parts[:2] == ["v1", "files"] and len(parts) >= 3 and parts[2] in server.files:
                        if len(parts) == 4 and parts[3] == "content":
                            return self._send_bytes(200, server.files[parts[2]]["data"])
                        return self._send(200, server._file_object(parts[2]))
                except Exception as err:  # noqa: BLE001 (a bad request is the client's bug: say so)
                    return self._send(400, {"error": {"message": f"{type(err).__name__}: {err}"}})
                self._send(404, {"error": {"message": f"no such object: {self.path}"}})

            def _files_or_batches(self, body: bytes) -> None:
                try:
                    if self.path.startswith("/v1/files"):
                        fields = _multipart(body, self.headers.get("Content-Type", ""))
                        name, data = fields["file"]
                        return self._send(200, server.upload(name, fields["purpose"][1].decode(), data))
                    return self._send(200, server.create_batch(json.loads(body)))
                except Exception as err:  # noqa: BLE001 (a malformed upload or batch is the client's bug)
                    return self._send(400, {"error": {"message": f"{type(err).__name__}: {err}"}})

            def do_POST(self) -> None:  # noqa: N802
                t0 = time.monotonic()
                length = int(self.headers.get("Content-Length", 0))
                if self.path.startswith(("/v1/files", "/v1/batches")):
                    if length > server.max_file_bytes:
                        self.close_connection = True
                        return self._send(413, {"error": {"message": "upload larger than max_file_bytes"}})
                    return self._files_or_batches(self.rfile.read(length))
                body = self.rfile.read(length)
                digest = hashlib.sha256(body).hexdigest()[:16]
                with server._lock:
                    over = len(server.requests) >= server.max_requests
                    attempt = server._attempts[digest]
                    server._attempts[digest] += 1
                    record = {
                        "path": self.path,
                        "auth": self.headers.get("Authorization", ""),
                        "status": 200,
                        "t": t0,
                        "body": digest,
                        "attempt": attempt,
                        "fault": None,
                    }
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
                    record.update(server.media_counts(content))
                    record["content_sha"] = content_sha(content)
                    videos = (
                        [inspect_video(p) for p in content if isinstance(p, dict) and p.get("type") == "video_url"]
                        if isinstance(content, list)
                        else []
                    )
                    record["videos"] = [{k: v for k, v in video.items() if k != "decoded"} for video in videos]
                    if over:
                        return self._send(503, {"error": {"message": "request bound reached"}})
                    if server._fails(body):
                        record["status"] = server.fail_status
                        return self._send(
                            server.fail_status, {"error": {"message": "injected failure"}}, {"Retry-After": "0"}
                        )
                    fault, spare = server._draw(body, record["attempt"])
                    record["fault"] = fault
                    if fault == "429":
                        record["status"], record["retry_after"] = 429, spare % 2
                        return self._send(
                            429, {"error": {"message": "injected rate limit"}}, {"Retry-After": str(spare % 2)}
                        )
                    if fault == "500":
                        record["status"] = 500
                        return self._send(500, {"error": {"message": "injected server error"}})
                    if fault == "hang":  # no answer at all; the handler returns and the socket closes
                        record["status"] = 0
                        time.sleep(server.hang_s)
                        self.close_connection = True
                        return
                    canned = {"empty": "", "wrong_format": WRONG_FORMAT}
                    text = canned[fault] if fault in canned else server.answer(content, videos)
                    record["answer"] = text
                except Exception as err:  # a malformed request is the client's bug: report it
                    record["status"] = 400
                    return self._send(400, {"error": {"message": f"{type(err).__name__}: {err}"}})
                self._send(
                    200,
                    {
                        "id": "chatcmpl-test",
                        "object": "chat.completion",
                        "model": payload.get("model", "fake"),
                        "choices": [
                            {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}
                        ],
                        "usage": server.usage(content, text),
                    },
                    truncate=record["fault"] == "truncated",
                )

            def _send_bytes(self, status: int, data: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _send(
                self, status: int, obj: dict[str, Any], headers: dict[str, str] | None = None, truncate: bool = False
            ) -> None:
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

    def answer(self, content: list[dict[str, Any]] | str, videos: list[dict[str, Any]] | None = None) -> str:
        text = content if isinstance(content, str) else "\n".join(p.get("text", "") for p in content)
        listed = re.search(r"Labels: (.*)\n", text)
        labels = [lab for lab in (listed.group(1).split(", ") if listed else []) if lab != "none"]
        body = text.split("<<<\n", 1)[-1].rsplit("\n>>>", 1)[0].lower()
        found = [(body.rfind(lab), lab) for lab in labels if body.rfind(lab) >= 0]
        return max(found)[1] if found else "none"
