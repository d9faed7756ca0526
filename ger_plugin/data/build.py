"""Original release -> standardized Hugging Face dataset folder (``ger prepare``).

reader records (media as paths) -> rows with media embedded as bytes -> one ``datasets`` split
per (config, split) -> a Hub-ready folder::

    $GER_HOME/datasets/<release name>/
        README.md                                   the dataset card (YAML ``configs:``)
        ger_format.json                             format version, counts, build time
        data/<config>/<split>-00000-of-00001.parquet

``datasets.load_dataset(<folder>, <config>)`` loads it exactly as it loads the Hub copy. The
folder is built beside the target under a temporary name and renamed at the end, so a crash
never leaves a half dataset that loads.
"""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import time
import uuid
import warnings
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ger_plugin import catalog
from ger_plugin.data.features import audio_as_storage
from ger_plugin.data.paths import ger_home
from ger_plugin.errors import DataError, GerError

#: name of the build manifest written into every dataset folder
FORMAT_FILE = "ger_format.json"
#: parquet shards are cut at about this many bytes of rows (the Hub viewer likes < 500 MB)
MAX_SHARD_BYTES = 400 * 1024 * 1024
IMAGE_COLUMNS = ("image", "onset", "apex", "offset")


# --------------------------------------------------------------------------------------
# Names and places
# --------------------------------------------------------------------------------------


def dataset_dir(source_key: str, home: Path | None = None) -> Path:
    """Where a prepared release lives: ``$GER_HOME/datasets/<release name>``."""
    return (home or ger_home()) / "datasets" / catalog.release_name(source_key)


def resolve_source(name: str) -> str:
    """Source key of a GER dataset name, a release name (``GER_TwitterI``) or a source key."""
    if name in catalog.SOURCES:
        return name
    for key in catalog.SOURCES:
        if catalog.release_name(key).lower() == name.lower():
            return key
    try:
        return catalog.get(name).source_key
    except KeyError as exc:
        raise GerError(str(exc)) from None


def data_file_pattern(config: str, split: str) -> str:
    """The ``data_files`` glob of one split, as the dataset card's ``configs:`` names it."""
    return f"data/{config}/{split}-*.parquet"


def card_path(source_key: str) -> Path | None:
    """``dataset_cards/<release name>.md`` of the checkout, or the copy packaged in the wheel."""
    name = f"{catalog.release_name(source_key)}.md"
    here = Path(__file__).resolve().parents[1]  # ger_plugin/
    for folder in (here.parent / "dataset_cards", here / "dataset_cards"):
        if (folder / name).is_file():
            return folder / name
    return None


def minimal_card(source_key: str, configs: Mapping[str, Iterable[str]]) -> str:
    """A small valid card when the release has none yet: its ``configs:`` point at our shards."""
    source = catalog.SOURCES[source_key]
    lines = ["---", f"license: {source.license_id}", f"pretty_name: {json.dumps(source.title)}", "configs:"]
    for config, splits in configs.items():
        lines += [f"- config_name: {config}", "  data_files:"]
        for split in splits:
            lines += [f"  - split: {split}", f"    path: {data_file_pattern(config, split)}"]
    lines += [
        "---",
        "",
        f"# {catalog.release_name(source_key)}",
        "",
        f"{source.title}, repackaged in the GER standard format. Source: {source.homepage}",
        "",
    ]
    return "\n".join(lines)


def card_text(
    source_key: str,
    features,
    counts: Mapping[str, Mapping[str, int]],
    sizes: Mapping[tuple[str, str], int],
    layout: Any = None,
) -> str:
    """The release's card with ``configs`` and ``dataset_info`` describing exactly this build.

    The prose and metadata come from ``dataset_cards/<release name>.md``; the data description is
    rewritten from the built splits (as ``push_to_hub`` does), so the loader's split checks agree
    with the shards even when records were skipped.
    """
    import datasets
    from datasets.info import DatasetInfosDict
    from huggingface_hub import DatasetCard

    path = card_path(source_key)
    card = DatasetCard(path.read_text(encoding="utf-8") if path else minimal_card(source_key, counts))
    infos = DatasetInfosDict()
    for config, splits in counts.items():
        split_dict = datasets.SplitDict()
        for split, n in splits.items():
            split_dict.add(datasets.SplitInfo(split, num_bytes=sizes.get((config, split), 0), num_examples=n))
        infos[config] = datasets.DatasetInfo(
            features=features,
            splits=split_dict,
            config_name=config,
            dataset_size=sum(sizes.get((config, s), 0) for s in splits),
        )
    card.data.pop("dataset_info", None)
    if layout is not None:  # which original layout this build read (official release or a repack)
        card.data["ger_source_layout"] = {"name": layout.name, "kind": layout.kind, "source": layout.source}
    infos.to_dataset_card_data(card.data)
    card.data["configs"] = [
        {
            "config_name": config,
            "data_files": [{"split": split, "path": data_file_pattern(config, split)} for split in splits],
        }
        for config, splits in counts.items()
    ]
    return str(card)


