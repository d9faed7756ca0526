"""GER-format dataset folders for host tests, with media whose colour encodes a label.

``SPEC[name]`` lists ``(id, gold label, colour label, transcript)`` per sample (pictures from
the shared release fixtures: tests/release_fixtures/_images.py, _videos.py); the loopback
server (tests/openai_server.py) answers from colours and transcripts, so :func:`expected_acc`
knows each variant's exact accuracy. :func:`write_release` writes the layout ``hub`` reads:
``$GER_HOME/datasets/<release>/data/<config>/test-00000-of-00001.parquet`` + README + ger_format.json.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from openai_server import decide
from release_fixtures._images import make_image
from release_fixtures._videos import clip_length, frame_image, write_video

from ger_plugin import catalog
from ger_plugin.data import features

#: Colour of the frames a model must NOT be shown (onset/offset of a micro-expression).
DECOY = "neutral"

SPEC: dict[str, list[tuple[str, str, str, str]]] = {
    # 10 images: 7 coloured as their gold, 2 as another RAF-DB label, 1 as a label outside RAF-DB
    "GER_RAFDB": [
        ("r0", "happy", "happy", ""),
        ("r1", "sad", "sad", ""),
        ("r2", "angry", "angry", ""),
        ("r3", "neutral", "neutral", ""),
        ("r4", "surprised", "surprised", ""),
        ("r5", "fearful", "fearful", ""),
        ("r6", "disgusted", "disgusted", ""),
        ("r7", "happy", "sad", ""),
        ("r8", "sad", "angry", ""),
        ("r9", "neutral", "contempt", ""),
    ],
    # 5 micro-expressions: the apex frame is coloured (4 as their gold); onset/offset are decoys
    "GER_SAMM": [
        ("s0", "angry", "angry", ""),
        ("s1", "contempt", "contempt", ""),
        ("s2", "happy", "happy", ""),
        ("s3", "surprised", "surprised", ""),
        ("s4", "others", "happy", ""),
    ],
    # 6 clips: 4 coloured as their gold
    "GER_DFEW": [
        ("d0", "happy", "happy", ""),
        ("d1", "sad", "sad", ""),
        ("d2", "angry", "angry", ""),
        ("d3", "fearful", "fearful", ""),
        ("d4", "neutral", "happy", ""),
        ("d5", "surprised", "sad", ""),
    ],
    # 6 clips with transcripts: frames and words agree or not, so each variant scores differently
    "GER_MER2023": [
        ("m0", "happy", "happy", "well, here we are"),
        ("m1", "sad", "angry", "I am feeling sad today"),
        ("m2", "angry", "angry", "I am feeling happy today"),
        ("m3", "worried", "worried", "I am feeling worried today"),
        ("m4", "neutral", "sad", "nothing to report"),
        ("m5", "surprised", "surprised", "I am feeling happy, oddly"),
    ],
    # 4 audio-visual clips (with sound: each clip's tone is its colour's label), 3 coloured as gold
    "GER_RAVDESS_AV": [
        ("01-01-03-01-01-01-01", "happy", "happy", "Kids are talking by the door"),
        ("01-01-04-01-02-01-01", "sad", "sad", "Dogs are sitting by the door"),
        ("01-01-05-02-01-01-02", "angry", "angry", "Kids are talking by the door"),
        ("01-01-02-01-02-02-02", "calm", "happy", "Dogs are sitting by the door"),
    ],
}


def _png(image) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


#: Container of each video release's fixture clips, and whether they carry sound (as the releases do).
CLIP_FORMAT = {"dfew": (".mp4", False), "mer2023": (".avi", True), "ravdess": (".mp4", True)}


def clip_frames(name: str, sid: str) -> int:
    """Frame count of a fixture clip: varied per sample, so a wrong clip shows."""
    return clip_length([row[0] for row in SPEC[base_of(name)]].index(sid))


def _clip(entry: catalog.DatasetEntry, sid: str, colour: str, frames: int) -> tuple[dict, dict | None]:
    """The original-clip cell (a real clip's bytes and file name) and its decoded sound-track cell
    (16 kHz mono WAV, as ``ger prepare`` stores it; ``None`` for a silent clip)."""
    import tempfile

    from ger_plugin.data import audio

    suffix, sound = CLIP_FORMAT.get(entry.source_key, (".mp4", False))
    with tempfile.TemporaryDirectory() as tmp:
        path = write_video(Path(tmp) / f"{sid}{suffix}", colour, frames, sound=colour if sound else None)
        track = {"bytes": audio.track_wav(path), "path": f"{sid}.wav"} if sound else None
        return {"bytes": path.read_bytes(), "path": path.name}, track


def _record(entry: catalog.DatasetEntry, sid: str, gold: str, colour: str, text: str, clip_len: int = 16) -> dict:
    """One dataset row; ``clip_len``: the length of its original clip (video releases)."""
    rec = {"id": sid, "label": gold, "label_original": gold}
    fields = features.field_names(entry.source_key)
    if "image" in fields:
        rec["image"] = {"bytes": _png(make_image(colour, sid)), "path": f"{sid}.png"}
    if "apex" in fields:
        for col in features.MICRO_FIELDS:  # only the apex shows the label: a wrong frame scores differently
            shown = colour if col == features.prompt_image_field(entry) else DECOY
            rec[col] = {"bytes": _png(make_image(shown, f"{sid}_{col}")), "path": f"{sid}_{col}.png"}
    if "frames" in fields:
        frames = [
            {"bytes": _png(frame_image(colour, k)), "path": f"{sid}_{k:02d}.png"} for k in range(features.STORED_FRAMES)
        ]
        clip, track = _clip(entry, sid, colour, clip_len)
        rec.update(video=clip, frames=frames, fps=25.0, num_frames=clip_len, duration=clip_len / 25.0)
        if "audio" in fields:
            rec["audio"] = track
    if "text" in fields:
        rec.update(text=text, text_en=text)
    return rec


def write_release(home: Path, name: str, rows: list[tuple[str, str, str, str]] | None = None) -> Path:
    """Write ``rows`` (default ``SPEC[name]``) as a GER-format folder under ``home/datasets``."""
    entry = catalog.get(name)

    folder = home / "datasets" / catalog.release_name(entry.source_key)
    out = folder / "data" / entry.hub_config / "test-00000-of-00001.parquet"
    out.parent.mkdir(parents=True, exist_ok=True)
    records = [
        _record(entry, *row, clip_len=clip_length(k)) for k, row in enumerate(SPEC[name] if rows is None else rows)
    ]
    features.dataset_from_rows(records, features.features_for_source(entry.source_key)).to_parquet(str(out))
    (folder / "README.md").write_text(
        "---\nconfigs:\n"
        f"- config_name: {entry.hub_config}\n  data_files:\n  - split: test\n    path: data/{entry.hub_config}/test-*\n"
        "---\nTest fixture (synthetic solid-colour media).\n"
    )
    (folder / "ger_format.json").write_text(
        json.dumps({"format_version": features.FORMAT_VERSION, "source": entry.source_key})
    )
    return folder


def expected_acc(name: str, frames: bool = True, text: bool = True) -> float:
    """Accuracy (percent) the loopback server earns on ``SPEC[name]`` seeing frames and/or text."""
    rows = SPEC[name]
    video = catalog.get(name).modality.has_frames
    hits = 0
    for sid, gold, colour, transcript in rows:
        images = ([frame_image(colour, k) for k in (0, 5, 9)] if video else [make_image(colour, sid)]) if frames else []
        hits += decide(images, transcript if text else None, video) == gold
    return 100.0 * hits / len(rows)


def scaled(name: str, copies: int) -> list[tuple[str, str, str, str]]:
    """``SPEC[name]`` repeated ``copies`` times under new ids (``r0`` -> ``r0_0``, ``r0_1``, ...)."""
    return [(f"{sid}_{k}", *rest) for k in range(copies) for sid, *rest in SPEC[name]]


def base_of(name: str) -> str:
    """``GER_MER2023_Text`` / ``GER_DFEW_8frame`` / ``GER_RAFDB_Batch`` -> the SPEC key."""
    return re.sub(r"(_Text|_Video|_\d+frame|_Batch)+$", "", name)
