"""Tiny RAVDESS: two actors' speech-video folders with video-only (02-01) clips to read and
audio-visual (01-01) twins and a song clip (02-02) to ignore."""

from __future__ import annotations

from pathlib import Path

from ger_plugin.catalog import get

from ._videos import clip_length, write_video


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    entry = get("GER_RAVDESS")
    expected = {}
    trials = [(1, e, 1) for e in range(1, 9)] + [(2, e, 2) for e in range(2, 5)] + [(2, 1, 1)]
    for n, (actor, emotion, intensity) in enumerate(trials):
        folder = root / f"Video_Speech_Actor_{actor:02d}" / f"Actor_{actor:02d}"
        stem = f"02-01-{emotion:02d}-{intensity:02d}-01-01-{actor:02d}"
        label = entry.canonical(f"{emotion:02d}")
        write_video(folder / f"{stem}.mp4", label, clip_length(n))
        expected[stem] = label
    # ignored: the audio-visual twin of a trial and a song clip
    write_video(root / "Video_Speech_Actor_01" / "Actor_01" / "01-01-03-01-01-01-01.mp4", "happy", 12)
    write_video(root / "Video_Song_Actor_02" / "Actor_02" / "02-02-03-01-01-01-02.mp4", "happy", 12)
    return {("default", "test"): expected}


LAYOUT_FIXTURES = {"Actor_XX": (make,)}
