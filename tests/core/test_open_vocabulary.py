"""The open-vocabulary protocol scores free emotion words through the emotion-wheel graph, as MER-UniBench does."""

from __future__ import annotations

import pytest

from ger_plugin import catalog
from ger_plugin.core import open_vocabulary as ov
from ger_plugin.core.parsing import parse_answer
from ger_plugin.core.scoring import score_ger


def _words(entry: catalog.DatasetEntry, raw: str | None) -> tuple[str, ...] | None:
    parsed = parse_answer(raw, entry.labels) if raw is not None else None
    return ov.answer_words(raw, parsed.label if parsed else None)


def _score(name: str, rows: list[tuple[object, str | None]], failed=()) -> dict:
    entry = catalog.get(name)
    gold = {str(i): g for i, (g, _) in enumerate(rows)}
    words = {str(i): _words(entry, raw) for i, (_, raw) in enumerate(rows)}
    return ov.score_open_vocabulary(entry, gold, words, failed=failed)


def test_frustrated_is_a_hit_for_angry_on_every_wheel_but_wrong_in_the_closed_set():
    # MER-UniBench maps "frustrated" to the anger cluster of its wheels, so the gold "angry" is hit.
    result = _score("GER_RAFDB", [("angry", "The person looks frustrated.")])
    assert result["metrics"]["hit"] == 100.0
    assert {k: v for k, v in result["metrics"].items() if k.startswith("hit_")} == {
        "hit_plutchik": 100.0,
        "hit_parrott": 100.0,
        "hit_ekman": 100.0,
    }
    entry = catalog.get("GER_RAFDB")
    closed = score_ger(
        entry, {"0": "angry"}, {"0": list(parse_answer("The person looks frustrated.", entry.labels).ranked)}, n_boot=0
    )
    assert closed["metrics"]["acc"] == 0.0 and closed["n_invalid"] == 1


@pytest.mark.parametrize(
    ("answer", "hit"),
    [
        ("happy", 0.0),  # another cluster
        ("She is not frustrated, just calm.", 0.0),  # negated word skipped, "calm" is joy
        ("Label: sad\nRanking: sad, angry, happy", 0.0),  # the parser's top-1 is scored, not the whole ranking
        ("furious, maybe irritated", 100.0),  # several free words: a hit if any is the gold's cluster
        ("", 0.0),  # no emotion word: a miss, never dropped
    ],
)
def test_answers_for_angry(answer, hit):
    assert _score("GER_RAFDB", [("angry", answer)])["metrics"]["hit"] == hit


def test_wheels_disagree_and_the_hit_rate_is_their_mean():
    # Parrott files disgust under anger; Plutchik and Ekman keep it apart.
    result = _score("GER_RAFDB", [("angry", "disgusted")])
    assert result["metrics"]["hit_parrott"] == 100.0
    assert result["metrics"]["hit_plutchik"] == result["metrics"]["hit_ekman"] == 0.0
    assert result["metrics"]["hit"] == pytest.approx(100.0 / 3)


def test_neutral_is_its_own_node_and_off_wheel_gold_is_excluded_and_counted():
    result = _score("GER_CASME2", [("others", "happy"), ("happy", "joyful"), ("disgusted", "repulsed")])
    assert result["metrics"]["hit"] == 100.0
    assert result["n_excluded"] == {"plutchik": 1, "parrott": 1, "ekman": 1}
    assert _score("GER_RAFDB", [("neutral", "an expressionless face")])["metrics"]["hit"] == 100.0


def test_failed_and_missing_answers_are_misses():
    result = _score("GER_RAFDB", [("angry", "furious"), ("sad", None), ("happy", "joyful")], failed={"2"})
    assert result["metrics"]["hit"] == pytest.approx(100.0 / 3)
    assert result["n_failed"] == 1 and result["n_no_emotion_word"] == 1


def test_sentiment_datasets_take_the_polarity_of_the_words():
    rows = [(1.2, "She sounds delighted."), (-0.8, "He is clearly heartbroken."), (0.6, "furious"), (0.0, "happy")]
    result = _score("GER_CMUMOSI", rows)
    assert result["primary_metric"] == "WF1" and result["n_excluded"] == {"polarity": 1}
    assert result["metrics"]["acc"] == pytest.approx(200.0 / 3)
    assert (
        _score("GER_TwitterI_5", [("positive", "cheerful"), ("negative", "Label: negative")])["metrics"]["acc"] == 100.0
    )


def test_every_scored_canonical_label_sits_on_every_wheel():
    g = ov.graph()
    off = {"others", "repressed"}  # on no published wheel: left out of the hit rate and counted
    for entry in catalog.DATASETS.values():
        if ov._is_polarity_entry(entry):
            continue
        for label in set(entry.labels) - off:
            node = g.node(label)
            assert node is not None, label
            assert all(g.cluster(node, w) for w in g.wheels), (entry.name, label)


def test_the_graph_file_rejects_a_form_in_two_families():
    bad = {
        "wheels": {
            "w": {
                "clusters": {
                    "a": {"valence": "positive", "words": ["joy|glad"]},
                    "b": {"valence": "negative", "words": ["sad|glad"]},
                }
            }
        }
    }
    with pytest.raises(ValueError, match="glad"):
        ov._read_graph(bad)
    with pytest.raises(ValueError, match="no word of any wheel"):
        ov._read_graph(
            {
                "wheels": {"w": {"clusters": {"a": {"valence": "positive", "words": ["joy"]}}}},
                "synonyms": {"joy": ["bliss"]},
            }
        )
