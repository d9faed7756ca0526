"""Readers of the 19 original releases, one small module each (``ger_plugin.data.sources.<key>``).

Every reader module defines:

``CONFIGS``
    the Hub configs it can build, e.g. ``("default",)``, ``("five_agree", "four_agree",
    "three_agree")`` or ``("fold1", ..., "fold5")``; they equal the catalog entries' ``hub_config``.
``read(raw_dir, *, config="default", split="test") -> Iterator[dict]``
    standardized records (see :mod:`ger_plugin.data.features`): ``id`` (stable, from original file
    names), ``label`` (canonical), ``label_original`` (as written in the release), media as
    paths, plus the reader's extra columns. Splits are the Hub's names (``train``,
    ``validation``, ``test``); ``test`` is the split the paper evaluates.
    Layout problems raise :class:`~ger_plugin.errors.DataError` naming the missing or bad file;
    an unknown label code is an error, a known-but-excluded one is skipped.
``extra_features() -> dict``
    ``datasets`` feature types of the extra columns (may be empty).

Generic checks shared by all readers live here.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterable, Mapping
from types import ModuleType

from ger_plugin.catalog import SOURCES, DatasetEntry, by_source
from ger_plugin.errors import DataError, GerError


def reader(source_key: str) -> ModuleType:
    """The reader module of a release, by its catalog source key."""
    if source_key not in SOURCES:
        raise KeyError(f"unknown source {source_key!r}; known: {', '.join(SOURCES)}")
    return importlib.import_module(f"{__name__}.{source_key}")


class UnknownConfigError(GerError, ValueError):
    """A config or split the release does not define: the caller's mistake, not bad data."""


def entry_for(source_key: str, config: str, split: str = "test") -> DatasetEntry:
    """The catalog entry a reader labels ``config`` with, after checking ``config`` and ``split`` exist.

    Configs are the catalog's ``hub_config`` values of the release, splits its ``Source.splits``.
    """
    entries = [e for e in by_source(source_key) if e.hub_config == config]
    if not entries:
        known = ", ".join(dict.fromkeys(e.hub_config for e in by_source(source_key)))
        raise UnknownConfigError(f"{source_key}: unknown config {config!r} (known: {known})")
    splits = SOURCES[source_key].splits
    if split not in splits:
        raise UnknownConfigError(f"{source_key}: unknown split {split!r} (known: {', '.join(splits)})")
    return entries[0]


def map_label(
    entry: DatasetEntry, original: object, *, path: object = None, line: int | None = None, field: str | None = None
) -> str | None:
    """Canonical label of a release code/name; ``None`` when the class is known but not evaluated.

    An unknown code raises :class:`DataError` naming the file, line and field.
    """
    key = str(original).strip()
    if key in entry.original_labels:
        return entry.original_labels[key]
    if key in entry.excluded_original_labels:
        return None
    known = ", ".join(list(entry.original_labels) + list(entry.excluded_original_labels))
    raise DataError(f"unknown label {key!r} for {entry.name} (known: {known})", path=path, line=line, field=field)


def count_differences(entry: DatasetEntry, labels: Iterable[str]) -> list[str]:
    """Human-readable differences between per-class counts and the catalog's (empty when equal)."""
    counts: Mapping[str, int] = Counter(labels)
    total = sum(counts.values())
    problems = []
    # Per-class counts are the paper's list; compare them only when the reader should match it.
    if entry.class_counts and entry.expected_reader_size == entry.release_test_size:
        for label in entry.labels:
            expected, got = entry.class_counts.get(label, 0), counts.get(label, 0)
            if expected != got:
                problems.append(f"{entry.name}: class {label!r} has {got} samples, the catalog expects {expected}")
    if total != entry.expected_reader_size:
        problems.append(f"{entry.name}: {total} test samples, the catalog expects {entry.expected_reader_size}")
    return problems
