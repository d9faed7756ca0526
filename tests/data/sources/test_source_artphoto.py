from __future__ import annotations

from image_reader_checks import assert_counts_differ, assert_data_error, read_fixture

from ger_plugin.data.sources import artphoto


def test_labels_from_file_name_prefix(tmp_path):
    records = read_fixture("artphoto", tmp_path)[("default", "test")]
    by_id = {r["id"]: r for r in records}
    assert by_id["contentment_1.jpg"]["label_original"] == "contentment"
    assert by_id["contentment_1.jpg"]["label"] == "content"
    assert "Thumbs.db" not in by_id
    assert_counts_differ("artphoto", "default", records)


def test_capitalised_prefix(tmp_path):
    read_fixture("artphoto", tmp_path)
    folder = tmp_path / "testImages_artphoto"
    (folder / "fear_1.jpg").rename(folder / "Fear_1.jpg")
    record = next(r for r in artphoto.read(tmp_path) if r["id"] == "Fear_1.jpg")
    assert record["label"] == "fearful" and record["label_original"] == "Fear"


def test_unknown_prefix(tmp_path):
    read_fixture("artphoto", tmp_path)
    folder = tmp_path / "testImages_artphoto"
    (folder / "awe_1.jpg").rename(folder / "joy_1.jpg")
    assert_data_error(lambda: artphoto.read(tmp_path), "joy_1.jpg", "'joy'")


def test_missing_folder(tmp_path):
    assert_data_error(lambda: artphoto.read(tmp_path / "nowhere"), "nowhere")
    (tmp_path / "empty" / "testImages_artphoto").mkdir(parents=True)
    assert_data_error(lambda: artphoto.read(tmp_path / "empty"), "testImages_artphoto")
