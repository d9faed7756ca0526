from __future__ import annotations

from image_reader_checks import assert_counts_differ, assert_data_error, read_fixture

from ger_plugin.data.sources import ferplus


def test_plurality_labels_of_private_test(tmp_path):
    records = read_fixture("ferplus", tmp_path)[("default", "test")]
    by_id = {r["id"]: r for r in records}
    assert [r["id"] for r in records].count("fer0033120.png") == 1
    assert by_id["fer0033120.png"]["votes"] == [6, 0, 0, 4, 0, 0, 0, 0, 0, 0]  # the first row's votes
    assert by_id["fer0032228.png"]["label_original"] == "happiness"  # tie with surprise: earlier column
    assert by_id["fer0032229.png"]["label_original"] == "sadness"  # unknown is larger but never wins
    assert by_id["fer0032229.png"]["votes"] == [0, 0, 0, 2, 1, 0, 0, 0, 6, 1]
    assert "fer0000000.png" not in by_id and "fer0028638.png" not in by_id  # Training, PublicTest
    assert_counts_differ("ferplus", "default", records)


def test_missing_label_file(tmp_path):
    read_fixture("ferplus", tmp_path)
    (tmp_path / "fer2013new.csv").unlink()
    assert_data_error(lambda: ferplus.read(tmp_path), "fer2013new.csv")


def test_missing_png_folder_says_how_to_make_it(tmp_path):
    read_fixture("ferplus", tmp_path)
    for png in (tmp_path / "data" / "FER2013Test").iterdir():
        png.unlink()
    (tmp_path / "data" / "FER2013Test").rmdir()
    assert_data_error(lambda: ferplus.read(tmp_path), "FER2013Test", "generate_training_data.py")


def test_missing_image(tmp_path):
    read_fixture("ferplus", tmp_path)
    (tmp_path / "data" / "FER2013Test" / "fer0032224.png").unlink()
    assert_data_error(lambda: ferplus.read(tmp_path), "fer2013new.csv", "line 8", "fer0032224.png")


def test_bad_votes_and_header(tmp_path):
    read_fixture("ferplus", tmp_path)
    csv = tmp_path / "fer2013new.csv"
    lines = csv.read_text().splitlines()
    csv.write_text("\n".join(lines[:5] + [lines[5].replace(",7,", ",x,")] + lines[6:]) + "\n")
    assert_data_error(lambda: ferplus.read(tmp_path), str(csv), "line 6")
    csv.write_text("\n".join([lines[0].replace("contempt", "contemp")] + lines[1:]) + "\n")
    assert_data_error(lambda: ferplus.read(tmp_path), str(csv), "line 1", "header")
