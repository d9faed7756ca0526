"""Table 4: visual sentiment analysis (Twitter I, Twitter II, Abstract, ArtPhoto)."""

from __future__ import annotations

from collections.abc import Iterable

from ger_plugin.catalog.model import (
    DatasetEntry,
    Modality,
    PaperProtocol,
    PaperRun,
    Scoring,
    Task,
    code_map,
    count_map,
    paper_reference,
)

_POLARITY_LABELS = ("negative", "positive")
_MIKELS_LABELS = ("amused", "angry", "awed", "content", "disgusted", "excited", "fearful", "sad")
_TWITTER_CANDIDATES = ("positive", "negative")


def entries() -> Iterable[DatasetEntry]:
    # ---- Table 4: visual sentiment analysis --------------------------------------------
    twitter_codes = code_map([("0", "negative"), ("1", "positive"), ("negative", "negative"), ("positive", "positive")])
    for suffix, config, word, size, counts, label_file, pred_file, paper_value, best in (
        ("5", "five_agree", "all five", 882, (301, 581), "label_five_agree.csv", "label-five-gpt4v.csv", 97.81, 88.65),
        (
            "4",
            "four_agree",
            "at least four",
            1116,
            (427, 689),
            "label_at_least_four_agree.csv",
            "label-four-gpt4v.csv",
            94.63,
            85.1,
        ),
        (
            "3",
            "three_agree",
            "at least three",
            1269,
            (500, 769),
            "label_at_least_three_agree.csv",
            "label-three-gpt4v.csv",
            90.71,
            81.06,
        ),
    ):
        yield DatasetEntry(
            name=f"GER_TwitterI_{suffix}",
            source_key="twitter1",
            hub_config=config,
            task=Task.VSA,
            modality=Modality.IMAGE,
            labels=_POLARITY_LABELS,
            original_labels=twitter_codes,
            paper_candidates=_TWITTER_CANDIDATES,
            test_size=size,
            release_test_size=size,
            class_counts=count_map(_POLARITY_LABELS, counts),
            split_definition=f"All images on which {word} of the 5 AMT workers agree (ground_truth/twitter_*_agrees.txt).",
            paper_run=PaperRun("twitter1", pred_file, PaperProtocol.TOP1_EXACT, label_file=label_file),
            paper=paper_reference(4, f"Twitter I_{suffix}", {"acc": paper_value}, {"acc": ("AR (Concat)", best)}),
        )
    yield DatasetEntry(
        name="GER_TwitterII",
        source_key="twitter2",
        task=Task.VSA,
        modality=Modality.IMAGE,
        labels=_POLARITY_LABELS,
        original_labels=code_map([("negative", "negative"), ("positive", "positive")]),
        paper_candidates=_TWITTER_CANDIDATES,
        test_size=603,
        release_test_size=603,
        class_counts=count_map(_POLARITY_LABELS, (133, 470)),
        split_definition="Every image of groundTruthLabel.txt present in partition1-5 (603 of 810 listed).",
        paper_run=PaperRun("twitter2", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=paper_reference(4, "Twitter II", {"acc": 87.95}, {"acc": ("AR (Concat)", 80.48)}),
    )
    yield DatasetEntry(
        name="GER_Abstract",
        source_key="abstract",
        task=Task.VSA,
        modality=Modality.IMAGE,
        labels=_MIKELS_LABELS,
        original_labels=code_map(
            zip(("Amusement", "Anger", "Awe", "Content", "Disgust", "Excitement", "Fear", "Sad"), _MIKELS_LABELS)
        ),
        paper_candidates=("Amusement", "Anger", "Awe", "Content", "Disgust", "Excitement", "Fear", "Sad"),
        test_size=228,
        release_test_size=229,
        class_counts=count_map(_MIKELS_LABELS, (25, 3, 15, 64, 18, 36, 36, 32)),
        split_definition="Paintings of ABSTRACT_groundTruth.csv with a unique most-voted emotion (ties dropped).",
        scoring=Scoring.EMOTION_WITH_POLARITY,
        paper_run=PaperRun("abstract", "label-gpt4v.csv", PaperProtocol.TOP1_POLARITY),
        paper=paper_reference(4, "Abstract", {"acc": 71.81}, {"acc": ("AR (Concat)", 76.03)}),
    )
    yield DatasetEntry(
        name="GER_ArtPhoto",
        source_key="artphoto",
        task=Task.VSA,
        modality=Modality.IMAGE,
        labels=_MIKELS_LABELS,
        original_labels=code_map(
            zip(("amusement", "anger", "awe", "contentment", "disgust", "excitement", "fear", "sad"), _MIKELS_LABELS)
        ),
        paper_candidates=("disgust", "awe", "sad", "fear", "anger", "excitement", "contentment", "amusement"),
        test_size=806,
        release_test_size=806,
        class_counts=count_map(_MIKELS_LABELS, (101, 77, 102, 70, 70, 105, 115, 166)),
        split_definition="All 806 images of testImages_artphoto; the label is the file-name prefix.",
        scoring=Scoring.EMOTION_WITH_POLARITY,
        paper_run=PaperRun("artphoto", "label-gpt4v.csv", PaperProtocol.TOP1_POLARITY),
        paper=paper_reference(4, "ArtPhoto", {"acc": 80.4}, {"acc": ("AR (Concat)", 74.8)}),
    )
