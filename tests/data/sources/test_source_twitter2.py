from __future__ import annotations

from image_reader_checks import assert_counts_differ, assert_data_error, read_fixture
from release_fixtures.twitter2 import ROWS

from ger_plugin.data.sources import twitter2

LIST = "twitter/groundTruthLabel.txt"


def test_listed_images_on_disk_with_fold(tmp_path):
    records = read_fixture("twitter2", tmp_path)[("default", "test")]
    folds = {f"{n}.jpg": fold for n, _, fold in ROWS if fold is not None}
    assert {r["id"]: r["fold"] for r in records} == folds
    assert [r["id"] for r in records] == [f"{n}.jpg" for n, _, fold in ROWS if fold]  # list order
    assert_counts_differ("twitter2", "default", records)


def test_missing_list(tmp_path):
    read_fixture("twitter2", tmp_path)
    (tmp_path / LIST).unlink()
    assert_data_error(lambda: twitter2.read(tmp_path), "groundTruthLabel.txt")


def test_unknown_sentiment(tmp_path):
    read_fixture("twitter2", tmp_path)
    path = tmp_path / LIST
    path.write_bytes(path.read_bytes().replace(b"5.jpg\tnegative", b"5.jpg\tneutral"))
    assert_data_error(lambda: twitter2.read(tmp_path), str(path), "line 6", "'neutral'")


def test_image_without_label_line(tmp_path):
    read_fixture("twitter2", tmp_path)
    path = tmp_path / LIST
    path.write_bytes(path.read_bytes().replace(b"8.jpg\tnegative\r\n", b""))
    assert_data_error(lambda: twitter2.read(tmp_path), str(path), "partition3/8.jpg")


def test_header_required(tmp_path):
    read_fixture("twitter2", tmp_path)
    path = tmp_path / LIST
    path.write_bytes(path.read_bytes().split(b"\r\n", 1)[1])
    assert_data_error(lambda: twitter2.read(tmp_path), str(path), "line 1", "Sentiment")
