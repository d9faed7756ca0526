"""A dataset card's data: the release's prose file and its YAML front matter, derived from the catalog.

Everything a card states as a fact comes from :mod:`ger_plugin.catalog`, :mod:`ger_plugin.data.features`
and the release's reader, so a card can never disagree with them; the hand-written prose of a release
lives in ``ger_plugin/data/card_text/<source key>.md``. :mod:`ger_plugin.data.cards` renders the body
from these through the card template.

A prose file starts with a small YAML header for card facts the catalog does not hold
(``language``; ``other_split_sizes`` for non-test splits), then these ``## `` sections:
:data:`PROSE_SECTIONS`.

``datasets`` and ``huggingface_hub`` are imported inside functions only.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ger_plugin.catalog import (
    SOURCES,
    DatasetEntry,
    HubAccess,
    Modality,
    Scoring,
    Source,
    by_source,
    release_name,
)
from ger_plugin.data import features as feature_schema
from ger_plugin.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    import datasets
    from huggingface_hub import DatasetCardData

#: The per-release prose (ships with the package, so ``build`` can render cards anywhere).
TEXT_DIR = Path(__file__).resolve().parent / "card_text"

#: Prose sections every ``card_text/<key>.md`` must have, in card order.
PROSE_SECTIONS = ("Summary", "Known pitfalls", "Privacy considerations", "Out-of-scope uses", "Limitations")
#: Keys a prose file's YAML header may set.
PROSE_HEADER_KEYS = ("language", "other_split_sizes")

#: Hub licence ids this project may write (a subset of https://huggingface.co/docs/hub/repositories-licenses).
HUB_LICENSE_IDS = frozenset(
    {
        "other",
        "mit",
        "apache-2.0",
        "cc0-1.0",
        "cc-by-4.0",
        "cc-by-sa-4.0",
        "cc-by-nc-4.0",
        "cc-by-nc-sa-4.0",
        "cc-by-nc-nd-4.0",
        "odc-by",
        "odbl",
        "pddl",
    }
)
#: Hub size buckets: (upper bound exclusive, name).
SIZE_CATEGORIES = (
    (1_000, "n<1K"),
    (10_000, "1K<n<10K"),
    (100_000, "10K<n<100K"),
    (1_000_000, "100K<n<1M"),
    (10_000_000, "1M<n<10M"),
)
#: Hub task category of what a model sees.
TASK_CATEGORY = {
    Modality.IMAGE: "image-classification",
    Modality.VIDEO: "video-classification",
    Modality.VIDEO_TEXT: "video-classification",
    Modality.TEXT: "text-classification",
    Modality.AUDIO: "audio-classification",
    Modality.AUDIO_VIDEO: "video-classification",
    Modality.AUDIO_VIDEO_TEXT: "video-classification",
}
#: Hub task ids (sub-tasks) per category; video-classification has none on the Hub.
_TASK_IDS = {
    ("image-classification", False): "multi-class-image-classification",
    ("text-classification", False): "multi-class-classification",
    ("audio-classification", False): "audio-emotion-recognition",
    ("text-classification", True): "sentiment-scoring",
}
BASE_TAGS = ("emotion-recognition", "affective-computing", "ger")

# --------------------------------------------------------------------------------------
# Prose files
# --------------------------------------------------------------------------------------


def read_prose(source_key: str, text_dir: Path | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """The YAML header and the ``## `` sections of a release's prose file; errors name the file."""
    import yaml

    path = (text_dir or TEXT_DIR) / f"{source_key}.md"
    if not path.is_file():
        raise DataError(f"missing card prose; write the sections {', '.join(PROSE_SECTIONS)}", path=path)
    text = path.read_text(encoding="utf-8")
    header: dict[str, Any] = {}
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end < 0:
            raise DataError("YAML header opened with '---' is never closed", path=path, line=1)
        try:
            header = yaml.safe_load(text[4:end]) or {}
        except yaml.YAMLError as exc:
            raise DataError(f"bad YAML header: {exc}", path=path) from exc
        text = text[end + 5 :]
    unknown = set(header) - set(PROSE_HEADER_KEYS)
    if unknown:
        raise DataError(f"unknown header keys {sorted(unknown)}; allowed: {PROSE_HEADER_KEYS}", path=path)
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("## "):
            title = line[3:].strip()
            if title not in PROSE_SECTIONS:
                raise DataError(
                    f"unknown section {title!r}; allowed: {', '.join(PROSE_SECTIONS)}", path=path, line=number
                )
            current = sections.setdefault(title, [])
        elif current is not None:
            current.append(line)
        elif line.strip():
            raise DataError("text before the first '## ' section", path=path, line=number)
    missing = [s for s in PROSE_SECTIONS if not "\n".join(sections.get(s, [])).strip()]
    if missing:
        raise DataError(f"missing or empty sections: {', '.join(missing)}", path=path)
    return header, {title: "\n".join(lines).strip() for title, lines in sections.items()}


