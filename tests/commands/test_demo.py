"""The demo's synthetic sample is a real GER dataset whose media say their label."""

import warnings

import pytest

from ger_plugin import catalog
from ger_plugin.commands import demo
from ger_plugin.data import hub, synthetic
from ger_plugin.data.synthetic import decode_frame, label_of_image


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("demo")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        synthetic.write_sample(list(demo.DEMO_DATASETS), home, per_class=1)
    return home


@pytest.mark.parametrize("name", demo.DEMO_DATASETS)
def test_sample_loads_through_the_hub_loader_with_one_row_per_class(demo_home, monkeypatch, name):
    monkeypatch.setenv("GER_HOME", str(demo_home))
    entry = catalog.DATASETS[name]
    ds = hub.load_ger_dataset(name)
    labels = [ds.features["label"].names[i] for i in ds["label"]]
    assert sorted(labels) == sorted(entry.labels)
    row = ds[0]
    gold = ds.features["label"].names[row["label"]]
    if "image" in ds.column_names:
        assert label_of_image(row["image"]) == gold
    if "frames" in ds.column_names:
        assert {decode_frame(f)[0] for f in row["frames"]} == {gold}
    if "text" in ds.column_names:
        assert "synthetic" in row["text"]


def test_demo_rejects_unknown_datasets_before_building(tmp_path, capsys):
    from ger_plugin.commands import main

    assert main(["demo", "--data", "GER_Nope", "--out-dir", str(tmp_path)]) == 2
    assert "unknown GER dataset" in capsys.readouterr().err
    assert not (tmp_path / "datasets").exists()
