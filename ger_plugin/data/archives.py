"""``--raw`` as the user downloaded it: folders, ``.zip``, ``.tar``, ``.tar.gz``/``.tgz``, several at once.

Archives are untrusted input. Before anything is written, every member is checked: an absolute
path, a ``..`` component, a link (symbolic or hard) pointing outside the unpack folder, or a
device/FIFO member is refused with a one-line :class:`ArchiveError`. A size budget stops
decompression bombs: the declared sizes are checked first, and the bytes actually written are
counted while unpacking (a member may lie about its size).

Each archive unpacks into ``<temp>/<archive stem>/`` (so parts named ``X-001.zip``, ``X-002.zip``
give ``X-001/``, ``X-002/`` as their official unpacking does); folders given with them appear in
the temporary root as links. Split archives (``X.zip.001``, ``X.zip.002``... or
``X.tar.gz.00``...) are read as one stream. The temporary folder is removed afterwards.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import stat
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import IO, Any, BinaryIO

from ger_plugin.errors import DataError

#: Default budget: at most this many bytes unpacked per byte of archive (images/videos barely compress).
MAX_RATIO = 200
#: Default budget floor, so tiny archives of text are not refused.
MIN_BUDGET = 64 * 1024 * 1024
#: Environment variable overriding the budget in bytes.
BUDGET_ENV = "GER_UNPACK_LIMIT"
_CHUNK = 1024 * 1024
_SPLIT = re.compile(r"^(?P<base>.+\.(?:zip|tar|tar\.gz|tgz))\.(?P<part>\d{2,3})$", re.IGNORECASE)
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz")


class ArchiveError(DataError):
    """An archive that is refused (unsafe member, over budget, unreadable)."""


def is_archive(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(ARCHIVE_SUFFIXES) or bool(_SPLIT.match(name))


class _Joined(io.RawIOBase):
    """Several files read as one seekable stream (split archives are byte-split)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self._files = [p.open("rb") for p in paths]
        self._sizes = [p.stat().st_size for p in paths]
        self._starts = [sum(self._sizes[:i]) for i in range(len(paths))]
        self._size = sum(self._sizes)
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, buffer: Any) -> int:
        if self._pos >= self._size:
            return 0
        index = max(i for i, start in enumerate(self._starts) if start <= self._pos)
        handle = self._files[index]
        handle.seek(self._pos - self._starts[index])
        want = min(len(buffer), self._sizes[index] - (self._pos - self._starts[index]))
        data = handle.read(want)
        buffer[: len(data)] = data
        self._pos += len(data)
        return len(data)

    def close(self) -> None:
        for handle in self._files:
            handle.close()
        super().close()


def _budget(archive_bytes: int, limit: int | None) -> int:
    if limit is not None:
        return limit
    env = os.environ.get(BUDGET_ENV)
    if env:
        try:
            return int(env)
        except ValueError:
            raise ArchiveError(f"{BUDGET_ENV} must be a number of bytes, got {env!r}") from None
    return max(MIN_BUDGET, MAX_RATIO * archive_bytes)


