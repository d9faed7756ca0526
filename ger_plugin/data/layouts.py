"""Release layouts: what each reader accepts, declared as data, and one detector for all of them.

A reader declares ``LAYOUTS``: a tuple of :class:`Layout`, most preferred first. Each layout names
the files it needs relative to a release root, as ``/``-separated, case-insensitive glob patterns
(a trailing ``/`` means a folder, ``.`` the root itself, ``**`` any folder below), with the public source of the fact.
:func:`locate` finds the first layout whose needs all resolve under ``--raw`` or a folder up to
:data:`ROOT_DEPTH` levels below it.

Self-named nesting (``X/X/X/...``, what unzipping ``X.zip`` that already holds ``X/`` gives) is
handled here and only here: every folder a pattern reaches is tried as written and then as each
self-named folder below it, at any depth.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ger_plugin.errors import DataError

#: How many folder levels below ``--raw`` a release root may sit.
ROOT_DEPTH = 3
#: Folders never taken for release content (macOS zip debris, hidden folders).
IGNORED = frozenset({"__macosx"})
#: A download part's suffix (``-001``, `` (2)``): ``X-002/X`` counts as self-named nesting.
_PART_SUFFIX = re.compile(r"(?:[-_ ](?:part)?\d{1,3}|\s?\(\d{1,3}\))$", re.IGNORECASE)
#: At most this many candidate folders are tried per pattern segment (bounded work on huge trees).
MAX_CANDIDATES = 64

Kind = Literal["official", "repack"]


@dataclass(frozen=True)
class Need:
    """One thing a layout needs: ``patterns`` are alternatives; ``contains`` must be inside the match."""

    role: str
    patterns: tuple[str, ...]
    contains: str = ""

    def describe(self) -> str:
        shown = " or ".join(self.patterns)
        return f"{shown} (holding {self.contains})" if self.contains else shown


@dataclass(frozen=True)
class Layout:
    """One way a release is laid out on disk, as users download it."""

    name: str
    kind: Kind
    description: str
    needs: tuple[Need, ...]
    source: str
    #: for a repack that cannot reproduce the paper's test set: what is missing and where the original is
    refusal: str = ""
    #: printed by ``ger prepare`` and ``ger inspect`` when this layout is read (e.g. what a missing file would add)
    note: str = ""

    @property
    def accepted(self) -> bool:
        return not self.refusal


@dataclass
class Found:
    """A recognised layout: its root folder and the path each need resolved to."""

    layout: Layout
    root: Path
    paths: dict[str, Path] = field(default_factory=dict)
    #: every match of each need (several download parts, e.g. ``X-001/``, ``X-002/``), first one first
    every: dict[str, list[Path]] = field(default_factory=dict)

    def __getitem__(self, role: str) -> Path:
        return self.paths[role]


@dataclass
class Comparison:
    """How far one layout got at its best root: needs resolved and needs missing."""

    layout: Layout
    root: Path
    resolved: dict[str, Path]
    missing: list[Need]
    every: dict[str, list[Path]] = field(default_factory=dict)

    @property
    def score(self) -> float:
        total = len(self.layout.needs) or 1
        return len(self.resolved) / total


class LayoutError(DataError):
    """No declared layout matches (or only a refused repack does); carries the comparisons for a diagnosis."""

    def __init__(
        self, message: str, *, raw: Path, comparisons: Sequence[Comparison] = (), refused: Found | None = None
    ) -> None:
        super().__init__(message, path=raw)
        self.raw = raw
        self.comparisons = list(comparisons)
        self.refused = refused


class _Tree:
    """Cached, sorted directory listings: (name, is_dir) pairs, ignoring hidden entries and debris."""

    def __init__(self) -> None:
        self._cache: dict[Path, list[tuple[str, bool]]] = {}

    def entries(self, folder: Path) -> list[tuple[str, bool]]:
        if folder not in self._cache:
            found = []
            try:
                with os.scandir(folder) as it:
                    for entry in it:
                        name = entry.name
                        if name.startswith((".", "~$")) or name.lower() in IGNORED:
                            continue
                        try:
                            found.append((name, entry.is_dir()))
                        except OSError:
                            continue
            except OSError:
                pass
            self._cache[folder] = sorted(found)
        return self._cache[folder]

    def children(self, folder: Path, pattern: str, *, want_dir: bool | None) -> list[Path]:
        pattern = pattern.lower()
        literal = not any(c in pattern for c in "*?[")
        hits = []
        for name, is_dir in self.entries(folder):
            if want_dir is not None and is_dir != want_dir:
                continue
            if (name.lower() == pattern) if literal else fnmatch.fnmatchcase(name.lower(), pattern):
                hits.append(folder / name)
        return hits

    def nested(self, folder: Path) -> Iterator[Path]:
        """``folder`` and each self-named folder below it (``X``, ``X/X``, ``X/X/X``...); a download
        part's suffix does not count (``X-002/X``)."""
        yield folder
        while True:
            names = {folder.name.lower(), _PART_SUFFIX.sub("", folder.name).lower()}
            inner = [p for p in self.children(folder, "*", want_dir=True) if p.name.lower() in names]
            if not inner:
                return
            folder = inner[0]
            yield folder

    def resolve_all(self, root: Path, pattern: str, contains: str = "") -> list[Path]:
        """Paths matching ``pattern`` under ``root`` (self-named nesting allowed at every folder)."""
        return [
            p
            for p in self._matches(root, pattern)
            if not contains or self._matches(p, contains, first=True, nest_root=False)
        ]

    def _matches(self, root: Path, pattern: str, first: bool = False, nest_root: bool = True) -> list[Path]:
        want_dir_last = pattern.endswith("/")
        parts = [p for p in pattern.strip("/").split("/") if p]
        current = list(self.nested(root)) if nest_root else [root]
        if parts == ["."] or not parts:
            return current
        for i, segment in enumerate(parts):
            if segment == "**":  # this folder or any below it, down to ROOT_DEPTH levels
                current = [d for folder in current for d in self.roots(folder)][: MAX_CANDIDATES * 4]
                continue
            last = i == len(parts) - 1
            want_dir = True if not last else (True if want_dir_last else False)
            found: list[Path] = []
            for folder in current:
                for child in self.children(folder, segment, want_dir=want_dir):
                    found.extend(self.nested(child) if want_dir else [child])
                    if len(found) >= MAX_CANDIDATES:
                        break
                if len(found) >= MAX_CANDIDATES:
                    break
            current = found
            if not current:
                return []
        return current[:1] if first else current

    def roots(self, raw: Path, depth: int = ROOT_DEPTH) -> Iterator[Path]:
        queue: deque[tuple[Path, int]] = deque([(raw, 0)])
        while queue:
            folder, level = queue.popleft()
            yield folder
            if level < depth:
                queue.extend((folder / name, level + 1) for name, is_dir in self.entries(folder) if is_dir)


