"""RAVDESS reader on a tiny copy of the speech-video archives."""

from __future__ import annotations

import re

import pytest
from release_fixtures import ravdess as fixture
from release_fixtures._reader_checks import (
    check_reader,
    copy_release,
    first_frame,
    read_all,
)
from release_fixtures._videos import write_video

from ger_plugin.errors import DataError

KEY = "ravdess"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    root = tmp_path_factory.mktemp(KEY)
    return root, fixture.make(root)


def test_each_config_reads_its_own_modality_labelled_by_field_three(release):
    records = check_reader(KEY, *release)
    for (config, _s, stem), record in records.items():
        assert stem.startswith({"default": "02-01-", "audio_visual": "01-01-"}[config])
        assert record["label_original"] == stem.split("-")[2]
        assert record["video"].endswith(f"{stem}.mp4") and first_frame(record) == (record["label"], 0)


def test_audio_visual_clips_keep_their_sound_and_carry_the_statement(release):
    from ger_plugin.data import audio

    records = check_reader(KEY, *release)
    for (config, _s, stem), record in records.items():
        assert audio.has_audio(record["video"]) is (config == "audio_visual")
        if config == "audio_visual":
            code = stem.split("-")[4]
            assert (
                record["text"]
                == record["text_en"]
                == {"01": "Kids are talking by the door", "02": "Dogs are sitting by the door"}[code]
            )
        else:
            assert record["text"] is None


def test_no_audio_visual_clips_is_an_error_naming_them(tmp_path):
    write_video(tmp_path / "Actor_01" / "02-01-01-01-01-01-01.mp4", "neutral", 12)
    with pytest.raises(DataError, match=re.escape("no audio-video speech clips (01-01-*.mp4)")):
        read_all(KEY, tmp_path, config="audio_visual")


def test_no_clips_is_an_error(tmp_path):
    with pytest.raises(
        DataError, match=re.escape(f"{tmp_path}: RAVDESS: no known layout") + r".*holding 02-01-\*\.mp4"
    ):
        read_all(KEY, tmp_path)


def test_unknown_emotion_code_names_the_file(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    bad = write_video(root / "Actor_03" / "02-01-09-01-01-01-03.mp4", "happy", 12)
    with pytest.raises(DataError, match=re.escape(str(bad))):
        read_all(KEY, root)


def test_a_clip_unpacked_twice_is_named(release, tmp_path):
    root = copy_release(release[0], tmp_path)
    twin = write_video(root / "again" / "02-01-01-01-01-01-01.mp4", "neutral", 12)
    with pytest.raises(DataError, match="appears twice"):
        read_all(KEY, root)
    twin.unlink()
