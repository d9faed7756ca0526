"""Adding a dataset touches several files; this test names each one a catalog release still lacks.

Per release (catalog source key ``<key>``, release name ``<release>``):
the reader ``ger_plugin/data/sources/<key>.py``, its tests ``tests/data/sources/test_source_<key>.py``,
the fixture layout ``tests/release_fixtures/<key>.py``, the card prose
``ger_plugin/data/card_text/<key>.md``, the card ``dataset_cards/<release>.md``, and one row per
catalog entry in README.md's generated dataset table. Files of a release the catalog does not know
are named too (a renamed or removed dataset left behind).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from ger_plugin import catalog

ROOT = Path(__file__).resolve().parents[2]
#: Per-release files, relative to the project root ({key}: source key, {release}: release name).
PIECES = {
    "reader module": "ger_plugin/data/sources/{key}.py",
    "reader tests": "tests/data/sources/test_source_{key}.py",
    "fixture layout": "tests/release_fixtures/{key}.py",
    "card prose": "ger_plugin/data/card_text/{key}.md",
    "dataset card": "dataset_cards/{release}.md",
}
_TABLE = re.compile(r"<!-- datasets:start[^>]*-->\n(.*?)\n<!-- datasets:end -->", re.S)


def readme_rows(readme: str) -> set[str]:
    """Dataset names of README.md's generated table (first cell of each row)."""
    block = _TABLE.search(readme)
    return {line.split("|")[1].strip() for line in block.group(1).splitlines()[2:]} if block else set()


def missing_pieces(key: str, release: str, names: Sequence[str], root: Path = ROOT) -> list[str]:
    """What the release ``key`` lacks, one ``what: where`` line each (empty when complete)."""
    out = [
        f"{what}: {pattern.format(key=key, release=release)}"
        for what, pattern in PIECES.items()
        if not (root / pattern.format(key=key, release=release)).is_file()
    ]
    rows = readme_rows((root / "README.md").read_text(encoding="utf-8"))
    out += [f"README dataset-table row: {name} (run `ger list --format md`)" for name in names if name not in rows]
    return out


def _stems(folder: Path, prefix: str = "", suffix: str = ".py") -> set[str]:
    return {
        p.name[len(prefix) : -len(suffix)]
        for p in folder.glob(f"{prefix}*{suffix}")
        if not p.name[len(prefix) :].startswith("_")
    }


@pytest.mark.parametrize("key", list(catalog.SOURCES))
def test_every_catalog_release_has_all_its_pieces(key):
    names = [e.name for e in catalog.by_source(key)]
    missing = missing_pieces(key, catalog.release_name(key), names)
    assert not missing, f"{catalog.release_name(key)} ({key}) lacks: " + "; ".join(missing)


def test_no_release_files_without_a_catalog_entry():
    keys = set(catalog.SOURCES)
    releases = {catalog.release_name(k) for k in keys}
    orphans = {
        "ger_plugin/data/sources": _stems(ROOT / "ger_plugin/data/sources") - keys,
        "tests/data/sources": _stems(ROOT / "tests/data/sources", "test_source_") - keys - {"common"},
        "tests/release_fixtures": _stems(ROOT / "tests/release_fixtures") - keys,
        "ger_plugin/data/card_text": _stems(ROOT / "ger_plugin/data/card_text", suffix=".md") - keys,
        "dataset_cards": _stems(ROOT / "dataset_cards", suffix=".md") - releases,
    }
    assert {folder: sorted(names) for folder, names in orphans.items() if names} == {}


def test_a_release_lacking_its_pieces_is_named(tmp_path):
    """The check itself: a release with nothing on disk gets every piece named."""
    (tmp_path / "README.md").write_text(
        "<!-- datasets:start -->\n| dataset | task |\n| --- | --- |\n| GER_Old | GER_FER |\n<!-- datasets:end -->\n",
        encoding="utf-8",
    )
    missing = missing_pieces("newset", "GER_NewSet", ["GER_NewSet", "GER_Old"], tmp_path)
    assert missing == [
        "reader module: ger_plugin/data/sources/newset.py",
        "reader tests: tests/data/sources/test_source_newset.py",
        "fixture layout: tests/release_fixtures/newset.py",
        "card prose: ger_plugin/data/card_text/newset.md",
        "dataset card: dataset_cards/GER_NewSet.md",
        "README dataset-table row: GER_NewSet (run `ger list --format md`)",
    ]
    # the real tree's copy of one release, minus its card: only the card is named
    for pattern in PIECES.values():
        path = pattern.format(key="ckplus", release="GER_CKPlus")
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes((ROOT / path).read_bytes())
    (tmp_path / "README.md").write_bytes((ROOT / "README.md").read_bytes())
    (tmp_path / "dataset_cards/GER_CKPlus.md").unlink()
    assert missing_pieces("ckplus", "GER_CKPlus", ["GER_CKPlus"], tmp_path) == [
        "dataset card: dataset_cards/GER_CKPlus.md"
    ]
