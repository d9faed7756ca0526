"""Dataset cards: valid for the Hub, in agreement with the catalog, committed up to date, loadable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ger_plugin.catalog import DATASETS, SOURCES, HubAccess, by_source, release_name
from ger_plugin.data import cards
from ger_plugin.errors import DataError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CARDS_DIR = PROJECT_ROOT / "dataset_cards"
# Facts of the Hub's task taxonomy (huggingface.js packages/tasks/src/pipelines.ts).
HUB_SUBTASKS = {
    "image-classification": {"multi-label-image-classification", "multi-class-image-classification"},
    "video-classification": set(),
    "audio-classification": {
        "keyword-spotting",
        "speaker-identification",
        "audio-intent-classification",
        "audio-emotion-recognition",
        "audio-language-identification",
    },
    "text-classification": {
        "multi-class-classification",
        "sentiment-classification",
        "sentiment-scoring",
        "sentiment-analysis",
        "multi-label-classification",
    },
}
HUB_SIZE_CATEGORIES = {"n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M"}


def load_card(key: str):
    from huggingface_hub import DatasetCard

    return DatasetCard.load(CARDS_DIR / f"{release_name(key)}.md")


def card_infos(card) -> dict:
    from datasets.info import DatasetInfosDict

    return DatasetInfosDict.from_dataset_card_data(card.data)


def test_one_committed_card_per_source():
    names = sorted(p.name for p in CARDS_DIR.glob("*.md"))
    assert names == sorted(f"{release_name(k)}.md" for k in SOURCES)
    assert len(names) == 19


def test_committed_cards_are_up_to_date():
    stale = cards.stale_cards(CARDS_DIR)
    assert not stale, "run `python -m ger_plugin.data.cards --write`:\n" + "\n".join(stale)


@pytest.mark.parametrize("key", list(SOURCES))
def test_card_front_matter_parses_and_is_valid_for_the_hub(key):
    data = load_card(key).data
    source = SOURCES[key]
    assert data.pretty_name == source.title
    assert data.license in cards.HUB_LICENSE_IDS
    if source.license_id in ("other", "unknown"):
        assert data.license == "other"
        assert data.license_link == source.license_url
        assert data.license_name and data.license_name == data.license_name.lower() and " " not in data.license_name
    else:
        assert data.license == source.license_id
    assert data.task_categories and set(data.task_categories) <= set(HUB_SUBTASKS)
    for task_id in data.task_ids or []:
        assert any(task_id in HUB_SUBTASKS[c] for c in data.task_categories), task_id
    assert len(data.size_categories) == 1 and data.size_categories[0] in HUB_SIZE_CATEGORIES
    assert data.source_datasets == ["extended"]
    assert {"emotion-recognition", "affective-computing", "ger"} <= set(data.tags)
    assert data.language == (["zh"] if key in ("mer2023", "chsims") else ["en"])


@pytest.mark.parametrize("key", list(SOURCES))
def test_card_configs_follow_the_catalog_and_the_build_layout(key):
    data = load_card(key).data
    configs = {c["config_name"]: c for c in data.configs}
    assert list(configs) == list(dict.fromkeys(e.hub_config for e in by_source(key)))
    for name, config in configs.items():
        assert config["data_files"] == [
            {"split": split, "path": f"data/{name}/{split}-*.parquet"} for split in SOURCES[key].splits
        ]


@pytest.mark.parametrize("key", list(SOURCES))
def test_card_features_and_counts_agree_with_the_catalog(key):
    card = load_card(key)
    infos = card_infos(card)
    for entry in by_source(key):
        info = infos[entry.hub_config]
        assert info.features["label"].names == list(entry.labels), entry.name
        assert info.features == cards.release_features(key)
        if info.splits:  # every split listed, or none (datasets checks the list as a whole)
            assert set(info.splits) == set(SOURCES[key].splits)
            assert info.splits["test"].num_examples == entry.release_test_size, entry.name
    single_split_release = SOURCES[key].splits == ("test",)
    assert not single_split_release or all(info.splits for info in infos.values())


@pytest.mark.parametrize("key", list(SOURCES))
def test_card_body_carries_the_generated_facts(key):
    text = load_card(key).text
    for entry in by_source(key):
        for original, canonical in entry.original_labels.items():
            assert f"| `{original}` | `{canonical}` | {entry.labels.index(canonical)} |" in text, (entry.name, original)
        for label, count in entry.class_counts.items():
            assert f"| `{label}` | {count} |" in text, (entry.name, label)
        if entry.paper is not None:
            for metric, value in entry.paper.gpt4v.items():
                assert f"| {metric} | {value:.2f} |" in text, (entry.name, metric)
    assert SOURCES[key].citation in text
    for title in cards.PROSE_SECTIONS:
        assert f"\n## {title}\n" in text


@pytest.mark.parametrize("key", list(SOURCES))
def test_gated_releases_ask_for_the_licence_and_public_ones_do_not(key):
    data = load_card(key).data.to_dict()
    source = SOURCES[key]
    if source.hub_access is HubAccess.PUBLIC:
        assert not any(k.startswith("extra_gated") for k in data)
        return
    assert source.license_url in data["extra_gated_prompt"]
    fields = data["extra_gated_fields"]
    assert fields["Name"] == "text" and fields["Affiliation"] == "text"
    checkboxes = [label for label, kind in fields.items() if kind == "checkbox"]
    assert any("licence" in label and source.homepage in label for label in checkboxes)
    assert any("non-commercial" in label for label in checkboxes)
    if source.hub_access is HubAccess.PRIVATE:
        assert "private" in data["extra_gated_prompt"]


def test_check_exits_non_zero_on_a_stale_card(tmp_path, capsys):
    assert cards.main(["--write", "--dir", str(tmp_path), "--only", "twitter2", "ravdess"]) == 0
    assert cards.main(["--check", "--dir", str(tmp_path), "--only", "twitter2", "ravdess"]) == 0
    path = tmp_path / "GER_TwitterII.md"
    path.write_text(path.read_text().replace("num_examples: 603", "num_examples: 604"))
    assert cards.main(["--check", "--dir", str(tmp_path), "--only", "twitter2", "ravdess"]) == 1
    err = capsys.readouterr().err
    assert "GER_TwitterII.md" in err and "604" in err and "GER_RAVDESS" not in err
    path.unlink()
    assert cards.main(["--check", "--dir", str(tmp_path), "--only", "twitter2"]) == 1


def test_check_command_passes_on_the_committed_cards():
    proc = subprocess.run(
        [sys.executable, "-m", "ger_plugin.data.cards", "--check"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_bad_prose_gives_an_error_naming_the_file_and_section(tmp_path):
    original = (cards.TEXT_DIR / "casme.md").read_text()
    (tmp_path / "casme.md").write_text(original.replace("## Limitations", "## Limits"))
    with pytest.raises(DataError, match=r"casme\.md.*unknown section 'Limits'"):
        cards.render_card("casme", text_dir=tmp_path)
    (tmp_path / "casme.md").write_text(original.split("## Limitations")[0])
    with pytest.raises(DataError, match=r"casme\.md.*missing or empty sections: Limitations"):
        cards.render_card("casme", text_dir=tmp_path)
    (tmp_path / "casme.md").write_text("---\nlanguage: [en]\nfavourite: 1\n---\n" + original.split("---\n", 2)[2])
    with pytest.raises(DataError, match="unknown header keys"):
        cards.render_card("casme", text_dir=tmp_path)


def _write_tiny_build(folder: Path, key: str, rows_per_config: dict[str, int]) -> None:
    """Parquet in the layout ``build`` writes, for an image release, with generated images."""
    import datasets
    from PIL import Image

    features = cards.release_features(key)
    labels = features["label"].names
    for config, rows in rows_per_config.items():
        records = {
            "id": [f"{config}_{i}" for i in range(rows)],
            "label": [i % len(labels) for i in range(rows)],
            "label_original": [labels[i % len(labels)] for i in range(rows)],
            "image": [Image.new("RGB", (4, 4), (i * 40, 0, 0)) for i in range(rows)],
        }
        # the reader's extra columns are not what this test is about: leave them empty
        ds = datasets.Dataset.from_dict({k: records.get(k, [None] * rows) for k in features}, features=features)
        (folder / "data" / config).mkdir(parents=True)
        ds.to_parquet(str(folder / "data" / config / "test-00000-of-00001.parquet"))


@pytest.mark.parametrize("key", ["twitter2", "twitter1"])
def test_a_card_rendered_with_the_built_sizes_loads_with_datasets(tmp_path, monkeypatch, key):
    import datasets

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    configs = cards.hub_configs(key)
    sizes = {config: 2 + i for i, config in enumerate(configs)}
    folder = tmp_path / release_name(key)
    _write_tiny_build(folder, key, sizes)
    card = cards.render_card(key, split_sizes={c: {"test": n} for c, n in sizes.items()})
    (folder / "README.md").write_text(card, encoding="utf-8")
    for config, rows in sizes.items():
        ds = datasets.load_dataset(str(folder), config, split="test", cache_dir=str(tmp_path / "cache"))
        assert ds.num_rows == rows
        assert ds.features["label"].names == list(DATASETS[by_source(key)[0].name].labels)
        assert ds[0]["id"] == f"{config}_0"


@pytest.mark.parametrize("key", list(SOURCES))
def test_paper_versus_release_count_differences_are_explained_in_the_prose(key):
    _, prose = cards.read_prose(key)
    for entry in by_source(key):
        if entry.paper is None or entry.test_size == entry.release_test_size:
            continue
        for number in (entry.test_size, entry.release_test_size):
            assert f"{number:,}" in prose["Known pitfalls"] or str(number) in prose["Known pitfalls"], (key, number)


def test_the_body_comes_from_the_shipped_card_template(tmp_path, monkeypatch):
    assert cards.TEMPLATE.is_file() and cards.TEMPLATE.parent.parent == Path(cards.__file__).parent
    custom = tmp_path / "card.md"
    custom.write_text("---\n{{ card_data }}\n---\n\n# {{ release }}: {{ variants | length }} variants\n")
    monkeypatch.setattr(cards, "TEMPLATE", custom)
    text = cards.render_card("mer2023")
    variants = len(by_source("mer2023"))
    assert text.rstrip("\n").endswith(f"\n# GER_MER2023: {variants} variants")
    assert text.startswith("---\n") and "pretty_name: MER2023" in text