def _safe_name(name: str, archive: Path) -> PurePosixPath:
    """The member's relative path; absolute paths and ``..`` are refused."""
    posix = name.replace("\\", "/")
    if posix.startswith("/") or re.match(r"^[A-Za-z]:", posix):
        raise ArchiveError(f"refused: member {name!r} has an absolute path", path=archive)
    parts = [p for p in posix.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise ArchiveError(f"refused: member {name!r} climbs out of the archive with '..'", path=archive)
    return PurePosixPath(*parts) if parts else PurePosixPath(".")


def _link_inside(member: PurePosixPath, target: str, archive: Path, *, hard: bool) -> None:
    """A link's target must stay inside the unpack folder."""
    posix = target.replace("\\", "/")
    if posix.startswith("/") or re.match(r"^[A-Za-z]:", posix):
        raise ArchiveError(f"refused: link {str(member)!r} points outside the archive ({target!r})", path=archive)
    base = [] if hard else list(member.parent.parts)
    depth = len(base)
    for part in posix.split("/"):
        if part in ("", "."):
            continue
        depth = depth - 1 if part == ".." else depth + 1
        if depth < 0:
            raise ArchiveError(f"refused: link {str(member)!r} points outside the archive ({target!r})", path=archive)


def _copy(source: IO[bytes], target: Path, used: list[int], budget: int, archive: Path, name: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        while True:
            chunk = source.read(_CHUNK)
            if not chunk:
                return
            used[0] += len(chunk)
            if used[0] > budget:
                raise ArchiveError(
                    f"refused: unpacking exceeds the size budget of {budget} bytes at member "
                    f"{name!r} (a decompression bomb?; raise {BUDGET_ENV} if the archive is genuine)",
                    path=archive,
                )
            out.write(chunk)


def _unzip(stream: BinaryIO, archive: Path, dest: Path, budget: int) -> None:
    try:
        book = zipfile.ZipFile(stream)
    except zipfile.BadZipFile as exc:
        raise ArchiveError(f"not a readable zip archive ({exc})", path=archive) from None
    with book:
        infos = book.infolist()
        names = []
        for info in infos:
            rel = _safe_name(info.filename, archive)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                _link_inside(rel, book.read(info).decode("utf-8", "replace"), archive, hard=False)
            names.append(rel)
        declared = sum(i.file_size for i in infos)
        if declared > budget:
            raise ArchiveError(
                f"refused: the archive declares {declared} bytes, over the size budget of {budget} "
                f"(raise {BUDGET_ENV} if it is genuine)",
                path=archive,
            )
        used = [0]
        links = []
        for info, rel in zip(infos, names):
            target = dest.joinpath(*rel.parts)
            if stat.S_ISLNK(info.external_attr >> 16):
                links.append((target, book.read(info).decode("utf-8", "replace")))
                continue
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            with book.open(info) as source:
                _copy(source, target, used, budget, archive, info.filename)
        for target, points_to in links:  # last, once their targets exist; checked to stay inside above
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(points_to)


def _untar(stream: BinaryIO, archive: Path, dest: Path, budget: int) -> None:
    try:
        book = tarfile.open(fileobj=stream, mode="r:*")
    except tarfile.TarError as exc:
        raise ArchiveError(f"not a readable tar archive ({exc})", path=archive) from None
    with book:
        members = book.getmembers()
        for member in members:
            rel = _safe_name(member.name, archive)
            if member.issym() or member.islnk():
                _link_inside(rel, member.linkname, archive, hard=member.islnk())
            elif not (member.isfile() or member.isdir()):
                raise ArchiveError(f"refused: member {member.name!r} is a device or FIFO", path=archive)
        declared = sum(m.size for m in members if m.isfile())
        if declared > budget:
            raise ArchiveError(
                f"refused: the archive declares {declared} bytes, over the size budget of {budget} "
                f"(raise {BUDGET_ENV} if it is genuine)",
                path=archive,
            )
        used = [0]
        for member in members:
            rel = _safe_name(member.name, archive)
            target = dest.joinpath(*rel.parts)
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
            elif member.isfile():
                source = book.extractfile(member)
                assert source is not None
                with source:
                    _copy(source, target, used, budget, archive, member.name)
        for member in members:  # links last, once their targets exist; checked to stay inside above
            if member.issym() or member.islnk():
                book.extract(member, dest, filter="data")


def _groups(paths: Sequence[Path]) -> list[tuple[str, list[Path]]]:
    """(stem, parts) per archive: split parts (``.zip.001``...) are grouped and ordered."""
    singles: list[tuple[str, list[Path]]] = []
    split: dict[str, list[Path]] = {}
    for path in paths:
        match = _SPLIT.match(path.name)
        if match:
            split.setdefault(str(path.parent / match["base"]), []).append(path)
        else:
            singles.append((_stem(path.name), [path]))
    for base, parts in split.items():
        singles.append((_stem(Path(base).name), sorted(parts, key=_part_number)))
    return singles


def _part_number(path: Path) -> int:
    match = _SPLIT.match(path.name)
    return int(match["part"]) if match else 0


def _stem(name: str) -> str:
    lower = name.lower()
    for suffix in (".tar.gz", ".tgz", ".zip", ".tar"):
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def unpack(archive_parts: Sequence[Path], dest: Path, *, limit: int | None = None) -> Path:
    """Unpack one archive (possibly split in parts) into ``dest``; returns ``dest``."""
    archive = archive_parts[0]
    total = sum(p.stat().st_size for p in archive_parts)
    budget = _budget(total, limit)
    dest.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(_Joined(archive_parts)) as raw:
        stream = io.BufferedReader(raw, _CHUNK)
        name = _SPLIT.sub(r"\g<base>", archive.name).lower()
        if name.endswith(".zip"):
            _unzip(stream, archive, dest, budget)
        else:
            _untar(stream, archive, dest, budget)
    return dest


@contextlib.contextmanager
def raw_folder(raw: Path | Sequence[Path], *, limit: int | None = None, tmp: Path | None = None) -> Iterator[Path]:
    """A folder holding everything ``--raw`` named: the folder itself, or a temporary one with the
    archives unpacked (each into ``<stem>/``) and other folders and files linked in; removed on exit."""
    paths = [Path(p).expanduser() for p in ([raw] if isinstance(raw, (str, Path)) else raw)]
    for path in paths:
        if not path.exists():
            raise DataError("--raw: no such file or folder", path=path)
    if len(paths) == 1 and paths[0].is_file() and not is_archive(paths[0]):
        raise DataError("--raw: not a folder or a .zip/.tar/.tar.gz archive", path=paths[0])
    if len(paths) == 1 and paths[0].is_dir():
        yield paths[0]
        return
    if tmp is not None:
        tmp.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="ger-raw-", dir=tmp))
    try:
        for path in (p for p in paths if p.is_dir() or not is_archive(p)):  # folders, a sheet given beside
            link = work / path.name
            if link.exists():
                raise DataError("--raw: two inputs have the same name", path=path)
            link.symlink_to(path.resolve(), target_is_directory=path.is_dir())
        for stem, parts in _groups([p for p in paths if p.is_file() and is_archive(p)]):
            target = work / stem
            if target.exists():
                raise DataError("--raw: two inputs unpack to the same folder name", path=parts[0])
            unpack(parts, target, limit=limit)
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)