# --------------------------------------------------------------------------------------
# Records -> rows (media read and embedded; runs in worker processes)
# --------------------------------------------------------------------------------------


def _image_value(value: Any, column: str) -> dict[str, Any] | None:
    """An image column's value as ``{"bytes", "path"}``, checked to decode."""
    from PIL import Image, UnidentifiedImageError

    if value is None:
        return None
    if isinstance(value, Image.Image):
        buffer = io.BytesIO()
        value.save(buffer, format="PNG")
        return {"bytes": buffer.getvalue(), "path": None}
    if isinstance(value, dict) and value.get("bytes"):
        data, name = value["bytes"], value.get("path")
    else:
        path = Path(value)
        try:
            data, name = path.read_bytes(), path.name
        except OSError as exc:
            raise DataError(f"cannot read image ({exc.strerror or exc})", path=path, field=column) from None
    where = value if isinstance(value, (str, Path)) else name
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()  # a full decode: verify() misses truncated JPEGs
    except UnidentifiedImageError:
        raise DataError("unreadable image (not a format Pillow recognises)", path=where, field=column) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise DataError(f"unreadable image ({exc})", path=where, field=column) from None
    return {"bytes": data, "path": name}


def _video_columns(record: Mapping[str, Any]) -> dict[str, Any]:
    """``video`` (original bytes + name), ``frames`` (JPEG), ``fps``, ``num_frames``, ``duration``."""
    from ger_plugin.data import video
    from ger_plugin.data.features import STORED_FRAMES

    path = Path(record["video"])
    if path.is_dir():  # a frame-folder release: no clip to keep, the folder name identifies it
        fps, count, duration = video.probe(path, folder_fps=float(record.get("fps") or video.FOLDER_FPS))
        clip = {"bytes": b"", "path": path.name}
    else:
        fps, count, duration = video.probe(path)
        try:
            clip = {"bytes": path.read_bytes(), "path": path.name}
        except OSError as exc:
            raise DataError(f"cannot read video ({exc.strerror or exc})", path=path) from None
    frames = [{"bytes": video.encode_jpeg(im), "path": None} for im in video.sample_frames(path, STORED_FRAMES)]
    return {"video": clip, "frames": frames, "fps": fps, "num_frames": count, "duration": duration}


def make_row(record: Mapping[str, Any], columns: tuple[str, ...]) -> dict[str, Any]:
    """One dataset row from one reader record: media embedded, every column present."""
    unknown = [k for k in record if k not in columns and not k.startswith("_")]
    if unknown:
        raise DataError(f"record {record.get('id')!r} has columns outside the release's features: {unknown}")
    row = {name: record.get(name) for name in columns}
    for name in IMAGE_COLUMNS:
        if name in columns:
            row[name] = _image_value(record.get(name), name)
    if "video" in columns and record.get("video") is not None:
        row.update(_video_columns(record))
        if "audio" in columns:
            row["audio"] = _audio_value(Path(record["video"]))
    return row


def _audio_value(path: Path) -> dict[str, Any] | None:
    """The clip's own sound track as a 16 kHz mono WAV cell; ``None`` for a clip without sound."""
    from ger_plugin.data import audio

    if path.is_dir() or not audio.has_audio(path):
        return None
    return {"bytes": audio.track_wav(path), "path": path.stem + ".wav"}


def _row_or_error(args: tuple[Mapping[str, Any], tuple[str, ...]]) -> tuple[dict[str, Any] | None, str | None]:
    # errors travel back as text: the parent decides whether to skip or stop
    record, columns = args
    try:
        return make_row(record, columns), None
    except DataError as exc:
        return None, str(exc)
    except (OSError, ValueError) as exc:  # a library tripping over bad media: still name the record
        return None, f"{exc.__class__.__name__}: {exc}"