# --------------------------------------------------------------------------------------
# Derived facts
# --------------------------------------------------------------------------------------


def hub_configs(source_key: str) -> list[str]:
    """The release's Hub configs, in catalog order."""
    configs: list[str] = []
    for entry in by_source(source_key):
        if entry.hub_config not in configs:
            configs.append(entry.hub_config)
    return configs


def config_entries(source_key: str, config: str) -> list[DatasetEntry]:
    return [e for e in by_source(source_key) if e.hub_config == config]


def data_files(source_key: str, config: str) -> list[dict[str, str]]:
    """``[{split, path}]`` of a config: the layout ``build`` writes (``data/<config>/<split>-*.parquet``)."""
    return [{"split": split, "path": f"data/{config}/{split}-*.parquet"} for split in SOURCES[source_key].splits]


def catalog_split_sizes(source_key: str, header: Mapping[str, Any] | None = None) -> dict[str, dict[str, int]]:
    """Known split sizes per config: ``test`` from the catalog, other splits from the prose header.

    A config with any unknown split is left out: ``datasets`` checks a card's split list as a whole.
    """
    other = (header or {}).get("other_split_sizes") or {}
    sizes: dict[str, dict[str, int]] = {}
    for config in hub_configs(source_key):
        test_sizes = {e.release_test_size for e in config_entries(source_key, config)}
        if len(test_sizes) != 1:
            raise ValueError(f"{source_key}/{config}: variants disagree on the test size: {sorted(test_sizes)}")
        known = {"test": test_sizes.pop(), **{k: int(v) for k, v in (other.get(config) or {}).items()}}
        if "test" in (other.get(config) or {}):
            raise DataError("other_split_sizes may not set 'test' (the catalog owns it)", field=f"{config}.test")
        if set(SOURCES[source_key].splits) <= set(known):
            sizes[config] = {split: known[split] for split in SOURCES[source_key].splits}
    return sizes


def size_category(num_examples: int) -> str:
    for bound, name in SIZE_CATEGORIES:
        if num_examples < bound:
            return name
    return "n>1T" if num_examples >= 10**12 else "other"


def task_categories(source_key: str) -> list[str]:
    cats: list[str] = []
    for entry in by_source(source_key):
        if TASK_CATEGORY[entry.modality] not in cats:
            cats.append(TASK_CATEGORY[entry.modality])
    return cats


def task_ids(source_key: str) -> list[str]:
    sentiment = any(e.scoring is Scoring.SENTIMENT_INTENSITY for e in by_source(source_key))
    ids = [_TASK_IDS.get((cat, sentiment and cat == "text-classification")) for cat in task_categories(source_key)]
    return [i for i in ids if i]


def reader_extra_features(source_key: str) -> dict[str, Any]:
    """The reader's own columns, or none while its module is not written yet."""
    module_name = f"ger_plugin.data.sources.{source_key}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return {}
        raise
    extra = getattr(module, "extra_features", None)
    return dict(extra()) if extra else {}


def release_features(source_key: str) -> datasets.Features:
    return feature_schema.features_for_source(source_key, reader_extra_features(source_key))


# --------------------------------------------------------------------------------------
# Front matter
# --------------------------------------------------------------------------------------


