"""``--raw`` archives: unpacked safely (untrusted input), split parts joined, temporary folder removed."""

from __future__ import annotations

import io
import json
import os
import tarfile
import warnings
import zipfile
from pathlib import Path

import pytest
from release_fixtures import casme2, ferv39k, samm

from ger_plugin.commands import main
from ger_plugin.data.archives import ArchiveError, _copy, raw_folder


def _zip(path: Path, members: dict[str, bytes], symlinks: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as book:
        for name, data in members.items():
            book.writestr(name, data)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o120777 << 16  # S_IFLNK
            book.writestr(info, target)
    return path


def _tar(path: Path, members: dict[str, bytes], links: dict[str, tuple[bytes, str]] | None = None) -> Path:
    with tarfile.open(path, "w:gz" if path.name.endswith(".gz") else "w") as book:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            book.addfile(info, io.BytesIO(data))
        for name, (kind, target) in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, target
            book.addfile(info)
    return path


def _unpack(path: Path, **kwargs) -> None:
    with raw_folder(path, tmp=path.parent / "unpack", **kwargs):
        pass


@pytest.mark.parametrize("name", ["/etc/evil.txt", "C:/evil.txt"])
def test_a_member_with_an_absolute_path_is_refused(tmp_path, name):
    archive = _zip(tmp_path / "a.zip", {"ok.txt": b"1", name: b"2"})
    with pytest.raises(ArchiveError, match="has an absolute path"):
        _unpack(archive)
    tar = _tar(tmp_path / "a.tar", {"ok.txt": b"1", name: b"2"})
    with pytest.raises(ArchiveError, match="has an absolute path"):
        _unpack(tar)


def test_a_member_climbing_out_with_dotdot_is_refused_before_anything_is_written(tmp_path):
    archive = _zip(tmp_path / "a.zip", {"first.txt": b"1", "sub/../../escaped.txt": b"2"})
    with pytest.raises(ArchiveError, match=r"'sub/\.\./\.\./escaped\.txt' climbs out of the archive with '\.\.'"):
        _unpack(archive)
    assert not (tmp_path / "escaped.txt").exists() and not (tmp_path / "unpack" / "escaped.txt").exists()
    assert not any((tmp_path / "unpack").iterdir())  # nothing left behind either
    tar = _tar(tmp_path / "a.tar.gz", {"../escaped.txt": b"2"})
    with pytest.raises(ArchiveError, match="climbs out"):
        _unpack(tar)


def test_links_pointing_outside_are_refused(tmp_path):
    symlink = _tar(tmp_path / "s.tar", {"a/ok.txt": b"1"}, {"a/link": (tarfile.SYMTYPE, "../../etc/passwd")})
    with pytest.raises(ArchiveError, match=r"link 'a/link' points outside the archive"):
        _unpack(symlink)
    absolute = _tar(tmp_path / "abs.tar", {}, {"link": (tarfile.SYMTYPE, "/etc/passwd")})
    with pytest.raises(ArchiveError, match="points outside"):
        _unpack(absolute)
    hard = _tar(tmp_path / "h.tar", {}, {"a/hard": (tarfile.LNKTYPE, "../outside")})
    with pytest.raises(ArchiveError, match="points outside"):
        _unpack(hard)
    zipped = _zip(tmp_path / "l.zip", {"a/ok.txt": b"1"}, {"a/link": "../../outside"})
    with pytest.raises(ArchiveError, match="points outside"):
        _unpack(zipped)


def test_links_inside_the_archive_are_kept(tmp_path):
    archive = _tar(tmp_path / "ok.tar", {"a/data.txt": b"hello"}, {"a/alias.txt": (tarfile.SYMTYPE, "data.txt")})
    with raw_folder(archive, tmp=tmp_path / "unpack") as raw:
        assert (raw / "ok" / "a" / "alias.txt").read_text() == "hello"


def test_device_members_are_refused(tmp_path):
    path = tmp_path / "dev.tar"
    with tarfile.open(path, "w") as book:
        info = tarfile.TarInfo("fifo")
        info.type = tarfile.FIFOTYPE
        book.addfile(info)
    with pytest.raises(ArchiveError, match="is a device or FIFO"):
        _unpack(path)


def test_a_decompression_bomb_is_stopped_by_the_size_budget(tmp_path, monkeypatch):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as book:
        book.writestr("zeros.bin", b"\0" * (4 * 1024 * 1024))  # 4 MiB that compress to a few KiB
    assert bomb.stat().st_size < 64 * 1024
    with pytest.raises(ArchiveError, match=r"declares 4194304 bytes, over the size budget of 1048576"):
        _unpack(bomb, limit=1024 * 1024)
    monkeypatch.setenv("GER_UNPACK_LIMIT", str(1024 * 1024))
    with pytest.raises(ArchiveError, match="over the size budget"):
        _unpack(bomb)
    monkeypatch.setenv("GER_UNPACK_LIMIT", str(8 * 1024 * 1024))
    _unpack(bomb)  # a genuine archive passes with a larger budget


def test_the_budget_counts_the_bytes_actually_written(tmp_path):
    # a member may declare fewer bytes than it holds; the writer stops at the budget anyway
    with pytest.raises(ArchiveError, match="exceeds the size budget of 1000 bytes at member 'liar.bin'"):
        _copy(io.BytesIO(b"x" * 5000), tmp_path / "liar.bin", [0], 1000, tmp_path / "a.zip", "liar.bin")


def test_split_parts_are_joined_and_the_temporary_folder_is_removed(tmp_path):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as book:
        book.writestr("Release/Release/a.txt", "A" * 3000)
    blob = data.getvalue()
    (tmp_path / "Release.zip.001").write_bytes(blob[:1000])
    (tmp_path / "Release.zip.002").write_bytes(blob[1000:])
    parts = [tmp_path / "Release.zip.002", tmp_path / "Release.zip.001"]  # any order
    with raw_folder(parts, tmp=tmp_path / "unpack") as raw:
        assert (raw / "Release" / "Release" / "Release" / "a.txt").read_text() == "A" * 3000
        work = raw
    assert not work.exists()


def test_a_file_that_is_no_archive_alone_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(Exception, match="not a folder or a .zip/.tar/.tar.gz archive"):
        _unpack(tmp_path / "notes.txt")


def _zip_tree(folder: Path, path: Path, arc_root: Path | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as book:
        for file in sorted(folder.rglob("*")):
            book.write(file, file.relative_to(arc_root or folder.parent))
    return path


def _prepare(key: str, raw: list[Path], out: Path, home: Path, monkeypatch) -> dict:
    monkeypatch.setenv("GER_HOME", str(home))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["prepare", key, "--raw", *map(str, raw), "--out-dir", str(out)]) == 0
    assert not any((home / "unpack").iterdir()), "the unpacked copy is removed"
    return json.loads((out / "ger_format.json").read_text())


def test_prepare_reads_the_casme2_zip_as_distributed_with_the_sheet_beside(tmp_path, monkeypatch):
    release = tmp_path / "release"
    expected = casme2.make_zip_nesting(release)
    inner = release / "CASME2_RAW_selected" / "CASME2_RAW_selected"
    archive = _zip_tree(inner, tmp_path / "CASME2_RAW_selected.zip")  # holds CASME2_RAW_selected/sub01/...
    sheet = release / "CASME2_RAW_selected" / casme2.SHEET
    manifest = _prepare("casme2", [archive, sheet], tmp_path / "out", tmp_path / "home", monkeypatch)
    assert manifest["counts"] == {"default": {"test": len(expected[("default", "test")])}}
    assert manifest["source_layout"]["name"] == "CASME2_RAW_selected"
    assert manifest["apex_estimated"] == {"default": 1}  # the sheet's "/" apex, counted in the build report


def test_prepare_reads_a_tar_gz(tmp_path, monkeypatch):
    release = tmp_path / "release"
    expected = samm.make_zip_nesting(release)
    archive = tmp_path / "SAMM.tar.gz"
    with tarfile.open(archive, "w:gz") as book:
        book.add(release / "SAMM", arcname="SAMM")
    manifest = _prepare("samm", [archive], tmp_path / "out", tmp_path / "home", monkeypatch)
    assert manifest["counts"]["default"]["test"] == len(expected[("default", "test")])


def test_prepare_reads_ferv39k_download_parts_together(tmp_path, monkeypatch):
    release = tmp_path / "release"
    expected = ferv39k.make_parts(release)
    archives = [
        _zip_tree(release / name / "3_ClipsforScenImages", tmp_path / f"{name}.zip", release / name)
        for name in ("3_ClipsforScenImages-001", "3_ClipsforScenImages-002")
    ]
    setups = next(release.glob("drive-download-*"))
    archives.append(_zip_tree(setups / "4_setups", tmp_path / "4_setups.zip", setups))
    manifest = _prepare("ferv39k", archives, tmp_path / "out", tmp_path / "home", monkeypatch)
    assert manifest["counts"]["default"]["test"] == len(expected[("default", "test")])
    assert os.listdir(tmp_path / "home" / "unpack") == []
