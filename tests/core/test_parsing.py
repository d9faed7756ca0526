"""parse_answer / split_batched_answer on realistic answers of several model families and label sets.

Each case is (dataset, answer text, expected ranked prefix, expected rule). An empty prefix means
"no answer" (label None). Styles: GPT-4V (the paper's comma lists and records), GPT-4o (markdown,
reasoning then conclusion), Qwen-VL (short Chinese or English), LLaVA (verbose sentences).
"""

from __future__ import annotations

import csv

import pytest
from paper_files import released_file

from ger_plugin.catalog import DATASETS
from ger_plugin.core.labels import normalize
from ger_plugin.core.parsing import (
    MAX_CHARS,
    ParsedAnswer,
    parse_answer,
    split_batched_answer,
)


def labels(name: str) -> tuple[str, ...]:
    return DATASETS[name].labels


def check(dataset: str, text: str, prefix: tuple[str, ...], rule: str | None) -> ParsedAnswer:
    got = parse_answer(text, labels(dataset))
    assert got.ranked[: len(prefix)] == prefix, got
    assert got.label == (prefix[0] if prefix else None), got
    if not prefix:
        assert got.ranked == ()
    if rule is not None:
        assert got.rule == rule, got
    return got


BARE = [
    ("GER_RAFDB", "Happiness", ("happy",), "bare_label"),
    ("GER_RAFDB", "happy.", ("happy",), "bare_label"),
    ("GER_RAFDB", "  **Surprise** ", ("surprised",), "bare_label"),
    ("GER_MER2023", "Worried", ("worried",), "bare_label"),
    ("GER_CASME", "Repression", ("repressed",), "bare_label"),
    ("GER_SAMM", "Other", ("others",), "bare_label"),
    ("GER_CMUMOSI", "Weakly positive.", ("weakly positive",), "bare_label"),
    ("GER_TwitterI_5", "Positive", ("positive",), "bare_label"),
    ("GER_ArtPhoto", "contentment", ("content",), "bare_label"),
    ("GER_Abstract", "Awe", ("awed",), "bare_label"),
    ("GER_RAFDB", "terrified", ("fearful",), "bare_label"),
    # out of the set: not an answer
    ("GER_CKPlus", "Neutral", (), "no_label"),
    ("GER_eNTERFACE05", "neutral.", (), "no_label"),
    ("GER_RAFDB", "Pain", (), "no_label"),
]

RANKED_LISTS = [
    # GPT-4V, the paper's own output style
    (
        "GER_RAFDB",
        "Sadness,Neutral,Disgust,Fear,Anger",
        ("sad", "neutral", "disgusted", "fearful", "angry"),
        "ranked_list",
    ),
    (
        "GER_MER2023",
        "worried,sad,neutral,angry,surprised",
        ("worried", "sad", "neutral", "angry", "surprised"),
        "ranked_list",
    ),
    ("GER_CKPlus", "Neutral, Happy, Sad", ("happy", "sad"), "ranked_list"),  # neutral skipped: not a CK+ class
    ("GER_RAFDB", "1. Sadness 2. Neutral 3. Fear", ("sad", "neutral", "fearful"), "ranked_list"),
    (
        "GER_DFEW",
        "Here is my ranking:\n1. Sadness\n2. Neutral\n3. Fear\n4. Angry\n5. Disgust",
        ("sad", "neutral", "fearful", "angry", "disgusted"),
        "ranked_list",
    ),
    (
        "GER_DFEW",
        "1. **Sad** - the drooping mouth\n2. **Neutral** (little movement)\n3. **Fear**",
        ("sad", "neutral", "fearful"),
        "ranked_list",
    ),
    (
        "GER_CHSIMS",
        "Ranking: weakly positive, positive, neutral",
        ("weakly positive", "positive", "neutral"),
        "ranked_list",
    ),
    ("GER_FERPlus", "happiness > surprise > neutral", ("happy", "surprised", "neutral"), "ranked_list"),
    ("GER_RAFDB", "Happy and surprised", ("happy", "surprised"), "ranked_list"),
    ("GER_RAFDB", "Sadness,Sadness,Anger", ("sad", "angry"), "ranked_list"),  # no repeats
    ("GER_RAFDB", "Sad (most likely), Angry, Neutral", ("sad", "angry", "neutral"), "ranked_list"),
    ("GER_RAFDB", "[Sadness, Neutral, Fear]", ("sad", "neutral", "fearful"), "ranked_list"),
    ("GER_ArtPhoto", "amusement, awe, contentment", ("amused", "awed", "content"), "ranked_list"),
]