def card_data(
    source_key: str,
    *,
    split_sizes: Mapping[str, Mapping[str, int]] | None = None,
    features: datasets.Features | None = None,
    text_dir: Path | None = None,
) -> DatasetCardData:
    """The card's YAML front matter as ``huggingface_hub.DatasetCardData``.

    ``split_sizes`` (config -> split -> rows) overrides the catalog's: ``build`` passes what it wrote.
    """
    from datasets.info import DatasetInfo, DatasetInfosDict
    from datasets.splits import SplitDict, SplitInfo
    from huggingface_hub import DatasetCardData

    source = SOURCES[source_key]
    header, _ = read_prose(source_key, text_dir)
    if source.license_id not in HUB_LICENSE_IDS | {"unknown"}:
        raise DataError(
            f"licence id {source.license_id!r} is not a Hub licence id", field=f"SOURCES[{source_key!r}].license_id"
        )
    sizes = dict(catalog_split_sizes(source_key, header) if split_sizes is None else split_sizes)
    features = features if features is not None else release_features(source_key)
    configs = hub_configs(source_key)
    default_config = next((e.hub_config for e in by_source(source_key) if e.name == release_name(source_key)), None)

    infos = DatasetInfosDict()
    for config in configs:
        splits = None
        if config in sizes:
            splits = SplitDict()
            for split, rows in sizes[config].items():
                splits.add(SplitInfo(name=split, num_examples=int(rows)))
        infos[config] = DatasetInfo(features=features, splits=splits)

    largest = max((sum(s.values()) for s in sizes.values()), default=0)
    license_fields: dict[str, Any] = (
        {"license": source.license_id}
        if source.license_id not in ("other", "unknown")
        else {"license": "other", "license_name": _license_slug(source), "license_link": source.license_url}
    )
    data = DatasetCardData(
        pretty_name=source.title,
        **license_fields,
        language=list(header.get("language") or ["en"]),
        task_categories=task_categories(source_key),
        task_ids=task_ids(source_key) or None,
        size_categories=[size_category(largest)] if largest else None,
        source_datasets=["extended"],
        tags=list(BASE_TAGS) + [t for t in _task_tags(source_key) if t not in BASE_TAGS],
        configs=[
            {
                "config_name": c,
                "data_files": data_files(source_key, c),
                **({"default": True} if c == default_config and len(configs) > 1 else {}),
            }
            for c in configs
        ],
        **_gating(source),
    )
    infos.to_dataset_card_data(data)
    return data


def _license_slug(source: Source) -> str:
    """A short kebab-case ``license_name`` as the Hub expects (the full licence name is in the body)."""
    return f"{source.key}-no-stated-license" if source.license_id == "unknown" else f"{source.key}-original-license"


def _task_tags(source_key: str) -> list[str]:
    tags = []
    for entry in by_source(source_key):
        tag = entry.task.value.replace("_", "-")
        if tag not in tags:
            tags.append(tag)
    return tags


def _gating(source: Source) -> dict[str, Any]:
    """Access request fields for releases whose licence needs an agreement (none for public ones)."""
    if source.hub_access is HubAccess.PUBLIC:
        return {}
    private = (
        (
            " The original licence does not allow redistribution, so a repository built from it must stay "
            "private to the organisation that holds the licence."
        )
        if source.hub_access is HubAccess.PRIVATE
        else ""
    )
    terms = (
        f"Its owners published it without a licence ({source.license_name}; see {source.license_url})"
        if source.license_id == "unknown"
        else f"Its owners distribute it under their own terms ({source.license_name}; see {source.license_url})"
    )
    prompt = (
        f"This is a standardized copy of {source.title}. {terms}. To obtain the original: {source.access_note} "
        "Access here is for researchers who already hold the original release under those terms. By requesting "
        "access you confirm that you do, that you will use this copy for non-commercial research only, will not "
        "share it further, and will not try to identify or contact the people it shows." + private
    )
    return {
        "extra_gated_prompt": prompt,
        "extra_gated_fields": {
            "Name": "text",
            "Affiliation": "text",
            f"I have obtained the original dataset licence from its distributor ({source.homepage})": "checkbox",
            "I agree to use this dataset for non-commercial research only": "checkbox",
            "I will not try to identify the people in this dataset": "checkbox",
        },
        "extra_gated_button_content": "Request access",
    }