# --------------------------------------------------------------------------------------
# The build
# --------------------------------------------------------------------------------------


@dataclass
class BuildResult:
    folder: Path
    counts: dict[str, dict[str, int]]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (record id, reason)
    warnings: list[str] = field(default_factory=list)
    #: the release layout the reader recognised (``None`` for synthetic records)
    layout: Any = None
    #: test records whose apex frame was estimated because the annotation has none, per config
    apex_estimated: dict[str, int] = field(default_factory=dict)


@dataclass
class _SplitJob:
    """One split's records and options; one object, because ``from_generator`` shards list kwargs."""

    records: list[dict[str, Any]]
    columns: tuple[str, ...]
    num_proc: int
    skip_bad: bool
    desc: str
    skipped: list[tuple[str, str]] = field(default_factory=list)
    rows: int = 0


def _rows(job: _SplitJob) -> Iterator[dict[str, Any]]:
    from tqdm.auto import tqdm

    tasks = ((r, job.columns) for r in job.records)
    bar = tqdm(total=len(job.records), desc=job.desc, unit="rec", disable=None)
    try:
        if job.num_proc > 1:
            with ProcessPoolExecutor(job.num_proc) as pool:
                results: Iterable = pool.map(_row_or_error, tasks, chunksize=2)
                yield from _collect(job, results, bar)
        else:
            yield from _collect(job, map(_row_or_error, tasks), bar)
    finally:
        bar.close()


def _collect(job: _SplitJob, results: Iterable, bar) -> Iterator[dict[str, Any]]:
    for record, (row, error) in zip(job.records, results):
        bar.update()
        if error is None:
            job.rows += 1
            yield row
        elif job.skip_bad:
            job.skipped.append((str(record.get("id")), error))
        else:
            raise DataError(f"record {record.get('id')!r}: {error} (use --skip-bad to leave it out)")


def _write_split(
    records,
    features,
    out_dir: Path,
    config: str,
    split: str,
    *,
    num_proc: int,
    skip_bad: bool,
    skipped: list,
    cache: Path,
) -> tuple[int, int]:
    """Write one split's parquet shards; returns (rows, bytes of rows)."""
    import datasets

    # an empty split would not load (the parquet reader refuses shards without rows)
    if not records:
        raise DataError(f"the reader found no records for config {config!r}, split {split!r}")
    job = _SplitJob(records, tuple(features), num_proc, skip_bad, f"{config}/{split}")
    written, audio_columns = audio_as_storage(features)  # no torchcodec needed for the WAV bytes we made
    try:
        dataset = datasets.Dataset.from_generator(
            _rows,
            features=written,
            cache_dir=str(cache),
            gen_kwargs={"job": job},
            split=datasets.NamedSplit(split),
            fingerprint=f"{config}-{split}-{time.time_ns()}",
        )
    except datasets.exceptions.DatasetGenerationError as exc:
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, (GerError, KeyboardInterrupt)):
            raise cause from None  # our own clear message, not the library's wrapper
        raise
    except ValueError:
        if job.rows:
            raise
        reasons = "; ".join(f"{i}: {r}" for i, r in job.skipped[:3])
        raise DataError(f"every record of config {config!r}, split {split!r} was skipped ({reasons})") from None
    skipped.extend(job.skipped)
    for name, feature in audio_columns.items():
        dataset = dataset.cast_column(name, feature)
    shards = max(1, math.ceil((dataset.data.nbytes or 0) / MAX_SHARD_BYTES))
    folder = out_dir / "data" / config
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(shards):
        dataset.shard(shards, i, contiguous=True).to_parquet(str(folder / f"{split}-{i:05d}-of-{shards:05d}.parquet"))
    return len(dataset), dataset.data.nbytes


