"""Tiny RAVDESS: two actors' speech-video folders with video-only (02-01) clips, their
audio-visual (01-01) twins with a sound track, and a song clip (02-02) to ignore."""

from __future__ import annotations

from pathlib import Path

from ger_plugin.catalog import get

from ._videos import clip_length, write_video


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    entry = get("GER_RAVDESS")
    video_only, audio_visual = {}, {}
    trials = [(1, e, 1) for e in range(1, 9)] + [(2, e, 2) for e in range(2, 5)] + [(2, 1, 1)]
    for n, (actor, emotion, intensity) in enumerate(trials):
        folder = root / f"Video_Speech_Actor_{actor:02d}" / f"Actor_{actor:02d}"
        statement = 1 + n % 2
        fields = f"01-{emotion:02d}-{intensity:02d}-{statement:02d}-01-{actor:02d}"
        label = entry.canonical(f"{emotion:02d}")
        write_video(folder / f"02-{fields}.mp4", label, clip_length(n))  # video-only: no sound
        video_only[f"02-{fields}"] = label
        if n < 6:  # the twins with sound (as in the release: same utterance, H.264 + AAC)
            write_video(folder / f"01-{fields}.mp4", label, clip_length(n + 1), sound=label)
            audio_visual[f"01-{fields}"] = label
    # ignored: a song clip (vocal channel 02)
    write_video(root / "Video_Song_Actor_02" / "Actor_02" / "02-02-03-01-01-01-02.mp4", "happy", 12)
    return {("default", "test"): video_only, ("audio_visual", "test"): audio_visual}


LAYOUT_FIXTURES = {"Actor_XX": (make,)}
