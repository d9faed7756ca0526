"""Robustness and prompt-variant names parse like the host's ``_<N>frame`` suffix: catalog lookup, no new entries."""

import pytest

from ger_plugin import catalog
from ger_plugin.catalog import DATASETS, UnknownDatasetError, parse_host_name


@pytest.mark.parametrize(
    ("name", "base", "corruption", "prompt", "frames", "batch"),
    [
        ("GER_RAFDB_Blur3", "GER_RAFDB", "Blur3", "", 0, False),
        ("GER_RAFDB_Grey_jpeg2", "GER_RAFDB_Grey", "JPEG2", "", 0, False),  # case-insensitive, canonical spelling
        ("GER_TwitterI_5_Noise1_P2", "GER_TwitterI_5", "Noise1", "P2", 0, False),
        ("GER_SAMM_LowRes1", "GER_SAMM", "LowRes1", "", 0, False),
        ("GER_DFEW_8frame_P1", "GER_DFEW", "", "P1", 8, False),
        ("GER_MER2023_Text_P2", "GER_MER2023_Text", "", "P2", 0, False),
        ("GER_RAFDB_Batch", "GER_RAFDB", "", "", 0, True),
        ("GER_TwitterI_5", "GER_TwitterI_5", "", "", 0, False),
    ],
)
def test_suffixes_split_off_the_catalog_entry(name, base, corruption, prompt, frames, batch):
    variant = parse_host_name(name)
    assert (variant.entry.name, variant.corruption, variant.prompt_variant) == (base, corruption, prompt)
    assert (variant.frames if variant.entry.modality.has_frames else 0, variant.batch) == (frames, batch)
    assert variant.robustness == "_".join(p for p in (corruption, prompt) if p)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("GER_DFEW_Blur1", "image datasets only"),
        ("GER_RAFDB_Blur4", "severity"),
        ("GER_RAFDB_P3", "unknown prompt variant"),
        ("GER_RAFDB_P1_Batch", "per-sample prompts"),
    ],
)
def test_bad_variants_name_the_rule_they_break(name, why):
    with pytest.raises(UnknownDatasetError, match=why):
        parse_host_name(name)


def test_variants_are_derived_names_not_catalog_entries():
    assert not any(n.endswith(("_P1", "_P2")) or "_Blur" in n for n in DATASETS)
    assert catalog.CORRUPTIONS == ("Blur", "Noise", "JPEG", "LowRes") and catalog.CORRUPTION_SEVERITIES == (1, 2, 3)