def compare(raw: Path, layout: Layout, tree: _Tree | None = None) -> Comparison:
    """The best root for ``layout`` under ``raw`` and what resolved there (a full match wins at once)."""
    tree = tree or _Tree()
    best: Comparison | None = None
    for root in tree.roots(raw):
        resolved: dict[str, Path] = {}
        every: dict[str, list[Path]] = {}
        missing: list[Need] = []
        for need in layout.needs:
            hits = list(dict.fromkeys(p for pat in need.patterns for p in tree.resolve_all(root, pat, need.contains)))
            if not hits:
                missing.append(need)
            else:
                resolved[need.role], every[need.role] = hits[0], hits
        comparison = Comparison(layout, root, resolved, missing, every)
        if not missing:
            return comparison
        if best is None or comparison.score > best.score:
            best = comparison
    assert best is not None
    return best


def existing_dir(raw: str | Path) -> Path:
    path = Path(raw).expanduser()
    if not path.is_dir():
        raise DataError("the release folder does not exist", path=path)
    return path.resolve()


def locate(raw: str | Path, layouts: Sequence[Layout], *, what: str, beside: int = 0) -> Found:
    """The first declared layout found under ``raw``; a refused repack or no match is a :class:`LayoutError`.

    ``beside``: when part of a layout is found under ``raw`` and the rest is not, look for the rest
    in the folders up to this many levels above ``raw`` (releases downloaded in separate parts, where
    ``--raw`` names one part with the others beside it).
    """
    raw = existing_dir(raw)
    tree = _Tree()
    comparisons: list[Comparison] = []
    complete: Comparison | None = None
    for layout in layouts:  # a layout complete under --raw first, in declared order
        comparisons.append(compare(raw, layout, tree))
        if not comparisons[-1].missing:
            complete = comparisons[-1]
            break
    # only then one completed from the folders beside --raw
    if complete is None and beside:
        widened = (_complete_beside(c, raw, beside, tree) if c.resolved else c for c in comparisons)
        complete = next((c for c in widened if not c.missing), None)
    if complete is not None:
        layout = complete.layout
        found = Found(
            layout,
            complete.root,
            {k: v.resolve() for k, v in complete.resolved.items()},
            {k: [p.resolve() for p in v] for k, v in complete.every.items()},
        )
        if not layout.accepted:
            raise LayoutError(
                f"{what}: {layout.description} ({layout.kind} '{layout.name}') cannot "
                f"reproduce the paper's test set: {layout.refusal}",
                raw=raw,
                comparisons=[complete],
                refused=found,
            )
        return found
    nearest = max(comparisons, key=lambda c: c.score)
    missing = "; ".join(f"{n.role} ({n.describe()})" for n in nearest.missing)
    raise LayoutError(
        f"{what}: no known layout found (compared {len(layouts)}: "
        f"{', '.join(layout.name for layout in layouts)}); nearest '{nearest.layout.name}' "
        f"under {nearest.root} lacks {missing}",
        raw=raw,
        comparisons=comparisons,
    )


