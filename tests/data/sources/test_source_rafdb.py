from __future__ import annotations

import shutil

from image_reader_checks import assert_counts_differ, assert_data_error, read_fixture

from ger_plugin.data.sources import rafdb

LIST = "basic/EmoLabel/list_patition_label.txt"


def test_test_lines_with_original_images(tmp_path):
    records = read_fixture("rafdb", tmp_path)[("default", "test")]
    assert [r["id"] for r in records] == [f"test_{i:04d}.jpg" for i in range(1, 11)]  # list order
    assert all("/Image/original/original/" in r["image"] for r in records)
    assert records[0]["label_original"] == "5"
    assert_counts_differ("rafdb", "default", records)


def test_unnested_images_and_basic_as_root(tmp_path):
    read_fixture("rafdb", tmp_path)
    image = tmp_path / "basic" / "Image"
    shutil.move(image / "original" / "original", image / "flat")
    shutil.rmtree(image / "original")
    shutil.move(image / "flat", image / "original")
    records = list(rafdb.read(tmp_path / "basic"))
    assert len(records) == 10 and all("/Image/original/test_" in r["image"] for r in records)


def test_missing_list(tmp_path):
    read_fixture("rafdb", tmp_path)
    (tmp_path / LIST).unlink()
    assert_data_error(lambda: rafdb.read(tmp_path), "list_patition_label.txt")


def test_unknown_code(tmp_path):
    read_fixture("rafdb", tmp_path)
    path = tmp_path / LIST
    path.write_text(path.read_text().replace("test_0003.jpg 4", "test_0003.jpg 8"))
    assert_data_error(lambda: rafdb.read(tmp_path), str(path), "line 6", "'8'")


def test_missing_image(tmp_path):
    read_fixture("rafdb", tmp_path)
    (tmp_path / "basic/Image/original/original/test_0007.jpg").unlink()
    assert_data_error(lambda: rafdb.read(tmp_path), "list_patition_label.txt", "line 10", "test_0007.jpg")