SENTENCES = [
    # LLaVA-style verbose descriptions
    (
        "GER_RAFDB",
        "The frown and narrowed eyes suggest anger, with a hint of disgust.",
        ("angry", "disgusted"),
        "sentence",
    ),
    (
        "GER_RAFDB",
        "The woman in the image is smiling broadly; she appears cheerful and relaxed.",
        ("happy",),
        "sentence",
    ),
    ("GER_RAFDB", "The man's face is red and he looks livid.", ("angry",), "sentence"),
    ("GER_DFEW", "Throughout the clip the girl looks terrified, her eyes wide open.", ("fearful",), "sentence"),
    ("GER_RAFDB", "The person looks hapy and relaxed", ("happy",), "sentence"),  # misspelling
    ("GER_RAFDB", "The face expresses digust.", ("disgusted",), "sentence"),
    ("GER_RAFDB", "She seems suprised by something off camera.", ("surprised",), "sentence"),
    ("GER_CMUMOSI", "The speaker sounds slightly negative about the movie.", ("weakly negative",), "sentence"),
    ("GER_TwitterII", "The image evokes a positive feeling of warmth.", ("positive",), "sentence"),
    # a concessive clause ranks after the main one
    ("GER_RAFDB", "Although she is smiling, she looks sad.", ("sad", "happy"), "sentence"),
    ("GER_RAFDB", "The person shows no emotion at all.", ("neutral",), "sentence"),
]

NEGATION = [
    ("GER_RAFDB", "She is not surprised but clearly frightened.", ("fearful",), "sentence"),
    ("GER_RAFDB", "not happy", (), "no_label"),
    ("GER_RAFDB", "The person is not happy.", (), "no_label"),
    ("GER_RAFDB", "She is neither happy nor sad; she looks angry.", ("angry",), "sentence"),
    ("GER_RAFDB", "neither happy nor sad", (), "no_label"),
    ("GER_RAFDB", "The person appears to be happy rather than sad.", ("happy",), "sentence"),
    ("GER_RAFDB", "Anger is not evident here; the face shows disgust.", ("disgusted",), "sentence"),
    ("GER_RAFDB", "There is no sign of fear, he looks calmly surprised.", ("surprised",), "sentence"),
    ("GER_RAFDB", "He doesn't look angry at all, he seems sad.", ("sad",), "sentence"),
    ("GER_RAFDB", "Sad, not angry.", ("sad",), None),
]

LONGEST_MATCH = [
    ("GER_CMUMOSI", "The sentiment is weakly positive.", ("weakly positive",), "conclusion"),
    ("GER_CMUMOSI", "weakly positive", ("weakly positive",), "bare_label"),
    ("GER_CHSIMS", "I would say weakly negative overall", ("weakly negative",), "conclusion"),
]

CONCLUSIONS = [
    # GPT-4o: markdown reasoning, then a conclusion
    (
        "GER_RAFDB",
        "**Analysis:**\n1. **Eyes**: widened, eyebrows raised\n2. **Mouth**: open in an O shape\n\n**Answer:** Surprise",
        ("surprised",),
        "conclusion",
    ),
    (
        "GER_RAFDB",
        "The eyebrows are drawn together, which can signal anger or sadness. However the corners of the mouth turn "
        "down and the eyes are moist.\n\nFinal answer: **Sad**",
        ("sad",),
        "conclusion",
    ),
    (
        "GER_MER2023",
        "The options are happy, sad, angry, neutral, worried and surprised. Looking at the face and the words, "
        "the voice trembles. The answer is sad.",
        ("sad",),
        "conclusion",
    ),
    (
        "GER_RAFDB",
        "Happy faces usually show raised cheeks, which are absent. Therefore, the emotion is fear.",
        ("fearful",),
        "conclusion",
    ),
    ("GER_MER2023", "It could be either happy or surprised; I'd pick surprised.", ("surprised", "happy"), "conclusion"),
    ("GER_MER2023", "Considering the tone, so my answer is angry", ("angry",), "conclusion"),
    ("GER_SFEW2", "The most likely emotion expressed in this frame is disgust.", ("disgusted",), "conclusion"),
    ("GER_DFEW", "Emotion: Neutral", ("neutral",), "conclusion"),
    ("GER_RAFDB", "I'd say the expression is not happy, but sad.", ("sad",), "conclusion"),
    ("GER_RAFDB", "The emotion is not happy.", (), "no_label"),
    (
        "GER_CKPlus",
        "This person is smiling, but the smile does not reach the eyes, so they may not be genuinely "
        "happy. The emotion could be contempt.",
        ("contempt",),
        "conclusion",
    ),
    (
        "GER_RAFDB",
        "The wide eyes suggest surprise, and the open mouth fear.\nRanking:\n1. Fear\n2. Neutral\n3. Surprise",
        ("fearful", "neutral", "surprised"),
        "conclusion",
    ),
    ("GER_RAFDB", "The person is sad (most likely), maybe a little angry.", ("sad", "angry"), "sentence"),
    ("GER_TwitterI_5", "Overall, the image conveys a sense of calm.", (), "no_label"),  # calm is not in the set
]

