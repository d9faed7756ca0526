"""Every layout a reader declares: a fixture built from the documented facts goes through the real
reader and ``ger prepare``; accepted layouts are recorded in ``ger_format.json``, refused repacks
are refused in one line naming what is missing and where the original is."""

from __future__ import annotations

import importlib
import json
import warnings

import pytest
from release_fixtures._reader_checks import check_reader

from ger_plugin import catalog
from ger_plugin.commands import main
from ger_plugin.data.layouts import LayoutError, all_layouts, locate, markdown_table
from ger_plugin.data.sources import reader

README = __import__("pathlib").Path(__file__).resolve().parents[2] / "README.md"


def fixtures(key: str) -> dict:
    return getattr(importlib.import_module(f"release_fixtures.{key}"), "LAYOUT_FIXTURES", {})


CASES = [
    pytest.param(key, layout, builder, id=f"{key}:{layout.name}:{builder.__name__}")
    for key, layout in all_layouts()
    for builder in fixtures(key).get(layout.name, ())
]


def test_every_declared_layout_has_a_fixture():
    missing = [f"{key}: {layout.name}" for key, layout in all_layouts() if not fixtures(key).get(layout.name)]
    assert not missing, f"layouts declared without a fixture in tests/release_fixtures: {missing}"


def test_every_fixture_is_for_a_declared_layout():
    declared = {(key, layout.name) for key, layout in all_layouts()}
    extra = [(key, name) for key in catalog.SOURCES for name in fixtures(key) if (key, name) not in declared]
    assert not extra


def test_every_reader_declares_an_official_layout_with_a_source():
    for key in catalog.SOURCES:
        layouts = reader(key).LAYOUTS
        assert any(layout.kind == "official" for layout in layouts), key
        assert all(layout.source and layout.description and layout.needs for layout in layouts), key
        assert len({layout.name for layout in layouts}) == len(layouts), key


@pytest.mark.parametrize(("key", "layout", "builder"), CASES)
def test_layout_fixture_through_reader_and_prepare(key, layout, builder, tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    expected = builder(raw)
    out = tmp_path / "out"
    if not layout.accepted:
        with pytest.raises(LayoutError) as info:
            locate(raw, reader(key).LAYOUTS, what=key)
        assert info.value.refused is not None and info.value.refused.layout.name == layout.name
        assert main(["prepare", key, "--raw", str(raw), "--out-dir", str(out)]) == 2
        err = capsys.readouterr().err
        error_lines = [line for line in err.splitlines() if line.startswith("ger prepare: error:")]
        assert len(error_lines) == 1 and layout.refusal in error_lines[0]
        assert not out.exists()
        return
    assert locate(raw, reader(key).LAYOUTS, what=key).layout.name == layout.name
    check_reader(key, raw, expected)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["prepare", key, "--raw", str(raw), "--out-dir", str(out)]) == 0
    manifest = json.loads((out / "ger_format.json").read_text())
    assert manifest["source_layout"] == {"name": layout.name, "kind": layout.kind, "source": layout.source}
    assert f"name: {layout.name}" in (out / "README.md").read_text().split("---")[1]  # the card's front matter
    assert all(manifest["counts"][c][s] == len(ids) for (c, s), ids in expected.items())
    out = capsys.readouterr().out
    assert f"layout: {layout.name} ({layout.kind})" in out
    if layout.note:  # e.g. MER2023 without a transcript: which file adds the text, and where it is published
        assert f"note: {layout.note}" in out


def test_readme_raw_table_is_generated_from_the_declarations():
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- raw-layouts:start -->", "<!-- raw-layouts:end -->"
    assert start in text and end in text
    assert text.split(start, 1)[1].split(end, 1)[0].strip() == markdown_table().strip(), (
        "README's --raw table is stale: regenerate it with python -m ger_plugin.data.layouts"
    )
