from __future__ import annotations

from image_reader_checks import assert_counts_differ, assert_data_error, read_fixture
from release_fixtures.abstract import ROWS, name

from ger_plugin.data.sources import abstract

LIST = "testImages_abstract/ABSTRACT_groundTruth.csv"


def test_unique_argmax_with_raw_votes(tmp_path):
    records = read_fixture("abstract", tmp_path)[("default", "test")]
    by_id = {r["id"]: r for r in records}
    assert name(11) not in by_id and name(13) not in by_id  # ties dropped
    votes = dict(ROWS)
    for number in (1, 5, 14):
        assert by_id[name(number)]["votes"] == list(votes[number])
    assert by_id[name(5)]["label_original"] == "Content" and by_id[name(5)]["label"] == "content"
    assert_counts_differ("abstract", "default", records)


def test_missing_list(tmp_path):
    read_fixture("abstract", tmp_path)
    (tmp_path / LIST).unlink()
    assert_data_error(lambda: abstract.read(tmp_path), "ABSTRACT_groundTruth.csv")


def test_unknown_emotion_in_header(tmp_path):
    read_fixture("abstract", tmp_path)
    path = tmp_path / LIST
    path.write_text(path.read_text().replace("'Awe'", "'Joy'"))
    assert_data_error(lambda: abstract.read(tmp_path), str(path), "line 1", "'Joy'")


def test_missing_image(tmp_path):
    read_fixture("abstract", tmp_path)
    (tmp_path / "testImages_abstract" / name(6)).unlink()
    assert_data_error(lambda: abstract.read(tmp_path), str(tmp_path / LIST), "line 6", name(6))