SCORES = [
    ("GER_MER2023", "happy: 0.1, sad: 0.7, angry: 0.2", ("sad", "angry", "happy"), "scores"),
    ("GER_MER2023", "sad (70%)", ("sad",), "scores"),
    (
        "GER_MER2023",
        "Probabilities - Happy: 10%, Worried: 55%, Neutral: 35%",
        ("worried", "neutral", "happy"),
        "scores",
    ),
    ("GER_RAFDB", "Sadness: 1, Neutral: 2, Fear: 3", ("sad", "neutral", "fearful"), "scores"),  # ranks ascend
    (
        "GER_TwitterI_5",
        "There is an 80% chance of positive and a 20% chance of negative.",
        ("positive", "negative"),
        "scores",
    ),
]

RECORDS = [
    (
        "GER_RAFDB",
        "{'name': 'img1', 'result': 'happy,sad,angry,neutral,fear'}",
        ("happy", "sad", "angry", "neutral", "fearful"),
        "paper_record",
    ),
    ("GER_RAFDB", '{"name": "test_0001.jpg", "result": ["Sadness", "Anger"]}', ("sad", "angry"), "paper_record"),
    ("GER_MER2023", '```json\n{"emotion": "worried", "confidence": 0.8}\n```', ("worried",), "json"),
    ("GER_MER2023", '{"scores": {"happy": 0.2}, "result": {"happy": 0.2, "sad": 0.8}}', ("sad", "happy"), "json"),
    ("GER_RAFDB", "{'name': 'img1', 'result': 'Neutral, Happiness'", ("neutral", "happy"), None),  # unclosed
    ("GER_RAFDB", "{'name': 'img1', 'result': 'Surprise,Fear', }", ("surprised", "fearful"), "paper_record"),
]

CHINESE = [
    # Qwen-VL on MER2023 / CH-SIMS
    ("GER_MER2023", "这个人看起来很开心", ("happy",), "chinese"),
    ("GER_MER2023", "情绪：中性", ("neutral",), "chinese"),
    ("GER_MER2023", "她不是很开心，有点难过。", ("sad",), "chinese"),
    ("GER_MER2023", "说话人语气急促，显得很担心。答案：担心", ("worried",), "chinese"),
    ("GER_MER2023", "他看起来不开心", ("sad",), "chinese"),
    ("GER_CHSIMS", "情感：弱积极", ("weakly positive",), "chinese"),
    ("GER_CHSIMS", "这段话整体是消极的", ("negative",), "chinese"),
    ("GER_MER2023", "她并不生气", (), "no_label"),
]

NO_ANSWER = [
    ("GER_RAFDB", "I'm sorry, I can't help with identifying people.", (), "refusal"),
    (
        "GER_RAFDB",
        "I'm sorry, but I cannot determine whether the person is happy or sad from this image.",
        (),
        "refusal",
    ),
    ("GER_RAFDB", "I'm sorry, I can't identify people, but the expression looks happy.", ("happy",), "sentence"),
    ("GER_RAFDB", "", (), "empty"),
    ("GER_RAFDB", "   \n ", (), "empty"),
    ("GER_RAFDB", "**", (), "empty"),
    ("GER_RAFDB", "The image shows a person standing in front of a building.", (), "no_label"),
    ("GER_RAFDB", "The options are happy, sad and angry.", (), "no_label"),  # only restates the candidates
    ("GER_TwitterI_5", "On the other hand, the colours are dark.", (), "no_label"),
]

ALL = BARE + RANKED_LISTS + SENTENCES + NEGATION + LONGEST_MATCH + CONCLUSIONS + SCORES + RECORDS + CHINESE + NO_ANSWER


@pytest.mark.parametrize("dataset, text, prefix, rule", ALL, ids=[f"{c[3]}:{c[1][:40]}" for c in ALL])
def test_parse_answer(dataset, text, prefix, rule):
    check(dataset, text, prefix, rule)


def test_every_rule_name_is_exercised_by_the_table():
    rules = {c[3] for c in ALL}
    assert {
        "bare_label",
        "ranked_list",
        "json",
        "paper_record",
        "scores",
        "conclusion",
        "sentence",
        "chinese",
        "refusal",
        "empty",
        "no_label",
    } <= rules


@pytest.mark.parametrize("value", [None, 3, b"happy", ["happy"], object()])
def test_non_string_input_gives_an_empty_result(value):
    assert parse_answer(value, labels("GER_RAFDB")) == ParsedAnswer((), "empty")


