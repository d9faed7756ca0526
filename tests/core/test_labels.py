import pytest

from ger_plugin.catalog import DATASETS, INTENSITY_LABELS
from ger_plugin.core.labels import (
    CANONICAL_LABELS,
    EMOTION_LABELS,
    normalize,
    normalize_all,
)


def test_vocabulary_is_the_papers_table_2_plus_intensity():
    assert len(EMOTION_LABELS) == 19
    assert set(INTENSITY_LABELS) <= set(CANONICAL_LABELS)


@pytest.mark.parametrize(
    "raw, canonical",
    [
        ("Happiness", "happy"),
        ("happy", "happy"),
        ("HAPPY", "happy"),
        ("Anger", "angry"),
        ("Angry", "angry"),
        ("Repression", "repressed"),
        ("Other", "others"),
        ("Others", "others"),
        ("surprise", "surprised"),
        ("Surprised", "surprised"),
        ("contentment", "content"),
        ("Content", "content"),
        ("Awe", "awed"),
        ("Amusement", "amused"),
        ("Excitement", "excited"),
        ("sadness", "sad"),
        ("Sad", "sad"),
        ("fear", "fearful"),
        ("Fearful", "fearful"),
        ("disgust", "disgusted"),
        ("tenseness", "tense"),
        ("comtempt", "contempt"),
        ("  **Neutral** ", "neutral"),
        ("weakly positive", "weakly positive"),
        ("Slightly negative", "weakly negative"),
        ("cheerful", "happy"),
        ("livid", "angry"),
        ("terrified", "fearful"),
        ("开心", "happy"),
        ("中性", "neutral"),
        ("担心", "worried"),
        ("惊讶", "surprised"),
    ],
)
def test_normalize_maps_release_names_synonyms_and_chinese(raw, canonical):
    assert normalize(raw) == canonical


@pytest.mark.parametrize("raw", ["", "   ", "pain", "Concentration", "happy and sad", None, 3])
def test_normalize_rejects_what_is_not_one_label(raw):
    assert normalize(raw) is None


@pytest.mark.parametrize("entry", list(DATASETS.values()), ids=lambda e: e.name)
def test_every_release_name_and_paper_candidate_normalizes_into_the_label_set(entry):
    for raw, canonical in entry.original_labels.items():
        if not raw.isdigit() and len(raw) > 2:
            assert normalize(raw) == canonical
    assert set(normalize_all(entry.paper_candidates)) == set(entry.labels)


def test_normalize_all_keeps_order_and_drops_repeats_and_unknowns():
    assert normalize_all(["Anger", "angry", "pain", "Sadness"]) == ("angry", "sad")
