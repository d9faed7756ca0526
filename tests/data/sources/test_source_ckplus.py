from __future__ import annotations

import shutil

from image_reader_checks import assert_counts_differ, assert_data_error, read_fixture

from ger_plugin.data.sources import ckplus

EMOTION = "Emotion_labels/Emotion"
FRAMES = "extended-cohn-kanade-images/cohn-kanade-images"


def test_last_three_frames_of_labelled_sequences(tmp_path):
    records = read_fixture("ckplus", tmp_path)[("default", "test")]
    by_id = {r["id"]: r for r in records}
    # 11 frames: name order must take 9, 10, 11 (not 10, 11, 9)
    assert [i for i in by_id if i.startswith("S010_002")] == [f"S010_002_{n:08d}.png" for n in (9, 10, 11)]
    assert by_id["S005_001_00000005.png"]["label_original"] == "3"
    assert by_id["S005_001_00000005.png"]["sequence"] == "S005/001"
    assert not any(i.startswith(("S011_002", "S014_003")) for i in by_id)  # unlabelled sequences
    assert_counts_differ("ckplus", "default", records)


def test_accepts_unnested_folders(tmp_path):
    expected = read_fixture("ckplus", tmp_path / "a")[("default", "test")]
    flat = tmp_path / "b"
    shutil.copytree(tmp_path / "a" / FRAMES, flat / "cohn-kanade-images")
    shutil.copytree(tmp_path / "a" / EMOTION, flat / "Emotion")
    assert [r["id"] for r in ckplus.read(flat)] == [r["id"] for r in expected]


def test_missing_emotion_folder(tmp_path):
    read_fixture("ckplus", tmp_path)
    shutil.rmtree(tmp_path / "Emotion_labels")
    assert_data_error(lambda: ckplus.read(tmp_path), "Emotion", str(tmp_path))


def test_unknown_code_names_file(tmp_path):
    read_fixture("ckplus", tmp_path)
    bad = tmp_path / EMOTION / "S020/001/S020_001_00000003_emotion.txt"
    bad.write_text("   9.0000000e+00\n")
    assert_data_error(lambda: ckplus.read(tmp_path), str(bad), "'9'")


def test_code_zero_is_skipped(tmp_path):
    read_fixture("ckplus", tmp_path)
    (tmp_path / EMOTION / "S020/001/S020_001_00000003_emotion.txt").write_text("   0.0000000e+00\n")
    assert not any(r["id"].startswith("S020_001") for r in ckplus.read(tmp_path))


def test_missing_frames(tmp_path):
    read_fixture("ckplus", tmp_path)
    shutil.rmtree(tmp_path / FRAMES / "S026")
    assert_data_error(lambda: ckplus.read(tmp_path), "S026_004_00000004_emotion.txt", "S026")
