"""Checks every image-release reader must pass on its fixture (imported by tests/data/sources/test_source_*.py)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from release_fixtures._images import label_of_image

from ger_plugin import catalog
from ger_plugin.data.features import features_for_source
from ger_plugin.data.sources import count_differences, map_label, reader
from ger_plugin.errors import DataError


def entry(key: str, config: str) -> catalog.DatasetEntry:
    return [e for e in catalog.by_source(key) if e.hub_config == config][0]


def read_fixture(key: str, root: Path) -> dict[tuple[str, str], list[dict]]:
    """Write the fixture under ``root``, read every (config, split) it defines and check the records.

    Checks: exactly the expected ids and labels, unique ids, media that exist and show the
    record's label (fixture images encode it as colour), ``label_original`` maps to ``label``,
    the standard plus declared extra columns, and that the records encode with the release's
    Features (what ``build`` will do).
    """
    expected = importlib.import_module(f"release_fixtures.{key}").make(root)
    module = reader(key)
    assert set(module.CONFIGS) == {e.hub_config for e in catalog.by_source(key)}
    extra = module.extra_features()
    features = features_for_source(key, extra)
    out = {}
    for (config, split), labels in expected.items():
        records = list(module.read(root, config=config, split=split))
        ids = [r["id"] for r in records]
        assert len(ids) == len(set(ids)), "ids must be unique"
        assert {r["id"]: r["label"] for r in records} == labels
        for record in records:
            assert set(record) == set(features), record
            path = Path(record["image"])
            assert isinstance(record["image"], str) and path.is_absolute() and path.is_file()
            with Image.open(path) as image:
                assert label_of_image(image) == record["label"], record["id"]
            assert map_label(entry(key, config), record["label_original"]) == record["label"]
        features.encode_example(records[0])
        out[(config, split)] = records
    return out


def assert_counts_differ(key: str, config: str, records: list[dict]) -> None:
    """The fixture is tiny, so the catalog's per-class check must report differences."""
    problems = count_differences(entry(key, config), [r["label"] for r in records])
    assert problems and any("test samples" in p for p in problems)


def assert_data_error(read: Callable[[], object], *fragments: str) -> str:
    """``read()`` raises DataError whose message names every fragment (file names, line numbers)."""
    with pytest.raises(DataError) as info:
        list(read())  # readers are generators: errors surface while iterating
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    return message
