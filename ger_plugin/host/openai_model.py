"""``GER_OpenAI``: a host API model on the official ``openai`` client.

Settings come from the environment, so no key or endpoint ever goes through a file or argv:

- ``GER_OPENAI_MODEL``: the model id sent to the endpoint (required);
- ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY``: read by the ``openai`` client itself;
- ``GER_OPENAI_VIDEO=1``: the endpoint accepts ``video_url`` parts (vLLM, LMDeploy); the host then
  treats the model as a video model and clips go as ``video_url`` instead of stills;
- ``GER_OPENAI_USAGE_DIR``: where the token-usage sidecar goes (default: the host run's
  prediction folder, ``{--work-dir}/{model name}``).

Message items map to chat content parts: ``text`` -> text, ``image`` -> ``image_url`` (data URL),
``audio`` -> ``input_audio`` (base64 WAV or MP3), ``video`` -> ``video_url`` (data URL; only with
``GER_OPENAI_VIDEO``). :func:`request_body` is the one place a request is built; the Batch API
(:mod:`ger_plugin.host.openai_batch`) writes the same bodies into its JSONL.

Requests: one ``openai.OpenAI`` client shared by the host's worker threads. The client retries
429/5xx/timeouts itself (``max_retries``, honouring ``Retry-After``) within ``timeout`` per attempt;
on top of that a bounded loop of ``retry`` attempts re-asks an empty or unreadable answer. Unlike
the host's ``BaseAPI.generate`` there is no random 0-0.5 s sleep before each call.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import mimetypes
import os
import sys
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from vlmeval.api.base import BaseAPI

from ger_plugin.errors import GerError
from ger_plugin.host import OPENAI_MODEL as MODEL_NAME

ENV_MODEL = "GER_OPENAI_MODEL"
ENV_VIDEO = "GER_OPENAI_VIDEO"
ENV_USAGE_DIR = "GER_OPENAI_USAGE_DIR"
FAIL_MSG = "Failed to obtain answer via API."
#: Client errors a retry cannot fix (bad request, key, permission, model name): stop at once.
_FINAL_STATUS = frozenset({400, 401, 403, 404, 422})
_AUDIO_FORMATS = {".wav": "wav", ".mp3": "mp3"}


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def data_url(path: str | os.PathLike[str], default_mime: str = "application/octet-stream") -> str:
    mime = mimetypes.guess_type(str(path))[0] or default_mime
    return f"data:{mime};base64,{base64.b64encode(Path(path).read_bytes()).decode('ascii')}"


def content_part(item: Mapping[str, str], *, video: bool) -> dict[str, Any]:
    """One host message item (``type``, ``value``) as one chat content part."""
    kind, value = item["type"], item["value"]
    if kind == "text":
        return {"type": "text", "text": value}
    if kind == "image":
        return {"type": "image_url", "image_url": {"url": data_url(value, "image/png")}}
    if kind == "audio":
        fmt = _AUDIO_FORMATS.get(Path(value).suffix.lower())
        if fmt is None:
            raise GerError(f"{value}: input_audio takes .wav or .mp3 files")
        data = base64.b64encode(Path(value).read_bytes()).decode("ascii")
        return {"type": "input_audio", "input_audio": {"data": data, "format": fmt}}
    if kind == "video":
        if not video:
            raise GerError(f"{value}: a video item, but {ENV_VIDEO} is off (the endpoint takes no video_url)")
        return {"type": "video_url", "video_url": {"url": data_url(value, "video/mp4")}}
    raise GerError(f"GER_OpenAI cannot send a message item of type {kind!r}")


def request_body(
    message: Sequence[Mapping[str, str]],
    model: str,
    *,
    video: bool = False,
    max_tokens: int = 1024,
    temperature: float = 0.0,
    system_prompt: str | None = None,
) -> dict[str, Any]:
    """The chat-completions body for one host message (live calls and Batch API lines alike)."""
    messages: list[dict[str, Any]] = []
    if system_prompt:
        messages.append({"role": "system", "content": system_prompt})
    messages.append({"role": "user", "content": [content_part(item, video=video) for item in message]})
    return {"model": model, "messages": messages, "temperature": temperature, "max_tokens": max_tokens}


def message_key(message: Sequence[Mapping[str, str]]) -> str:
    """A short fingerprint of one host message: its text and, per media file, the file and folder
    name (a sample's frames share names across folders), so the same on any machine."""
    parts = [
        f"{i['type']}:{i['value'] if i['type'] == 'text' else '/'.join(Path(i['value']).parts[-2:])}" for i in message
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def host_prediction_dir(model_name: str, argv: Sequence[str] | None = None) -> Path:
    """The host run's prediction folder ``{work_dir}/{model}``, as ``vlmeval/run.py`` derives it."""
    if os.environ.get(ENV_USAGE_DIR):
        return Path(os.environ[ENV_USAGE_DIR])
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--work-dir", default="./outputs")
    known, _ = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    root = os.environ.get("MMEVAL_ROOT") or known.work_dir  # run.py: MMEVAL_ROOT wins
    return Path(root) / model_name


class GEROpenAI(BaseAPI):
    """Chat completions through the official client; see the module docstring."""

    is_api = True
    INTERLEAVE = True
    allowed_types: ClassVar[list[str]] = ["text", "image", "audio", "video"]

    def __init__(
        self,
        model: str | None = None,
        *,
        name: str = MODEL_NAME,
        retry: int = 3,
        timeout: float = 60.0,
        max_retries: int = 4,
        max_tokens: int = 1024,
        temperature: float = 0.0,
        video: bool | None = None,
        system_prompt: str | None = None,
        verbose: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(retry=retry, system_prompt=system_prompt, verbose=verbose, **kwargs)
        self.model = model or os.environ.get(ENV_MODEL, "").strip()
        if not self.model:
            raise GerError(f"{MODEL_NAME} needs the endpoint's model id: set {ENV_MODEL} (e.g. gpt-4o)")
        self.name = name
        self.VIDEO_LLM = env_flag(ENV_VIDEO) if video is None else bool(video)
        self.max_tokens, self.temperature = int(max_tokens), float(temperature)
        self.timeout, self.max_retries = float(timeout), int(max_retries)
        self._usage_lock = threading.Lock()
        self.client = self._client()

    def _client(self) -> Any:
        import openai

        # key and base URL: the client's own OPENAI_API_KEY / OPENAI_BASE_URL
        return openai.OpenAI(max_retries=self.max_retries, timeout=self.timeout)

    def __getstate__(self) -> dict[str, Any]:  # --api-mode may pickle the model
        state = dict(self.__dict__)
        state.pop("client", None)
        state.pop("_usage_lock", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._usage_lock = threading.Lock()
        self.client = self._client()

    def body(self, message: Sequence[Mapping[str, str]]) -> dict[str, Any]:
        return request_body(
            message,
            self.model,
            video=self.VIDEO_LLM,
            max_tokens=self.max_tokens,
            temperature=self.temperature,
            system_prompt=self.system_prompt,
        )

    def _normalise(self, message: Any) -> list[dict[str, str]]:
        if self.check_content(message) == "listdict":
            message = self.preprocess_message_with_role([dict(m) for m in message])
        items = self.preproc_content(message)
        if items is None:
            raise GerError(f"{MODEL_NAME}: cannot read the message {message!r:.200}")
        return items

    def generate(self, message: Any, dataset: str | None = None, **_: Any) -> str:  # type: ignore[override]
        import openai

        items = self._normalise(message)
        body = self.body(items)
        for _attempt in range(max(1, self.retry)):
            try:
                response = self.client.chat.completions.create(**body)
            except openai.APIStatusError as err:
                self._log(f"HTTP {err.status_code}: {err.message}")
                if err.status_code in _FINAL_STATUS:
                    break
                continue
            except (openai.APIError, ValueError) as err:  # timeouts, dropped connections, broken JSON
                self._log(f"{type(err).__name__}: {err}")
                continue
            text = (response.choices[0].message.content or "") if response.choices else ""
            self._record(dataset, items, response)
            if text.strip():
                return text
            self._log("empty answer")
        return self.fail_msg

    def generate_inner(self, inputs: Any, **kwargs: Any) -> tuple[int, str, str]:
        answer = self.generate(inputs, **kwargs)
        return (0 if answer != self.fail_msg else -1), answer, ""

    def _log(self, text: str) -> None:
        if self.verbose:
            from vlmeval.smp import get_logger

            get_logger(__name__).info(f"{MODEL_NAME}: {text}")

    def _record(self, dataset: str | None, items: Sequence[Mapping[str, str]], response: Any) -> None:
        usage = getattr(response, "usage", None)
        if usage is None or not dataset:
            return
        from ger_plugin.core import result_files

        path = result_files.usage_path(host_prediction_dir(self.name), self.name, dataset)
        record = {
            "key": message_key(items),
            "model": self.model,
            "batch": False,
            "prompt_tokens": int(usage.prompt_tokens or 0),
            "completion_tokens": int(usage.completion_tokens or 0),
        }
        with self._usage_lock:
            result_files.append_usage(path, record)
