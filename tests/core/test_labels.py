import pytest

from ger_plugin.catalog import DATASETS, INTENSITY_LABELS
from ger_plugin.core.labels import (
    CANONICAL_LABELS,
    EMOTION_LABELS,
    normalize,
    normalize_all,
    sentiment_bin,
)


def test_vocabulary_is_the_papers_table_2_plus_intensity():
    assert len(EMOTION_LABELS) == 19
    assert set(INTENSITY_LABELS) <= set(CANONICAL_LABELS)


@pytest.mark.parametrize(
    "raw, canonical",
    [
        ("Happiness", "happy"), ("happy", "happy"), ("HAPPY", "happy"), ("Anger", "angry"), ("Angry", "angry"),
        ("Repression", "repressed"), ("Other", "others"), ("Others", "others"), ("surprise", "surprised"),
        ("Surprised", "surprised"), ("contentment", "content"), ("Content", "content"), ("Awe", "awed"),
        ("Amusement", "amused"), ("Excitement", "excited"), ("sadness", "sad"), ("Sad", "sad"),
        ("fear", "fearful"), ("Fearful", "fearful"), ("disgust", "disgusted"), ("tenseness", "tense"),
        ("comtempt", "contempt"), ("  **Neutral** ", "neutral"), ("weakly positive", "weakly positive"),
        ("Slightly negative", "weakly negative"), ("cheerful", "happy"), ("livid", "angry"),
        ("terrified", "fearful"), ("开心", "happy"), ("中性", "neutral"), ("担心", "worried"), ("惊讶", "surprised"),
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


@pytest.mark.parametrize("score, scale, label", [
    (-1.0, (-1, 1), "negative"), (-0.7, (-1, 1), "negative"), (-0.69, (-1, 1), "weakly negative"),
    (-0.1, (-1, 1), "weakly negative"), (0.1, (-1, 1), "neutral"), (0.7, (-1, 1), "weakly positive"),
    (0.71, (-1, 1), "positive"),
    (-3.0, (-3, 3), "negative"), (-1.5, (-3, 3), "negative"), (-0.5, (-3, 3), "neutral"),
    (0.5, (-3, 3), "neutral"), (1.2, (-3, 3), "weakly positive"), (1.5, (-3, 3), "positive"),
])
def test_sentiment_bin_is_the_one_score_to_class_rule(score, scale, label):
    assert sentiment_bin(score, scale) == label


def test_sentiment_bin_refuses_an_unknown_scale():
    with pytest.raises(ValueError, match="no sentiment bins"):
        sentiment_bin(3.0, (1, 5))


def test_readers_and_parser_all_use_sentiment_bin(monkeypatch):
    from ger_plugin.core import labels, parsing
    from ger_plugin.data.sources import chsims, cmumosi

    calls = []
    monkeypatch.setattr(labels, "sentiment_bin", lambda s, scale=(-1.0, 1.0): calls.append(scale) or "neutral")
    for module in (chsims, cmumosi, parsing):
        monkeypatch.setattr(module, "sentiment_bin", labels.sentiment_bin)
    assert chsims.intensity(0.9) == cmumosi.intensity(2.5) == "neutral"
    assert parsing.parse_answer("Score: 0.9 (range -1 to 1)", labels.INTENSITY_LABELS).label == "neutral"
    assert calls == [(-1.0, 1.0), (-3.0, 3.0), (-1.0, 1.0)]
