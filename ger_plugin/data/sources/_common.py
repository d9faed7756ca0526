"""Helpers shared by the release readers: locating a release root, listing images, picking the entry."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ger_plugin.errors import DataError

#: File suffixes (lower-case) counted as images when a reader lists a folder.
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".gif", ".webp"})


def find_root(raw_dir: str | Path, candidates: Sequence[str], required: Sequence[str], *, what: str) -> Path:
    """The first ``raw_dir/<candidate>`` holding every ``required`` relative path.

    Unzipped releases often nest an extra folder level (``Val/Val``, ``original/original``), and users
    may point at the folder one level above the release, so each candidate is also tried under every
    sub-folder of ``raw_dir``. The error lists what was expected where.
    """
    raw = Path(raw_dir).expanduser().resolve()
    if not raw.is_dir():
        raise DataError(f"{what}: not a directory", path=raw)
    bases = [raw] + sorted(p for p in raw.iterdir() if p.is_dir() and not _hidden(p))
    for base in bases:
        for candidate in candidates:
            root = base / candidate
            if all((root / req).exists() for req in required):
                return root.resolve()
    wanted = [r for r in required if r]
    tried = " or ".join(str(Path("<raw>") / c) + (f" (with {', '.join(wanted)})" if wanted else "") for c in candidates)
    raise DataError(f"{what}: expected {tried} (also one folder level deeper), found none", path=raw)


def first_existing(root: Path, candidates: Iterable[str], *, what: str) -> Path:
    """The first existing ``root/<candidate>``; the error names every candidate."""
    names = list(candidates)
    for name in names:
        if (root / name).exists():
            return root / name
    raise DataError(f"{what}: expected one of {', '.join(names)}", path=root)


def list_images(folder: Path) -> list[Path]:
    """Image files directly in ``folder``, sorted by name; hidden files and other types are skipped."""
    return sorted(p for p in folder.iterdir() if p.is_file() and not _hidden(p) and p.suffix.lower() in IMAGE_SUFFIXES)


def subfolders(folder: Path) -> list[Path]:
    """Sub-folders sorted by name, without hidden ones and macOS ``__MACOSX`` debris."""
    return sorted(p for p in folder.iterdir() if p.is_dir() and not _hidden(p) and p.name != "__MACOSX")


def image_path(folder: Path, name: str, *, listed_in: Path, line: int | None = None) -> str:
    """Absolute path of an image an annotation file names; a missing file is a :class:`DataError`."""
    path = folder / name
    if not path.is_file():
        raise DataError(f"image {name!r} listed here is missing: expected {path}", path=listed_in, line=line)
    return str(path.resolve())


def read_text(path: Path) -> str:
    """A whole annotation file (UTF-8, BOM tolerated); a missing file is a :class:`DataError`."""
    if not path.is_file():
        raise DataError("annotation file is missing", path=path)
    return path.read_text(encoding="utf-8-sig")


def _hidden(path: Path) -> bool:
    return path.name.startswith(".")
