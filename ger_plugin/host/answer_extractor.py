"""An optional model-based answer extractor, checked against the parsing rules.

Free answers can also be read by a language model, as MER-UniBench and the host's judges do:
the model gets the answer and the label set and names the one label the answer commits to (or
"none"). This is OFF by default -- the rules of :mod:`ger_plugin.core.parsing` stay the scorer,
and the paper protocol never uses it. It exists to measure the rules: :func:`agreement` reports,
per dataset, how often the model-based reading and the rules' reading agree.

Any OpenAI-compatible endpoint works (vLLM, Ollama, LM Studio, the OpenAI API), through the
official ``openai`` client, at temperature 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ger_plugin.core.parsing import parse_answer
from ger_plugin.errors import GerError

#: The instruction the extractor model gets (versioned: change the version with the text).
PROMPT_VERSION = "extract-v1"
SYSTEM_PROMPT = (
    "You read answers that another model gave to an emotion recognition question and report the one "
    "label the answer commits to. Ignore labels the answer rules out, only considers, or merely repeats "
    "from the question. Reply with exactly one label from the list, or with none if the answer refuses, "
    "cannot decide, or names no label from the list."
)


def user_prompt(answer: str, labels: Sequence[str]) -> str:
    return f"Labels: {', '.join(labels)}, none\n\nAnswer to read:\n<<<\n{answer}\n>>>\n\nThe label:"


class ExtractorError(GerError):
    """The extractor endpoint could not be reached or answered with an error."""


@dataclass
class ModelExtractor:
    """Reads answers with a chat model behind an OpenAI-compatible endpoint, at temperature 0."""

    model: str
    base_url: str
    api_key: str = "EMPTY"
    timeout_s: float = 60.0
    max_tokens: int = 16
    _client: Any = field(default=None, repr=False)

    def request(self, answer: str, labels: Sequence[str]) -> dict[str, Any]:
        """The chat-completions request for one answer (deterministic: temperature 0)."""
        return {
            "model": self.model,
            "temperature": 0,
            "max_tokens": self.max_tokens,
            "messages": [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": user_prompt(answer, labels)},
            ],
        }

    def _chat(self) -> Any:
        if self._client is None:
            import openai

            self._client = openai.OpenAI(
                base_url=self.base_url, api_key=self.api_key, timeout=self.timeout_s, max_retries=2
            )
        return self._client

    def extract(self, answer: str, labels: Sequence[str]) -> str | None:
        """The label of ``labels`` the model says the answer commits to, or None."""
        import openai

        try:
            reply = self._chat().chat.completions.create(**self.request(answer, labels))
        except openai.OpenAIError as err:
            raise ExtractorError(f"answer extractor {self.model} at {self.base_url}: {err}") from None
        text = (reply.choices[0].message.content or "").strip() if reply.choices else ""
        return parse_answer(text, labels).label if text else None


def agreement(rows: Iterable[tuple[str, str, Sequence[str]]], extractor: ModelExtractor) -> dict[str, dict[str, Any]]:
    """Per dataset: how often the extractor's label equals the rules' label.

    ``rows`` are (dataset name, answer text, label set). Returns dataset -> ``{"n", "agree",
    "agreement" (percent), "disagreements": [(answer, rules' label, extractor's label), ...]}``.
    """
    out: dict[str, dict[str, Any]] = {}
    for dataset, text, labels in rows:
        rules = parse_answer(text, labels).label
        model = extractor.extract(text, labels)
        cell = out.setdefault(dataset, {"n": 0, "agree": 0, "disagreements": []})
        cell["n"] += 1
        if rules == model:
            cell["agree"] += 1
        else:
            cell["disagreements"].append((text, rules, model))
    for cell in out.values():
        cell["agreement"] = 100.0 * cell["agree"] / cell["n"]
    return out
