"""The standardized GER record and its Hugging Face ``Features``, per release.

A *record* is the plain dict a ``sources.<key>.read()`` reader yields and ``build`` turns
into a dataset row. Media are given as file paths (images, video files, frame folders);
``build`` reads them. The Hub feature types are derived from the catalog here, so every
release of the same modality has the same columns.

``datasets`` is imported inside :func:`features_for_source` only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ger_plugin.catalog import DATASETS, SOURCES, DatasetEntry, Scoring, Task

if TYPE_CHECKING:  # pragma: no cover
    import datasets

#: Frames stored per video clip, uniformly sampled, so 1-16 frame evaluation needs no decoding.
STORED_FRAMES = 16

#: Version of the standardized layout; bump when columns change (``hub`` refuses older folders).
FORMAT_VERSION = 1

#: Columns every record has.
COMMON_FIELDS = ("id", "label", "label_original")
IMAGE_FIELDS = ("image",)
MICRO_FIELDS = ("onset", "apex", "offset")
VIDEO_FIELDS = ("video", "frames", "fps", "num_frames", "duration")
TEXT_FIELDS = ("text", "text_en")
SENTIMENT_FIELDS = ("sentiment", "polarity")
#: The clip's sound track, decoded to 16 kHz mono WAV (releases with an audio variant).
AUDIO_FIELDS = ("audio",)


def reference_entry(source_key: str) -> DatasetEntry:
    """The entry whose modality defines a release's columns (the widest one: video+text beats text)."""
    entries = [e for e in DATASETS.values() if e.source_key == source_key]
    if not entries:
        raise KeyError(f"no catalog entry for source {source_key!r}")
    return max(
        entries, key=lambda e: (e.modality.has_frames + e.modality.has_text + e.modality.has_audio, e.paper is not None)
    )


def prompt_image_field(entry: DatasetEntry) -> str:
    """The image column a model sees for an image task (micro-expressions: the apex frame)."""
    return "apex" if entry.task is Task.MICRO else "image"


def field_names(source_key: str) -> tuple[str, ...]:
    """Ordered standard column names of a release (without its source-specific extras)."""
    entry = reference_entry(source_key)
    names: list[str] = list(COMMON_FIELDS)
    if entry.task is Task.MICRO:
        names += MICRO_FIELDS
    elif not entry.modality.has_frames and not entry.modality.has_text:
        names += IMAGE_FIELDS
    if entry.modality.has_frames:
        names += VIDEO_FIELDS
    if entry.modality.has_text:
        names += TEXT_FIELDS
    if entry.modality.has_audio:
        names += AUDIO_FIELDS
    if entry.scoring is Scoring.SENTIMENT_INTENSITY:
        names += SENTIMENT_FIELDS
    return tuple(names)


def features_for_source(source_key: str, extra: Mapping[str, Any] | None = None) -> datasets.Features:
    """The typed ``datasets.Features`` of a release; ``extra`` adds the reader's own columns."""
    import datasets as ds

    entry = reference_entry(source_key)
    if source_key not in SOURCES:
        raise KeyError(source_key)
    types: dict[str, Any] = {
        "id": ds.Value("string"),
        "label": ds.ClassLabel(names=list(entry.labels)),
        "label_original": ds.Value("string"),
        "image": ds.Image(),
        "onset": ds.Image(),
        "apex": ds.Image(),
        "offset": ds.Image(),
        # the original clip, byte for byte, with its file name (frame-folder releases: empty bytes)
        "video": {"bytes": ds.Value("binary"), "path": ds.Value("string")},
        "frames": ds.Sequence(ds.Image()),
        "fps": ds.Value("float32"),
        "num_frames": ds.Value("int32"),
        "duration": ds.Value("float32"),
        "text": ds.Value("string"),  # transcript in the clip's language
        "text_en": ds.Value("string"),  # English transcript/translation where the release has one
        "sentiment": ds.Value("float32"),
        "polarity": ds.ClassLabel(names=["negative", "neutral", "positive"]),
        # the sound track as a 16 kHz mono WAV file (clips without sound: None); stored undecoded
        "audio": ds.Audio(sampling_rate=16_000, decode=False),
    }
    features = {name: types[name] for name in field_names(source_key)}
    for name, feature in (extra or {}).items():
        if name in features:
            raise ValueError(f"extra column {name!r} of {source_key} shadows a standard column")
        features[name] = feature
    return ds.Features(features)


def audio_as_storage(features: datasets.Features) -> tuple[datasets.Features, dict[str, Any]]:
    """Features to write rows with, and the ``Audio`` columns to cast back to once written.

    ``datasets`` encodes an ``Audio`` value through torchcodec even when it is ready-made WAV bytes;
    writing the column as its Arrow storage (bytes, path) and casting afterwards needs no decoder.
    """
    import datasets as ds

    audio = {name: f for name, f in features.items() if isinstance(f, ds.Audio)}
    storage = {"bytes": ds.Value("binary"), "path": ds.Value("string")}
    return ds.Features({name: storage if name in audio else f for name, f in features.items()}), audio


def dataset_from_rows(rows: Any, features: datasets.Features) -> datasets.Dataset:
    """``datasets.Dataset.from_list(rows)`` with ``features``, audio columns included (see above)."""
    import datasets as ds

    written, audio = audio_as_storage(features)
    dataset = ds.Dataset.from_list(list(rows), features=written)
    for name, feature in audio.items():
        dataset = dataset.cast_column(name, feature)
    return dataset
