"""Chance baselines as host models, so every leaderboard has a floor.

``GER_Random`` answers a uniformly drawn label of the dataset; the draw is seeded by the
prompt's content (text and image file names) and the run's seed, so reruns give identical
predictions; under ``ger run --repeats N`` repeat k uses seed k (:mod:`ger_plugin.host.repeats`),
so every repeat draws anew.
``GER_Majority`` always answers the most frequent class of the dataset's test split
(catalog ``class_counts``; the first label when the catalog has no counts).
Both answer per-sample prompts (not the ``_Batch`` variants) and cost nothing to run.
"""

from __future__ import annotations

import hashlib
import os
import random
from collections.abc import MutableMapping
from functools import partial
from typing import Any

from vlmeval.vlm.base import BaseModel

from ger_plugin import catalog
from ger_plugin.host.repeats import seed_from_env

MODEL_NAMES = ("GER_Random", "GER_Majority")


class GERChanceModel(BaseModel):
    """A host model that never looks at pixels: uniform random or majority class."""

    INTERLEAVE = True
    VIDEO_LLM = False
    is_api = False

    def __init__(self, strategy: str = "random", seed: int | None = None, **_: Any) -> None:
        super().__init__()
        if strategy not in ("random", "majority"):
            raise ValueError(f"unknown chance strategy {strategy!r}")
        self.strategy, self.seed = strategy, seed_from_env() if seed is None else seed

    def generate_inner(self, message: list[dict[str, str]], dataset: str | None = None) -> str:
        if not dataset:
            raise ValueError("GER chance baselines need the dataset name to know its labels")
        entry = catalog.parse_host_name(dataset).entry
        if self.strategy == "majority":
            counts = entry.class_counts
            return max(entry.labels, key=lambda lab: counts.get(lab, 0)) if counts else entry.labels[0]
        return random.Random(self._seed_for(message, dataset)).choice(entry.labels)

    def _seed_for(self, message: list[dict[str, str]], dataset: str) -> int:
        # File names, not absolute paths: the same sample gets the same draw on any machine.
        parts = [str(self.seed), dataset]
        parts += [item["value"] if item["type"] == "text" else os.path.basename(item["value"]) for item in message]
        return int.from_bytes(hashlib.sha256("\x1f".join(parts).encode()).digest()[:8], "big")


def register_models(supported_vlm: MutableMapping[str, Any]) -> None:
    """Add the baselines to the host's model table (idempotent)."""
    supported_vlm.setdefault("GER_Random", partial(GERChanceModel, strategy="random"))
    supported_vlm.setdefault("GER_Majority", partial(GERChanceModel, strategy="majority"))
