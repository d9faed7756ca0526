"""Snapshot tests: the rendered prompt text of every task family is locked.

A changed prompt must come with a new ``PROMPT_VERSION`` and regenerated snapshots:
``GER_UPDATE_SNAPSHOTS=1 pytest tests/core/test_prompts.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ger_plugin import catalog
from ger_plugin.catalog import Modality, Task
from ger_plugin.core import prompts

SNAPSHOTS = Path(__file__).parent / "prompt_snapshots"
#: The prompt_version the snapshots were taken with.
SNAPSHOT_VERSION = "1"

# One representative per task family and input kind (the wording depends only on task + modality).
FAMILIES = {
    "fer": ("GER_RAFDB", {}),
    "vsa": ("GER_TwitterI_5", {}),
    "micro": ("GER_CASME2", {}),
    "dfer": ("GER_DFEW", {"frames": 3}),
    "mer_video_text": ("GER_MER2023", {"frames": 3, "text": "I can't believe it!"}),
    "mer_text": ("GER_CHSIMS_Text", {"text": "还不错"}),
    "mer_video": ("GER_CMUMOSI_Video", {"frames": 2}),
}


def _check(name: str, text: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("GER_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text + "\n", encoding="utf-8")
    assert path.is_file(), f"missing snapshot {path}; run with GER_UPDATE_SNAPSHOTS=1"
    assert text + "\n" == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_sample_prompt_snapshot(family: str) -> None:
    name, sample = FAMILIES[family]
    _check(f"sample_{family}", prompts.render_prompt(catalog.get(name), sample=sample))


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_batch_prompt_snapshot(family: str) -> None:
    name, sample = FAMILIES[family]
    batch = [dict(sample, name=f"s{i}", text=f"{sample.get('text', '')} #{i}") for i in range(3)]
    _check(f"batch_{family}", prompts.render_prompt(catalog.get(name), batch=batch))


def test_version_matches_snapshots() -> None:
    assert prompts.PROMPT_VERSION == SNAPSHOT_VERSION, "prompt version changed: regenerate the snapshots"


@pytest.mark.parametrize("entry", list(catalog.DATASETS.values()), ids=lambda e: e.name)
def test_every_entry_renders_its_own_candidates(entry: catalog.DatasetEntry) -> None:
    text = prompts.render_prompt(entry, sample={"text": "hello there"})
    assert f"Candidate labels: {', '.join(entry.labels)}." in text
    assert ("hello there" in text) == entry.modality.has_text
    assert ("frames sampled uniformly" in text) == entry.modality.has_frames
    assert "Label:" in text and "Ranking:" in text
    batch = prompts.render_prompt(entry, batch=[{"name": "a", "text": "x"}, {"name": "b", "text": "y"}])
    assert f"Candidate labels: {', '.join(entry.paper_candidates)}." in batch
    assert "There are 2 inputs" in batch and "'result'" in batch


def test_persona_follows_task_and_modality() -> None:
    assert "facial expression recognition" in prompts.render_prompt(catalog.get("GER_RAFDB"))
    assert "micro-expression" in prompts.render_prompt(catalog.get("GER_SAMM"))
    assert "from text" in prompts.render_prompt(catalog.get("GER_MER2023_Text"), sample={"text": "x"})
    tasks = {e.task for e in catalog.DATASETS.values()}
    assert tasks == set(Task)  # every family above is reachable from the catalog
    assert {e.modality for e in catalog.DATASETS.values()} == set(Modality)


def test_sample_and_batch_are_exclusive() -> None:
    with pytest.raises(ValueError):
        prompts.render_prompt(catalog.get("GER_RAFDB"), sample={}, batch=[{"name": "a"}])
    with pytest.raises(ValueError):
        prompts.render_prompt(catalog.get("GER_RAFDB"), batch=[])
