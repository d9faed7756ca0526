"""Frame sampling picks exactly the uniform positions, in every container, and fails clearly."""

from __future__ import annotations

import pytest
from media_helpers import frame_index, make_frame_folder, make_video

from ger_plugin.data import video
from ger_plugin.errors import DataError


def test_positions_are_segment_centres_and_repeat_for_short_clips():
    assert video.sample_positions(100, 4) == [12, 37, 62, 87]
    assert video.sample_positions(3, 6) == [0, 0, 1, 1, 2, 2]
    assert video.sample_positions(1, 16) == [0] * 16
    with pytest.raises(ValueError):
        video.sample_positions(10, 0)


@pytest.mark.parametrize("suffix,bframes", [("mp4", 0), ("mp4", 3), ("avi", 0), ("avi", 2), ("webm", 0), ("flv", 0)])
def test_samples_the_right_frames_in_every_container(tmp_path, suffix, bframes):
    clip = make_video(tmp_path / f"clip.{suffix}", 77, fps=25, gop=10, bframes=bframes)
    assert video.probe(clip) == (25.0, 77, pytest.approx(77 / 25, abs=0.05))
    for n in (1, 3, 16):
        images = video.sample_frames(clip, n)
        assert [frame_index(im) for im in images] == video.sample_positions(77, n)
        assert all(im.mode == "RGB" and im.size == (160, 48) for im in images)


def test_short_clip_still_yields_the_requested_count(tmp_path):
    clip = make_video(tmp_path / "short.mp4", 5, bframes=2)
    images = video.sample_frames(clip, 16)
    assert len(images) == 16
    assert [frame_index(im) for im in images] == video.sample_positions(5, 16)
    assert images[0] is not images[1]  # repeated frames are independent images


def test_frame_folder_sorts_numerically(tmp_path):
    folder = make_frame_folder(tmp_path / "clip", 23)
    assert [p.name for p in video.frame_files(folder)][:3] == ["img_1.jpg", "img_2.jpg", "img_3.jpg"]
    images = video.sample_frames(folder, 4)
    assert [frame_index(im) for im in images] == video.sample_positions(23, 4)
    assert video.probe(folder, folder_fps=10.0) == (10.0, 23, 2.3)


@pytest.mark.parametrize("suffix", ["mp4", "webm", "flv", "avi"])
def test_truncated_clip_names_the_file(tmp_path, suffix):
    clip = make_video(tmp_path / f"clip.{suffix}", 60, gop=10)
    cut = tmp_path / f"cut.{suffix}"
    cut.write_bytes(clip.read_bytes()[: clip.stat().st_size // 2])
    with pytest.raises(DataError, match=f"cut.{suffix}"):
        video.sample_frames(cut, 16)


def test_empty_corrupt_and_missing_inputs_fail_clearly(tmp_path):
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    with pytest.raises(DataError, match="empty.mp4.*empty"):
        video.sample_frames(empty, 3)
    junk = tmp_path / "junk.avi"
    junk.write_bytes(b"RIFF" + bytes(range(256)) * 20)
    with pytest.raises(DataError, match="junk.avi"):
        video.probe(junk)
    with pytest.raises(DataError, match="missing.mp4.*not found"):
        video.sample_frames(tmp_path / "missing.mp4", 3)
    (tmp_path / "no_frames").mkdir()
    with pytest.raises(DataError, match="no_frames.*no image files"):
        video.sample_frames(tmp_path / "no_frames", 3)
    folder = make_frame_folder(tmp_path / "bad_frame", 3)
    (folder / "img_2.jpg").write_bytes(b"not a jpeg")
    with pytest.raises(DataError, match="img_2.jpg"):
        video.sample_frames(folder, 3)


def test_keyframes_only_moves_each_position_to_its_nearest_keyframe(tmp_path):
    import av

    clip = make_video(tmp_path / "clip.mp4", 100, gop=10, bframes=2)
    with av.open(str(clip)) as container:
        packets = sorted((p.pts, p.is_keyframe) for p in container.demux(video=0) if p.size)
    keyframes = [i for i, (_, key) in enumerate(packets) if key]
    expected = [min(keyframes, key=lambda k: (abs(k - e), k)) for e in video.sample_positions(100, 4)]
    snapped = [frame_index(im) for im in video.sample_frames(clip, 4, keyframes_only=True)]
    assert snapped == expected and snapped != video.sample_positions(100, 4)
