"""Generic reader checks shared by all releases."""

import pytest

from ger_plugin.catalog import DATASETS, SOURCES, by_source
from ger_plugin.data import sources
from ger_plugin.data.sources import count_differences, entry_for, map_label
from ger_plugin.errors import DataError, GerError


def test_count_differences_accepts_the_papers_list_exactly():
    entry = DATASETS["GER_RAFDB"]
    labels = [lab for lab, n in entry.class_counts.items() for _ in range(n)]
    assert count_differences(entry, labels) == []
    problems = count_differences(entry, labels[1:])
    assert any("'surprised' has 328" in p for p in problems) and any("3067 test samples" in p for p in problems)


def test_sfew_reader_size_differs_from_the_papers_list_and_is_not_reported():
    entry = DATASETS["GER_SFEW2"]
    labels = [lab for lab, n in entry.class_counts.items() for _ in range(n)] + ["sad"]
    assert entry.expected_reader_size == 436 and entry.release_test_size == 435
    assert count_differences(entry, labels) == []


def test_map_label_unknown_code_names_the_file_and_line():
    entry = DATASETS["GER_AffectNet"]
    assert map_label(entry, "1") == "happy"
    assert map_label(entry, "9") is None  # known class outside the evaluated set
    with pytest.raises(DataError, match=r"validation.csv, line 7, field 'expression': unknown label '12'"):
        map_label(entry, 12, path="validation.csv", line=7, field="expression")


@pytest.mark.parametrize("key", list(SOURCES))
def test_reader_configs_are_the_catalogs_hub_configs(key):
    assert tuple(sources.reader(key).CONFIGS) == tuple(dict.fromkeys(e.hub_config for e in by_source(key)))


def test_unknown_config_or_split_is_a_usage_error_naming_the_known_ones():
    with pytest.raises(GerError, match=r"dfew: unknown config 'default' \(known: fold1, fold2"):
        entry_for("dfew", "default")
    with pytest.raises(ValueError, match=r"rafdb: unknown split 'train' \(known: test\)"):
        entry_for("rafdb", "default", "train")
    assert entry_for("dfew", "fold3", "train").name == "GER_DFEW_Fold3"
