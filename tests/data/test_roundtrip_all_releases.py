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
            if "audio" in columns and _configs_with_sound(key).get(config):
                # the clip's own sound track, decoded to 16 kHz mono: the fixture's tone for its label
                assert _heard(row["audio"]) == names[row["label"]], (config, row["id"])
            elif "audio" in columns:
                assert row["audio"] is None  # a silent clip (RAVDESS video-only) stores no sound


def _configs_with_sound(key: str) -> dict[str, bool]:
    """config -> whether its variants take sound (an audio entry reads that config)."""
    found: dict[str, bool] = {}
    for entry in catalog.by_source(key):
        found[entry.hub_config] = found.get(entry.hub_config, False) or entry.modality.has_audio
    return found


def _heard(cell: dict) -> str:
    import io
    import wave

    import numpy as np

    from ger_plugin.data.synthetic import label_of_sound

    with wave.open(io.BytesIO(cell["bytes"])) as track:
        assert (track.getframerate(), track.getnchannels()) == (16_000, 1)
        samples = np.frombuffer(track.readframes(track.getnframes()), dtype=np.int16)
    return label_of_sound(samples, 16_000)
