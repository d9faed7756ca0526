from __future__ import annotations

from image_reader_checks import assert_counts_differ, assert_data_error, read_fixture
from release_fixtures.twitter1 import IMAGES

from ger_plugin.data.sources import twitter1

GROUND_TRUTH = "twitter_dataset/ground_truth"


def test_one_config_per_agreement_level(tmp_path):
    results = read_fixture("twitter1", tmp_path)
    assert {config for config, _ in results} == {"five_agree", "four_agree", "three_agree"}
    top = {name: level for name, _, level in IMAGES}
    for records in results.values():
        for record in records:
            assert record["min_agreement"] == top[record["id"]]
            assert record["label_original"] in ("0", "1")
    assert len(results[("three_agree", "test")]) == len(IMAGES)
    assert_counts_differ("twitter1", "five_agree", results[("five_agree", "test")])


def test_missing_ground_truth_file(tmp_path):
    read_fixture("twitter1", tmp_path)
    (tmp_path / GROUND_TRUTH / "twitter_four_agrees.txt").unlink()
    assert list(twitter1.read(tmp_path, config="five_agree"))  # four is not needed for five
    assert_data_error(lambda: twitter1.read(tmp_path, config="three_agree"), "twitter_four_agrees.txt")


def test_unknown_code(tmp_path):
    read_fixture("twitter1", tmp_path)
    path = tmp_path / GROUND_TRUTH / "twitter_five_agrees.txt"
    path.write_text(path.read_text().replace(" 0\n", " 2\n"))
    assert_data_error(lambda: twitter1.read(tmp_path, config="five_agree"), str(path), "line 1", "'2'")


def test_labels_disagreeing_across_files(tmp_path):
    read_fixture("twitter1", tmp_path)
    path = tmp_path / GROUND_TRUTH / "twitter_three_agrees.txt"
    path.write_text(path.read_text().replace("Bm77eK8CIAAdKjk.jpg 0", "Bm77eK8CIAAdKjk.jpg 1"))
    assert_data_error(
        lambda: twitter1.read(tmp_path, config="three_agree"), "twitter_five_agrees.txt", "Bm77eK8CIAAdKjk.jpg"
    )


def test_missing_image(tmp_path):
    read_fixture("twitter1", tmp_path)
    name = IMAGES[3][0]
    (tmp_path / "twitter_dataset" / "images" / name).unlink()
    assert_data_error(lambda: twitter1.read(tmp_path, config="four_agree"), "twitter_four_agrees.txt", "line 4", name)


def test_subsets_must_be_nested(tmp_path):
    read_fixture("twitter1", tmp_path)
    path = tmp_path / GROUND_TRUTH / "twitter_four_agrees.txt"
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[1:]))
    assert_data_error(
        lambda: twitter1.read(tmp_path, config="four_agree"), str(path), "twitter_five_agrees.txt", IMAGES[0][0]
    )