def build(
    source_key: str,
    raw_dir: str | Path,
    out_dir: str | Path | None = None,
    *,
    num_proc: int = 1,
    skip_bad: bool = False,
) -> BuildResult:
    """Build a release's standardized dataset folder from its original files (atomically)."""
    from ger_plugin.data import layouts, sources

    raw_dir = Path(raw_dir).expanduser()
    if not raw_dir.is_dir():
        raise DataError("the raw release folder does not exist", path=raw_dir)
    try:
        reader = sources.reader(source_key)
    except ModuleNotFoundError as exc:
        if exc.name != f"{sources.__name__}.{source_key}":
            raise
        raise GerError(
            f"this ger-plugin has no reader for {catalog.release_name(source_key)} "
            f"(ger_plugin.data.sources.{source_key})"
        ) from None
    # the layout first: a refusal comes before any work, with the reader's own reason
    declared = getattr(reader, "LAYOUTS", None)  # every packaged reader declares them; test doubles may not
    found = (
        layouts.locate(
            raw_dir, declared, what=catalog.release_name(source_key), beside=getattr(reader, "LOOK_BESIDE", 0)
        )
        if declared
        else None
    )
    splits = catalog.SOURCES[source_key].splits
    # Reading is lazy: one split's records are in memory at a time.
    records = {
        config: {split: _lazy(reader.read, raw_dir, config=config, split=split) for split in splits}
        for config in reader.CONFIGS
    }
    return write_release(
        source_key,
        records,
        out_dir,
        extra_features=reader.extra_features(),
        num_proc=num_proc,
        skip_bad=skip_bad,
        layout=found.layout if found else None,
    )


def _lazy(read, *args, **kwargs):
    return lambda: list(read(*args, **kwargs))


def write_release(
    source_key: str,
    records: Mapping[str, Mapping[str, Any]],
    out_dir: str | Path | None = None,
    *,
    extra_features: Mapping[str, Any] | None = None,
    num_proc: int = 1,
    skip_bad: bool = False,
    layout: Any = None,
) -> BuildResult:
    """Write standardized records as a release's Hub-ready folder (atomically).

    ``records`` maps config -> split -> a list of records, or a callable returning one (so a
    reader's splits are read one at a time). ``build`` feeds it a reader; the offline demo
    feeds it synthetic records.
    """
    from ger_plugin import __version__
    from ger_plugin.data.features import FORMAT_VERSION, features_for_source
    from ger_plugin.data.sources import count_differences

    target = Path(out_dir).expanduser() if out_dir else dataset_dir(source_key)
    features = features_for_source(source_key, extra_features)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.parent / f".{target.name}.building-{os.getpid()}"
    shutil.rmtree(temp, ignore_errors=True)
    result = BuildResult(target, {}, layout=layout)
    sizes: dict[tuple[str, str], int] = {}
    try:
        for config, by_split in records.items():
            result.counts[config] = {}
            for split, split_records in by_split.items():
                split_records = split_records() if callable(split_records) else list(split_records)
                result.counts[config][split], sizes[(config, split)] = _write_split(
                    split_records,
                    features,
                    temp,
                    config,
                    split,
                    num_proc=num_proc,
                    skip_bad=skip_bad,
                    skipped=result.skipped,
                    cache=temp / ".cache",
                )
                if split == "test":
                    entry = next((e for e in catalog.by_source(source_key) if e.hub_config == config), None)
                    if entry is not None:
                        result.warnings += count_differences(entry, [r["label"] for r in split_records])
                    estimated = sum(1 for r in split_records if r.get("apex_estimated"))
                    if estimated:
                        result.apex_estimated[config] = estimated
        shutil.rmtree(temp / ".cache", ignore_errors=True)
        (temp / "README.md").write_text(card_text(source_key, features, result.counts, sizes, layout))
        manifest = {
            "format_version": FORMAT_VERSION,
            "source": source_key,
            "release": catalog.release_name(source_key),
            "counts": result.counts,
            "skipped": [{"id": i, "reason": r} for i, r in result.skipped],
            # which way the original files were laid out (official release or a community repack)
            "source_layout": (
                {"name": layout.name, "kind": layout.kind, "source": layout.source} if layout is not None else None
            ),
            "apex_estimated": result.apex_estimated,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_id": uuid.uuid4().hex,  # tells two builds of the same second apart (loader caches)
            "ger_plugin_version": __version__,
        }
        (temp / FORMAT_FILE).write_text(json.dumps(manifest, indent=2) + "\n")
        _replace(temp, target)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    if result.warnings:  # one warning: the differences belong together
        warnings.warn("counts differ from the catalog:\n  " + "\n  ".join(result.warnings), stacklevel=2)
    return result


def _replace(temp: Path, target: Path) -> None:
    """Swap the finished folder into place; the old one is removed only after the swap."""
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    if target.exists():
        target.rename(old)
    temp.rename(target)
    shutil.rmtree(old, ignore_errors=True)
