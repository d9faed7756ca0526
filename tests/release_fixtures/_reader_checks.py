"""Checks every reader test runs on its release fixture (shared so each test file stays short)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ger_plugin.catalog import SOURCES, by_source
from ger_plugin.data.features import AUDIO_FIELDS, VIDEO_FIELDS, field_names
from ger_plugin.data.sources import reader

from ._videos import decode_frame

#: Columns the builder fills from ``video`` (frames, timing, the decoded sound); readers leave them out.
BUILDER_FIELDS = tuple(f for f in VIDEO_FIELDS if f != "video") + AUDIO_FIELDS
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


def read_all(key: str, root: Path, config: str = "default", split: str = "test") -> list[dict]:
    return list(reader(key).read(root, config=config, split=split))


def first_frame(record: dict, field: str = "video") -> tuple[str, int]:
    """(label, index) encoded in the first frame of a record's clip, frame folder or image."""
    from PIL import Image

    path = Path(record[field])
    if path.is_dir():
        path = sorted(p for p in path.iterdir() if p.suffix.lower() in _IMAGE_SUFFIXES)[0]
    if path.suffix.lower() in _IMAGE_SUFFIXES:
        with Image.open(path) as image:
            return decode_frame(image)
    import av

    with av.open(str(path)) as container:
        return decode_frame(next(container.decode(video=0)).to_image())


def check_reader(key: str, root: Path, expected: dict[tuple[str, str], dict[str, str]]) -> dict:
    """Assert the reader yields exactly the fixture's ids/labels per (config, split), with the
    standard columns plus the declared extras and existing media; returns the records by id."""
    module = reader(key)
    assert set(expected) == {(c, s) for c in module.CONFIGS for s in SOURCES[key].splits}, "fixture covers all"
    assert set(module.CONFIGS) == {e.hub_config for e in by_source(key)}
    columns = [f for f in field_names(key) if f not in BUILDER_FIELDS] + list(module.extra_features())
    labels = set(by_source(key)[0].labels)
    everything = {}
    for (config, split), want in expected.items():
        records = read_all(key, root, config, split)
        ids = [r["id"] for r in records]
        assert len(ids) == len(set(ids)), f"duplicate ids in {config}/{split}"
        assert {r["id"]: r["label"] for r in records} == want, (config, split)
        for record in records:
            assert sorted(record) == sorted(columns), (record, columns)
            assert record["label"] in labels and isinstance(record["label_original"], str)
            for field in ("video", "onset", "apex", "offset"):
                if field in record:
                    assert Path(record[field]).is_absolute() and Path(record[field]).exists(), record[field]
            everything[(config, split, record["id"])] = record
    return everything


def copy_release(root: Path, tmp_path: Path) -> Path:
    """A private copy of a module-scoped fixture that a test may break."""
    target = tmp_path / "release"
    shutil.copytree(root, target)
    return target


def replace_in_file(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_xlsx_cell(path: Path, column: str, old: str, new: str) -> None:
    """Replace the first value ``old`` in the column headed ``column`` of a one-sheet workbook."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book.active
    for row in sheet.iter_rows():
        for cell in row:
            header = sheet.cell(row=_header_row(sheet, column), column=cell.column).value
            if header == column and cell.value == old:
                cell.value = new
                book.save(path)
                return
    raise AssertionError(f"{old!r} not in column {column!r} of {path}")


def _header_row(sheet, column: str) -> int:
    for row in sheet.iter_rows():
        if any(cell.value == column for cell in row):
            return row[0].row
    raise AssertionError(f"no column {column!r}")
