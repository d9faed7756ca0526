import csv
import subprocess
import sys

import pytest

from ger_plugin import catalog
from ger_plugin.catalog import DATASETS, SOURCES, Modality, Task

BRIEF_NAMES = [
    "GER_CKPlus",
    "GER_SFEW2",
    "GER_FERPlus",
    "GER_RAFDB",
    "GER_AffectNet",
    "GER_TwitterI_5",
    "GER_TwitterI_4",
    "GER_TwitterI_3",
    "GER_TwitterII",
    "GER_Abstract",
    "GER_ArtPhoto",
    "GER_CASME",
    "GER_CASME2",
    "GER_SAMM",
    "GER_DFEW",
    "GER_FERV39k",
    "GER_RAVDESS",
    "GER_eNTERFACE05",
    "GER_MER2023",
    "GER_CHSIMS",
    "GER_CMUMOSI",
]


def test_every_name_of_the_brief_is_in_the_catalog_with_a_paper_row():
    for name in BRIEF_NAMES:
        assert DATASETS[name].paper is not None, name
    assert sorted(e.name for e in catalog.paper_entries()) == sorted(BRIEF_NAMES)


def test_nineteen_sources_each_used_by_at_least_one_entry():
    assert len(SOURCES) == 19
    assert {e.source_key for e in DATASETS.values()} == set(SOURCES)


@pytest.mark.parametrize("name", ["GER_MER2023", "GER_CHSIMS", "GER_CMUMOSI"])
def test_multimodal_datasets_have_text_and_video_variants(name):
    assert DATASETS[name].modality is Modality.VIDEO_TEXT
    assert DATASETS[name + "_Text"].modality is Modality.TEXT
    assert DATASETS[name + "_Video"].modality is Modality.VIDEO
    assert DATASETS[name + "_Text"].default_frames == 0


def test_dfew_has_five_folds_and_the_paper_used_fold_one():
    folds = [e for e in catalog.by_source("dfew")]
    assert sorted(e.hub_config for e in folds) == [f"fold{i}" for i in range(1, 6)]
    assert DATASETS["GER_DFEW"].hub_config == "fold1"


@pytest.mark.parametrize("entry", list(DATASETS.values()), ids=lambda e: e.name)
def test_entry_is_consistent(entry):
    assert len(set(entry.labels)) == len(entry.labels)
    assert set(entry.original_labels.values()) <= set(entry.labels)
    assert set(entry.labels) <= set(entry.original_labels.values()), "every class reachable from the release"
    if entry.class_counts:
        assert set(entry.class_counts) == set(entry.labels)
        assert sum(entry.class_counts.values()) == entry.release_test_size
    assert (entry.default_frames > 0) == entry.modality.has_frames
    assert entry.hub_repo_id("org") == f"org/ger-{entry.source_key}"
    assert entry.source.citation.lstrip().startswith("@")
    if entry.paper:
        assert entry.paper.table == catalog.TASK_TABLES[entry.task]
        assert set(entry.paper.best_supervised) == set(entry.paper.gpt4v)


def test_paper_numbers_match_the_reference_tables(paper_tables_csv):
    rows = list(csv.DictReader(paper_tables_csv.open()))
    gpt4v = {(r["dataset"], r["metric"]): float(r["value"]) for r in rows if r["method"] == "GPT-4V"}
    best: dict = {}
    for r in rows:
        if r["method"] != "GPT-4V":
            key = (r["dataset"], r["metric"])
            if key not in best or float(r["value"]) > best[key][1]:
                best[key] = (r["method"], float(r["value"]))
    seen = set()
    for entry in catalog.paper_entries():
        for metric, value in entry.paper.gpt4v.items():
            key = (entry.paper.row_name, metric)
            seen.add(key)
            assert gpt4v[key] == value, key
            assert best[key] == entry.paper.best_supervised[metric], key
    assert seen == set(gpt4v), "every GPT-4V number of Tables 3-7 has a catalog entry"
    assert len(seen) == 25


def test_task_groups_expand_in_order_without_repeats():
    assert catalog.expand(["GER_FER"]) == ["GER_CKPlus", "GER_SFEW2", "GER_FERPlus", "GER_RAFDB", "GER_AffectNet"]
    assert catalog.expand(["GER_RAFDB", "GER_FER"])[0] == "GER_RAFDB"
    assert len(catalog.expand(["GER_ALL"])) == 21
    assert set(catalog.TASK_GROUPS) == {t.group for t in Task} | {"GER_ALL"}


def test_unknown_name_error_suggests_close_matches():
    with pytest.raises(KeyError, match="GER_RAFDB"):
        catalog.get("GER_RAFD")
    assert catalog.get("ger_rafdb").name == "GER_RAFDB"


def test_hub_namespace_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("GER_HUB_NAMESPACE", "my-lab")
    assert DATASETS["GER_RAFDB"].hub_repo_id() == "my-lab/ger-rafdb"
    monkeypatch.delenv("GER_HUB_NAMESPACE")
    assert DATASETS["GER_RAFDB"].hub_repo_id() == f"{catalog.DEFAULT_HUB_NAMESPACE}/ger-rafdb"


def test_import_ger_plugin_is_light():
    code = (
        "import sys, ger_plugin, ger_plugin.catalog, ger_plugin.core.labels, ger_plugin.commands;"
        "heavy = [m for m in ('vlmeval', 'torch', 'datasets', 'pandas', 'numpy') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize(
    "name, base, frames, batch",
    [
        ("GER_DFEW_8frame", "GER_DFEW", 8, False),
        ("GER_DFEW", "GER_DFEW", 2, False),
        ("GER_RAFDB_Batch", "GER_RAFDB", 0, True),
        ("GER_MER2023_16frame_Batch", "GER_MER2023", 16, True),
        ("GER_TwitterI_5", "GER_TwitterI_5", 0, False),
        ("GER_CMUMOSI_Text", "GER_CMUMOSI_Text", 0, False),
    ],
)
def test_parse_host_name(name, base, frames, batch):
    variant = catalog.parse_host_name(name)
    assert (variant.entry.name, variant.frames, variant.batch) == (base, frames, batch)


@pytest.mark.parametrize("name", ["GER_RAFDB_8frame", "GER_DFEW_17frame", "GER_DFEW_0frame", "GER_Nope_3frame"])
def test_parse_host_name_rejects_bad_variants(name):
    with pytest.raises(KeyError):
        catalog.parse_host_name(name)