def test_labels_outside_the_set_are_never_returned():
    got = parse_answer("Neutral, Calm, Happy, Contempt, Sad", labels("GER_CKPlus"))
    assert got.ranked == ("happy", "contempt", "sad")
    assert parse_answer("happy", ()).ranked == ()


def test_raw_release_names_are_accepted_as_the_label_set():
    assert parse_answer("She looks frightened", DATASETS["GER_RAFDB"].paper_candidates).ranked == ("fearful",)


def test_a_long_answer_keeps_its_conclusion_at_the_end():
    reasoning = "The lighting is dim and the background is a street. " * 400  # ~21k characters
    text = "The candidates mention happy faces. " + reasoning + "Final answer: sad"
    assert len(text) > MAX_CHARS
    assert parse_answer(text, labels("GER_RAFDB")).label == "sad"


def test_result_is_hashable_and_frozen():
    got = parse_answer("happy", labels("GER_RAFDB"))
    with pytest.raises(AttributeError):
        got.ranked = ()  # type: ignore[misc]
    assert hash(got) == hash(ParsedAnswer(("happy",), "bare_label"))


# --- split_batched_answer -------------------------------------------------------------------------

NAMES = ["test_0001.jpg", "test_0002.jpg", "test_0003.jpg"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the paper's format, names echoed, out of order and one missing
        (
            "{'name': 'test_0002.jpg', 'result': 'sad,angry'}\n{'name': 'test_0001.jpg', 'result': 'happy,neutral'}",
            ["happy,neutral", "sad,angry", None],
        ),
        # names echoed without the extension; result as a list
        (
            '[{"name": "test_0003", "result": ["Fear", "Sadness"]}, {"name": "test_0001", "result": "Happiness"}]',
            ["Happiness", None, "Fear,Sadness"],
        ),
        # no names: by order
        ("{'result': 'happy'} {'result': 'sad'} {'result': 'fear'}", ["happy", "sad", "fear"]),
        # numbered items, GPT-4o markdown
        ("**Image 1:** Happiness\n**Image 3:** Surprise", ["Happiness", None, "Surprise"]),
        ("1. happy, sad\n2. angry\n3. neutral", ["happy, sad", "angry", "neutral"]),
        # lines that start with the input name
        ("test_0002.jpg: Sadness\ntest_0001.jpg: Anger", ["Anger", "Sadness", None]),
        # one line per input, nothing else
        ("happy\nsad\nangry", ["happy", "sad", "angry"]),
        # nothing usable
        ("I'm sorry, I can't help with that.", [None, None, None]),
        ("", [None, None, None]),
    ],
)
def test_split_batched_answer(text, expected):
    assert split_batched_answer(text, NAMES) == expected


def test_split_then_parse_gives_per_sample_labels():
    text = "{'name': 'a.jpg', 'result': 'Sadness,Neutral'}, {'name': 'b.jpg', 'result': 'Happiness,Surprise'}"
    parts = split_batched_answer(text, ["a.jpg", "b.jpg"])
    assert [parse_answer(p, labels("GER_RAFDB")).label for p in parts] == ["sad", "happy"]


def test_split_single_input_gets_the_whole_answer():
    assert split_batched_answer("The person looks happy.", ["x.jpg"]) == ["The person looks happy."]


@pytest.mark.parametrize("text, names", [(None, ["a"]), (3, ["a", "b"]), ("x", []), ("{'name': 1}", [1, 2])])
def test_split_never_raises_on_odd_input(text, names):
    out = split_batched_answer(text, names)
    assert len(out) == len(names)


# --- the paper's released predictions ----------------------------------------------------------


def _paper_entries():
    seen = set()
    for entry in DATASETS.values():
        run = entry.paper_run
        if run is not None and (run.results_dir, run.prediction_file) not in seen:
            seen.add((run.results_dir, run.prediction_file))
            yield entry


@pytest.mark.parametrize("entry", list(_paper_entries()), ids=lambda e: e.name)
def test_parser_reads_every_released_gpt4v_answer_like_the_paper(entry, paper_results):
    """The paper's top-1 is the first comma item; ours must agree whenever that item is in the set."""
    path = released_file(paper_results, entry.paper_run.results_dir, entry.paper_run.prediction_file)
    with path.open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r.get("gpt4v")]
    assert rows, path
    for row in rows:
        first = normalize(row["gpt4v"].split(",")[0])
        got = parse_answer(row["gpt4v"], entry.labels)
        if first in entry.labels:
            assert got.label == first, (path.name, row)
        assert set(got.ranked) <= set(entry.labels)
