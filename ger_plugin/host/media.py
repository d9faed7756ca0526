"""Write a GER dataset's media once under the host's data root and describe each sample.

``materialize(entry, root)`` reads the standardized dataset through :mod:`ger_plugin.data.hub`,
writes every image (or every stored frame of every clip) to ``root`` once and returns one
plain dict per sample: ``id``, ``label`` (canonical), ``gold`` (label, or sentiment score),
``text`` and ``media`` (absolute file paths, frames in temporal order). A manifest beside the
media records the dataset fingerprint, so the next run reuses the files without decoding.

``materialize(entry, root, clips=True)`` also writes each video sample's original clip, byte for
byte from the stored ``video`` column (same container and codec, never re-encoded), as
``<root>/<id>/clip.<ext>`` and sets ``clip`` in the row (``None`` where the release stores no clip:
frame-folder releases). Video models get these; image models never cause them to be written.
Entries with sound (``_Audio``, ``_AV``, ``_AVT``) also get ``audio``: the stored 16 kHz mono WAV
track written once as ``<root>/<id>/audio.wav``.

No vlmeval import here: the adapters pass the root in.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ger_plugin.catalog import DatasetEntry, Scoring
from ger_plugin.data.features import prompt_image_field
from ger_plugin.data.video import sample_positions
from ger_plugin.errors import DataError

MANIFEST = "ger_manifest.json"
_RAW_OK = {".jpg", ".jpeg", ".png"}  # formats every host backend accepts as-is


def _suffix(raw: bytes, path: str | None) -> str:
    ext = Path(path or "").suffix.lower()
    if ext in _RAW_OK:
        return ext
    if raw[:8] == b"\x89PNG\r\n\x1a\n":
        return ".png"
    if raw[:2] == b"\xff\xd8":
        return ".jpg"
    return ""  # anything else is re-encoded to PNG


def _write_image(
    cell: dict[str, Any] | None, target: Path, mode: str, where: str, damage: Callable[[bytes], bytes] | None = None
) -> str:
    """Write one HF Image cell ({'bytes', 'path'}) to ``target`` (suffix added); return the path.

    ``damage`` (a corruption variant) turns the image into the PNG bytes written instead.
    """
    if not cell or not cell.get("bytes"):
        raise DataError("missing image bytes", path=where)
    raw: bytes = cell["bytes"]
    if damage is not None:
        out = target.with_suffix(".png")
        if not out.exists():
            _atomic_write(out, damage(raw))
        return str(out)
    ext = _suffix(raw, cell.get("path"))
    if ext and mode == "RGB":
        out = target.with_suffix(ext)
        if not out.exists():
            _atomic_write(out, raw)
        return str(out)
    out = target.with_suffix(".png")
    if not out.exists():
        import io

        from PIL import Image

        with Image.open(io.BytesIO(raw)) as im:
            buf = io.BytesIO()
            im.convert(mode).save(buf, format="PNG")
        _atomic_write(out, buf.getvalue())
    return str(out)


def _atomic_write(path: Path, data: bytes) -> None:
    # tmp + rename: a killed run (or a second torchrun rank) never leaves half a file behind
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _safe(sample_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in sample_id)


def _clip_suffix(name: str | None) -> str:
    # the release's own extension (mp4, avi, ...): host backends pick the demuxer and MIME type by it
    ext = Path(name or "").suffix.lower()
    return ext if ext[1:].isalnum() else ".mp4"


def _write_clip(cell: dict[str, Any] | None, folder: Path) -> str | None:
    """The stored original clip written once as ``folder/clip.<ext>``; ``None`` if none is stored."""
    if not cell or not cell.get("bytes"):
        return None
    out = folder / f"clip{_clip_suffix(cell.get('path'))}"
    if not out.exists():
        folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(out, cell["bytes"])
    return str(out)


def _write_sound(cell: dict[str, Any] | None, folder: Path, where: str) -> str:
    """The stored 16 kHz WAV sound track written once as ``folder/audio.wav``."""
    if not cell or not cell.get("bytes"):
        raise DataError("no sound track stored (the clip has no audio stream)", path=where, field="audio")
    out = folder / "audio.wav"
    if not out.exists():
        folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(out, cell["bytes"])
    return str(out)


def _reusable(
    saved: dict[str, Any], entry: DatasetEntry, fingerprint: str | None, corruption: str, clips: bool
) -> bool:
    if saved.get("fingerprint") != fingerprint or saved.get("dataset") != entry.name:
        return False
    if saved.get("corruption", "") != corruption:
        return False
    rows = saved["rows"]
    if clips and not all("clip" in row for row in rows):
        return False  # written for an image model: the clips are not there yet
    return all(
        Path(p).exists() for row in rows for p in [*row["media"], *(row[k] for k in ("clip", "audio") if row.get(k))]
    )


def materialize(
    entry: DatasetEntry, root: str | os.PathLike[str], split: str = "test", corruption: str = "", *, clips: bool = False
) -> list[dict[str, Any]]:
    """One dict per sample of ``entry``'s split, media written under ``root`` once (``clips``: also
    the original video clips).

    ``corruption`` (a host variant's, e.g. ``"Blur3"``): every image is written corrupted
    (:mod:`ger_plugin.data.corruptions`, seeded per sample); use a root of its own.
    """
    from ger_plugin.data.hub import load_ger_dataset

    data = load_ger_dataset(entry.name, split=split)
    root = Path(root)
    manifest = root / MANIFEST
    damage: Callable[[bytes], bytes] | None = None
    corruption_key = ""
    if corruption:
        from ger_plugin.data import corruptions

        parsed = corruptions.parse(corruption)
        if parsed is None:
            raise ValueError(f"unknown corruption {corruption!r}")
        spec = parsed
        # parameters and seed in the key: changing either rewrites the media
        corruption_key = f"{corruption}:{corruptions.PARAMETERS[spec.kind][spec.severity - 1]}:{corruptions.SEED}"
    fingerprint = getattr(data, "_fingerprint", None)
    clips = clips and entry.modality.has_frames
    if manifest.is_file():
        try:
            saved = json.loads(manifest.read_text())
            if _reusable(saved, entry, fingerprint, corruption_key, clips):
                return saved["rows"]
        except (ValueError, KeyError, TypeError):
            pass  # a damaged manifest is rebuilt below
    root.mkdir(parents=True, exist_ok=True)
    import datasets as ds

    label_names = data.features["label"].names if "label" in data.features else list(entry.labels)
    image_cols = [c for c, f in data.features.items() if isinstance(f, ds.Image)]
    if "frames" in data.features:
        data = data.cast_column("frames", ds.Sequence(ds.Image(decode=False)))
    for col in image_cols:
        data = data.cast_column(col, ds.Image(decode=False))
    image_col = prompt_image_field(entry) if prompt_image_field(entry) in data.features else None
    if entry.modality.has_audio:
        if "audio" not in data.features:
            raise DataError(
                f"{entry.name}: the prepared dataset has no audio column; rebuild it with "
                f"`ger prepare {entry.name} --raw <release folder>`"
            )
        data = data.cast_column("audio", ds.Audio(decode=False))
    sentiment = entry.scoring is Scoring.SENTIMENT_INTENSITY
    from tqdm import tqdm

    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, rec in enumerate(tqdm(data, desc=f"{entry.name}: media", unit="sample", disable=len(data) < 200)):
        sid = str(rec.get("id"))
        where = f"{entry.name} {split} row {i} (id {sid!r})"
        if sid in seen:
            raise DataError("duplicate sample id", path=where, field="id")
        seen.add(sid)
        media: list[str] = []
        if entry.modality.has_frames:
            frames = rec.get("frames") or []
            if not frames:
                raise DataError("no stored frames", path=where, field="frames")
            folder = root / _safe(sid)
            folder.mkdir(exist_ok=True)
            media = [_write_image(f, folder / f"frame_{k:02d}", entry.image_mode, where) for k, f in enumerate(frames)]
        elif not entry.modality.has_text and image_col:
            if corruption:

                def damage(raw: bytes, sid: str = sid) -> bytes:
                    return corruptions.corrupt(raw, spec, dataset=entry.name, sample_id=sid, mode=entry.image_mode)

            media = [_write_image(rec.get(image_col), root / _safe(sid), entry.image_mode, where, damage)]
        label = label_names[rec["label"]] if isinstance(rec.get("label"), int) else rec.get("label")
        gold: Any = label
        if sentiment:
            if rec.get("sentiment") is None:
                raise DataError("missing sentiment score", path=where, field="sentiment")
            gold = float(rec["sentiment"])
        row = {"id": sid, "label": label, "gold": gold, "text": rec.get("text") or "", "media": media}
        if clips:
            row["clip"] = _write_clip(rec.get("video"), root / _safe(sid))
        if entry.modality.has_audio:
            row["audio"] = _write_sound(rec.get("audio"), root / _safe(sid), where)
        rows.append(row)
    _atomic_write(
        manifest,
        json.dumps(
            {"dataset": entry.name, "fingerprint": fingerprint, "corruption": corruption_key, "rows": rows}
        ).encode(),
    )
    return rows


def pick_frames(stored: list[str], n: int) -> list[str]:
    """``n`` of the stored frames, uniformly spread and in order (centres of n equal segments)."""
    if n <= 0 or not stored:
        return []
    if n >= len(stored):
        return list(stored)
    return [stored[k] for k in sample_positions(len(stored), n)]
