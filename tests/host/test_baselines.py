"""Chance baselines answer from the dataset's labels, deterministically."""

from collections import Counter

import pytest
from PIL import Image

pytest.importorskip("vlmeval", reason="the host (ms-vlmeval) is not installed")

from ger_plugin.catalog import DATASETS  # noqa: E402
from ger_plugin.host.baselines import GERChanceModel, register_models  # noqa: E402


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    root = tmp_path_factory.mktemp("img")
    paths = []
    for i in range(60):
        path = root / f"sample_{i:03d}.png"
        Image.new("RGB", (8, 8), (i, 0, 0)).save(path)
        paths.append(str(path))
    return paths


def _ask(model, image, dataset):
    return model.generate([dict(type="image", value=image), dict(type="text", value="Which emotion?")], dataset=dataset)


def test_random_answers_are_labels_of_the_dataset_and_repeat_exactly(images):
    model = GERChanceModel("random", seed=0)
    answers = [_ask(model, p, "GER_RAFDB") for p in images]
    assert set(answers) <= set(DATASETS["GER_RAFDB"].labels)
    assert len(set(answers)) >= 4, "60 uniform draws over 7 labels hit several labels"
    assert answers == [_ask(GERChanceModel("random", seed=0), p, "GER_RAFDB") for p in images]
    assert answers != [_ask(GERChanceModel("random", seed=1), p, "GER_RAFDB") for p in images]


def test_random_seed_ignores_the_folder_of_the_image(images, tmp_path):
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    copy = moved / "sample_000.png"
    copy.write_bytes(open(images[0], "rb").read())
    model = GERChanceModel("random")
    assert _ask(model, images[0], "GER_SFEW2") == _ask(model, str(copy), "GER_SFEW2")


def test_majority_answers_the_most_frequent_class(images):
    model = GERChanceModel("majority")
    assert Counter(_ask(model, p, "GER_RAFDB") for p in images[:5]) == Counter({"happy": 5})
    assert _ask(model, images[0], "GER_DFEW_8frame") == "neutral"


def test_register_models_is_idempotent():
    table: dict = {}
    register_models(table)
    first = dict(table)
    register_models(table)
    assert table == first and set(table) == {"GER_Random", "GER_Majority"}


def test_each_repeat_draws_anew_and_the_same_repeat_draws_the_same(images, monkeypatch):
    from ger_plugin.host.repeats import repeat_environment

    draws = {}
    for k in (1, 2, 1):
        for var, value in repeat_environment(k, 2, None).items():
            monkeypatch.setenv(var, value)
        model = GERChanceModel("random")
        draws.setdefault(k, []).append([_ask(model, p, "GER_RAFDB") for p in images])
    assert draws[1][0] == draws[1][1] != draws[2][0]
