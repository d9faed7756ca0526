"""Every release: fixture copy of its original layout -> reader -> build -> load_dataset on the folder.

Parametrized over the catalog's sources: every release must have a fixture
(``release_fixtures.<key>``) and a reader (``ger_plugin.data.sources.<key>``).
"""

from __future__ import annotations

import importlib
import warnings

import pytest

from ger_plugin import catalog
from ger_plugin.data import build, sources
from ger_plugin.data.features import STORED_FRAMES, field_names
from ger_plugin.data.synthetic import decode_frame


@pytest.mark.parametrize("key", list(catalog.SOURCES))
def test_release_roundtrip(key, tmp_path):
    import datasets

    fixture = importlib.import_module(f"release_fixtures.{key}")
    sources.reader(key)
    raw = tmp_path / "raw"
    raw.mkdir()
    expected = fixture.make(raw)
    assert expected, f"release_fixtures.{key}.make returned no records"
    with warnings.catch_warnings():  # a tiny fixture never matches the catalog's counts
        warnings.simplefilter("ignore")
        result = build.build(key, raw, tmp_path / "out")

    columns = field_names(key)
    for (config, split), labels in expected.items():
        assert result.counts[config][split] == len(labels), (config, split)
        ds = datasets.load_dataset(str(tmp_path / "out"), config, split=split, cache_dir=str(tmp_path / "hf"))
        names = ds.features["label"].names
        for entry in catalog.by_source(key):
            if entry.hub_config == config:
                assert names == list(entry.labels), entry.name
        assert {row["id"]: names[row["label"]] for row in ds} == labels, (config, split)
        assert set(columns) <= set(ds.column_names)
        for row in ds.select(range(min(len(ds), 3))):
            for column in ("image", "onset", "apex", "offset"):
                if column in columns:
                    assert row[column].size[0] > 0 and row[column].size[1] > 0, column
            if "frames" in columns and row["video"] is not None:
                assert len(row["frames"]) == STORED_FRAMES
                assert all(frame.size[0] > 0 for frame in row["frames"])
                assert row["fps"] > 0 and row["num_frames"] > 0 and row["duration"] > 0
                # the stored frames are the clip's own, uniformly spread and in order
                decoded = [decode_frame(frame) for frame in row["frames"]]
                assert {label for label, _ in decoded} == {names[row["label"]]}
                indices = [index for _, index in decoded]
                assert indices == sorted(indices) and indices[-1] - indices[0] >= row["num_frames"] // 2
