"""Prompt variants for sensitivity runs: P1 paraphrases the instruction, P2 shuffles the labels (seeded)."""

from __future__ import annotations

import re

import pytest
from test_prompts import _check

from ger_plugin import catalog
from ger_plugin.core import prompts


@pytest.mark.parametrize("variant", ["P1", "P2"])
@pytest.mark.parametrize("name", ["GER_RAFDB", "GER_MER2023"])
def test_variant_snapshot(name: str, variant: str) -> None:
    sample = {"frames": 3, "text": "I can't believe it!"} if name == "GER_MER2023" else {}
    _check(f"variant_{variant}_{name}", prompts.render_prompt(catalog.get(name), sample=sample, variant=variant))


def _candidates(text: str) -> list[str]:
    line = next(x for x in text.splitlines() if re.match(r"(Candidate labels|Choose among these emotions only):", x))
    return line.split(":", 1)[1].strip().rstrip(".").split(", ")


@pytest.mark.parametrize("entry", [e for e in catalog.DATASETS.values() if len(e.labels) > 1], ids=lambda e: e.name)
def test_p2_lists_the_same_labels_in_another_fixed_order(entry: catalog.DatasetEntry) -> None:
    standard, shuffled = prompts.render_sample(entry), prompts.render_sample(entry, variant="P2")
    assert _candidates(standard) == list(entry.labels)
    assert sorted(_candidates(shuffled)) == sorted(entry.labels) and _candidates(shuffled) != list(entry.labels)
    assert shuffled == prompts.render_sample(entry, variant="P2"), "seeded: the same order every time"
    # only the order changed: same lines otherwise
    assert [x for x in standard.splitlines() if not x.startswith("Candidate")] == [
        x for x in shuffled.splitlines() if not x.startswith("Candidate")
    ]


def test_p1_rewords_every_instruction_line_but_keeps_the_answer_format() -> None:
    entry = catalog.get("GER_RAFDB")
    standard, para = prompts.render_sample(entry).splitlines(), prompts.render_sample(entry, variant="P1").splitlines()
    assert _candidates("\n".join(para)) == list(entry.labels)
    reworded = [x for x in para if x not in standard]
    assert len(reworded) >= 4, reworded
    assert any(x.startswith("Label: <") for x in para) and any(x.startswith("Ranking: <") for x in para)


def test_variants_are_for_per_sample_prompts_only() -> None:
    entry = catalog.get("GER_RAFDB")
    with pytest.raises(ValueError):
        prompts.render_prompt(entry, batch=[{"name": "a"}], variant="P1")
    with pytest.raises(ValueError):
        prompts.render_sample(entry, variant="P9")
