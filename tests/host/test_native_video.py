"""Video models get the original clip: written once from the stored bytes, never re-encoded.

The host run goes through ``--base-url ... --video-llm`` (the host's LMDeploy/vLLM client) to the
loopback server (tests/openai_server.py), which decodes every ``video_url`` it receives.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import needs_host
from ger_fixtures import CLIP_FORMAT, SPEC, clip_frames, expected_acc, write_release
from openai_server import FakeOpenAI

from ger_plugin import catalog
from ger_plugin.core import prompts
from ger_plugin.host import media

KEY = "sk-gerTEST-0123456789abcdef"
VIDEO_SPECS = ("GER_DFEW", "GER_MER2023", "GER_RAVDESS_AV")


@pytest.fixture(scope="module")
def video_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("ger_home_video")
    for name in VIDEO_SPECS:
        write_release(home, name)
    return home


def _stored_clips(home: Path, name: str) -> dict[str, dict]:
    entry = catalog.get(name)
    parquet = home / "datasets" / catalog.release_name(entry.source_key) / "data" / entry.hub_config
    table = pd.read_parquet(next(parquet.glob("*.parquet")), columns=["id", "video"])
    return dict(zip(table["id"], table["video"]))


# ---------------------------------------------------------------------------------------
# cheap: no host
# ---------------------------------------------------------------------------------------


def test_clip_prompt_names_one_clip_not_frames() -> None:
    entry = catalog.get("GER_MER2023")
    text = prompts.render_prompt(entry, sample={"frames": 3, "text": "hi", "clip": True})
    assert "You are given one video clip; and the transcript" in text and "frames" not in text
    batch = prompts.render_prompt(entry, batch=[{"name": "a", "clip": True}, {"name": "b", "clip": True}])
    assert "Each input is one video clip" in batch and "frame" not in batch
    # the stills prompt is unchanged
    assert "3 frames sampled uniformly" in prompts.render_prompt(entry, sample={"frames": 3, "text": "hi"})


@pytest.mark.parametrize("name", VIDEO_SPECS)
def test_clips_are_written_once_byte_for_byte_and_only_when_asked(
    name: str, video_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GER_HOME", str(video_home))
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf"))
    entry = catalog.get(name)
    root = tmp_path / "images" / name
    stills = media.materialize(entry, root)
    assert all("clip" not in row for row in stills) and not list(root.rglob("clip.*"))  # image models: none
    rows = media.materialize(entry, root, clips=True)
    stored = _stored_clips(video_home, name)
    suffix = CLIP_FORMAT[entry.source_key][0]
    for row in rows:
        clip = Path(row["clip"])
        assert clip.suffix == suffix  # same container as the release
        assert clip.read_bytes() == stored[row["id"]]["bytes"]  # never re-encoded
        assert row["media"] == stills[[r["id"] for r in stills].index(row["id"])]["media"]
    written = {row["id"]: Path(row["clip"]).stat().st_mtime_ns for row in rows}
    again = media.materialize(entry, root, clips=True)
    assert {row["id"]: Path(row["clip"]).stat().st_mtime_ns for row in again} == written  # reused
    assert media.materialize(entry, root) == again  # a later image run reads the same manifest


# ---------------------------------------------------------------------------------------
# the host, end to end
# ---------------------------------------------------------------------------------------

RUNS = ["GER_DFEW", "GER_DFEW_4frame", "GER_MER2023", "GER_MER2023_Video", "GER_MER2023_AVT", "GER_RAVDESS_AV"]


def _spec(name: str) -> str:
    """The fixture (SPEC key) a run reads: GER_MER2023_Video / _AVT -> GER_MER2023."""
    entry = catalog.parse_host_name(name).entry
    return next(key for key in SPEC if catalog.get(key).source_key == entry.source_key)


@needs_host
@pytest.mark.vlmeval
@pytest.mark.slow
def test_video_llm_gets_one_original_clip_per_sample_and_no_stills(
    host_python: Path, video_home: Path, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and k != "GER_VLMEVAL_PLUGIN"}
    (tmp_path / "lmu").mkdir()
    env.update(
        LMUData=str(tmp_path / "lmu"),
        GER_HOME=str(video_home),
        HF_DATASETS_CACHE=str(tmp_path / "hf"),
        HF_HUB_OFFLINE="1",
        PYTHONWARNINGS="ignore",
    )
    with FakeOpenAI() as server:
        proc = subprocess.run(
            [
                str(host_python),
                "-m",
                "vlmeval",
                "--data",
                *RUNS,
                "--model",
                "fake-vlm",
                "--base-url",
                server.base,
                "--key",
                KEY,
                "--video-llm",
                "--retry",
                "2",
                "--work-dir",
                str(tmp_path / "out"),
            ],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    requests = server.requests
    (tmp_path / "requests.json").write_text(
        json.dumps([{k: r.get(k) for k in ("path", "n_images", "videos", "answer")} for r in requests], indent=1)
    )
    assert len(requests) == sum(len(SPEC[_spec(n)]) for n in RUNS)
    assert all(r["status"] == 200 and r["n_images"] == 0 and len(r["videos"]) == 1 for r in requests)  # no stills
    for name in RUNS:
        entry = catalog.parse_host_name(name).entry
        spec = _spec(name)
        result = json.loads((tmp_path / "out" / "fake-vlm" / f"fake-vlm_{name}_ger_metrics.json").read_text())
        assert result["ger"]["n_failed"] == 0 and result["ger"]["n_total"] == len(SPEC[spec])
        assert result["ger"]["metrics"]["acc"] == pytest.approx(expected_acc(spec, text=entry.modality.has_text)), name
    videos = [r["videos"][0] for r in requests]
    expected = sorted(clip_frames(_spec(name), sid) for name in RUNS for sid, *_ in SPEC[_spec(name)])
    assert sorted(v["frames"] for v in videos) == expected  # whole clips, original length, decodable
    assert {v["mime"] for v in videos} == {"video/mp4", "video/avi"}
    # clips keep their own sound track (MER2023 avi + PCM, RAVDESS 01-01 mp4 + AAC); DFEW's are silent
    with_sound = [r for r in requests if r["videos"][0]["sound"] is not None]
    assert len(with_sound) == sum(len(SPEC[_spec(n)]) for n in RUNS if CLIP_FORMAT[catalog.get(_spec(n)).source_key][1])
    # the host's frame count travels with the clip only where the host set one (_4frame)
    assert sorted(json.dumps(v["extra"]) for v in videos).count(json.dumps({"nframes": 4})) == len(SPEC["GER_DFEW"])
    assert sum(v["extra"] == {} for v in videos) == len(videos) - len(SPEC["GER_DFEW"])
    clips = sorted((tmp_path / "lmu" / "images").rglob("clip.*"))
    assert len(clips) == len(SPEC["GER_DFEW"]) + 3 * len(SPEC["GER_MER2023"]) + len(SPEC["GER_RAVDESS_AV"])
    # the tone the server heard is the sample's own (fixture tones follow the frames' colour)
    assert all(r["videos"][0]["sound"] == r["videos"][0]["label"] for r in with_sound)


# ---------------------------------------------------------------------------------------
# audio-visual variants
# ---------------------------------------------------------------------------------------


def test_av_samples_get_their_16khz_mono_sound_track(
    video_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import wave

    import numpy as np

    from ger_plugin.data.synthetic import label_of_sound

    monkeypatch.setenv("GER_HOME", str(video_home))
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf"))
    rows = media.materialize(catalog.get("GER_RAVDESS_AV"), tmp_path / "av")
    colours = {sid: colour for sid, _gold, colour, _text in SPEC["GER_RAVDESS_AV"]}
    for row in rows:
        with wave.open(row["audio"]) as track:
            assert (track.getframerate(), track.getnchannels(), track.getsampwidth()) == (16_000, 1, 2)
            samples = np.frombuffer(track.readframes(track.getnframes()), dtype=np.int16)
        assert abs(len(samples) / 16_000 - clip_frames("GER_RAVDESS_AV", row["id"]) / 25) < 0.05  # whole track
        assert label_of_sound(samples, 16_000) == colours[row["id"]]
        assert len(row["media"]) == 16 and row["text"]  # frames and the statement as well
    assert media.materialize(catalog.get("GER_RAVDESS_Audio"), tmp_path / "a")[0]["media"] == []


def test_a_video_only_release_has_no_sound_for_av(
    video_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ger_plugin.errors import DataError

    home = tmp_path / "home"
    monkeypatch.setitem(CLIP_FORMAT, "ravdess", (".mp4", False))  # silent clips where sound was promised
    write_release(home, "GER_RAVDESS_AV")
    monkeypatch.setenv("GER_HOME", str(home))
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf"))
    with pytest.raises(DataError, match="no sound track stored"):
        media.materialize(catalog.get("GER_RAVDESS_AV"), tmp_path / "av")


PROMPT_CHECK = """
from vlmeval.dataset import build_dataset
kinds = lambda msg: [m['type'] for m in msg]
av = build_dataset('GER_RAVDESS_AV')
assert kinds(av.build_prompt(0)) == ['image'] * 3 + ['audio', 'text'], kinds(av.build_prompt(0))
assert kinds(av.build_prompt(0, video_llm=True)) == ['video', 'text']
assert av.build_prompt(0)[3]['value'].endswith('audio.wav')
sound = build_dataset('GER_RAVDESS_Audio')
assert type(sound).__name__ == 'GERAudioDataset' and kinds(sound.build_prompt(0)) == ['audio', 'text']
avt = build_dataset('GER_RAVDESS_AVT_Batch')
msg = avt.build_prompt(0)
assert kinds(msg) == ['text'] + ['image', 'image', 'image', 'audio'] * 4, kinds(msg)
assert 'Kids are talking by the door' in msg[0]['value']
print('ok')
"""


@needs_host
@pytest.mark.vlmeval
def test_host_messages_for_sound_variants(host_python: Path, video_home: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    (tmp_path / "lmu").mkdir()
    env.update(
        LMUData=str(tmp_path / "lmu"),
        GER_HOME=str(video_home),
        HF_DATASETS_CACHE=str(tmp_path / "hf"),
        HF_HUB_OFFLINE="1",
        PYTHONWARNINGS="ignore",
    )
    proc = subprocess.run(
        [str(host_python), "-c", PROMPT_CHECK],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.strip().endswith("ok"), proc.stderr[-3000:]