def _complete_beside(comparison: Comparison, raw: Path, levels: int, tree: _Tree) -> Comparison:
    """``comparison`` with its missing needs looked for in the folders holding ``raw``, and the parts
    of its found needs that sit beside ``raw`` added (``--raw X-001/`` with ``X-002/`` beside it)."""
    resolved, every, missing = dict(comparison.resolved), dict(comparison.every), []
    ancestors = list(raw.parents)[:levels]
    for need in comparison.layout.needs:
        for folder in ancestors:
            hits = list(dict.fromkeys(p for pat in need.patterns for p in tree.resolve_all(folder, pat, need.contains)))
            if hits:
                if need.role not in resolved:
                    resolved[need.role] = hits[0]
                every[need.role] = list(dict.fromkeys([*every.get(need.role, []), *hits]))
                break
        if need.role not in resolved:
            missing.append(need)
    return Comparison(comparison.layout, comparison.root, resolved, missing, every)


def top_levels(raw: Path, limit: int = 12) -> list[str]:
    """What is in the top two levels of ``raw``, one line per folder (for a diagnosis)."""
    tree = _Tree()
    lines = []
    for name, is_dir in tree.entries(raw)[:limit]:
        if not is_dir:
            lines.append(name)
            continue
        inside = tree.entries(raw / name)
        shown = ", ".join(n + ("/" if d else "") for n, d in inside[:6])
        more = f", ... ({len(inside)} entries)" if len(inside) > 6 else ""
        lines.append(f"{name}/: {shown}{more}" if inside else f"{name}/: (empty)")
    hidden = len(tree.entries(raw)) - limit
    if hidden > 0:
        lines.append(f"... and {hidden} more")
    return lines


def all_layouts() -> Iterable[tuple[str, Layout]]:
    """(source key, layout) of every reader, in catalog order (the README table and tests use it)."""
    from ger_plugin.catalog import SOURCES
    from ger_plugin.data.sources import reader

    for key in SOURCES:
        for layout in getattr(reader(key), "LAYOUTS", ()):
            yield key, layout


def markdown_table() -> str:
    """The README's table of what ``--raw`` accepts, generated from every reader's ``LAYOUTS``."""
    from ger_plugin.catalog import release_name

    lines = ["| release | layout | kind | what `--raw` holds | accepted |", "|---|---|---|---|---|"]
    for key, layout in all_layouts():
        accepted = "yes" if layout.accepted else f"no: {layout.refusal}"
        cells = (release_name(key), f"`{layout.name}`", layout.kind, layout.description, accepted)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Markdown table cell text: ``|`` and ``*`` escaped, ``<id>`` kept visible (not taken for HTML)."""
    return text.replace("|", "\\|").replace("*", "\\*").replace("<", "&lt;").replace(">", "&gt;")


if __name__ == "__main__":  # python -m ger_plugin.data.layouts: print the README table
    print(markdown_table())
