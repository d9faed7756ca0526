"""Table 3: facial emotion recognition (CK+, SFEW 2.0, FERPlus, RAF-DB, AffectNet)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ger_plugin.catalog.model import (
    DatasetEntry,
    Modality,
    PaperProtocol,
    PaperRun,
    Task,
    code_map,
    count_map,
    paper_reference,
)

_CK_LABELS = ("angry", "contempt", "disgusted", "fearful", "happy", "sad", "surprised")
_SFEW_LABELS = ("angry", "disgusted", "fearful", "happy", "neutral", "sad", "surprised")
_FERPLUS_LABELS = ("neutral", "happy", "surprised", "sad", "angry", "disgusted", "fearful", "contempt")
_RAF_LABELS = ("surprised", "fearful", "disgusted", "happy", "sad", "angry", "neutral")
_AFFECTNET_LABELS = ("neutral", "happy", "sad", "surprised", "fearful", "disgusted", "angry", "contempt")


def entries() -> Iterable[DatasetEntry]:
    # ---- Table 3: facial emotion recognition ------------------------------------------
    yield DatasetEntry(
        name="GER_CKPlus",
        source_key="ckplus",
        task=Task.FER,
        modality=Modality.IMAGE,
        labels=_CK_LABELS,
        original_labels=code_map(
            [
                ("1", "angry"),
                ("2", "contempt"),
                ("3", "disgusted"),
                ("4", "fearful"),
                ("5", "happy"),
                ("6", "sad"),
                ("7", "surprised"),
            ]
        ),
        excluded_original_labels=("0",),
        paper_candidates=("anger", "contempt", "disgust", "fear", "happy", "sadness", "surprise"),
        test_size=981,
        release_test_size=981,
        class_counts=count_map(_CK_LABELS, (135, 54, 177, 75, 207, 84, 249)),
        split_definition="The last 3 frames (by file name) of each of the 327 emotion-labelled sequences.",
        paper_run=PaperRun("ckplus", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=paper_reference(3, "CK+", {"acc": 69.72}, {"acc": ("IPD-FER", 98.65)}),
    )
    yield DatasetEntry(
        name="GER_SFEW2",
        source_key="sfew2",
        task=Task.FER,
        modality=Modality.IMAGE,
        labels=_SFEW_LABELS,
        original_labels=code_map(
            zip(("Angry", "Disgust", "Fear", "Happy", "Neutral", "Sad", "Surprise"), _SFEW_LABELS)
        ),
        paper_candidates=("Angry", "Disgust", "Fear", "Happy", "Neutral", "Sad", "Surprise"),
        test_size=436,
        release_test_size=435,
        class_counts=count_map(_SFEW_LABELS, (77, 23, 47, 72, 86, 73, 57)),
        split_definition="The official Val set (436 files; one file name occurs in two emotion folders, "
        "and the paper's list kept one copy of it, so it has 435).",
        original_test_size=436,
        paper_run=PaperRun("sfew2", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=paper_reference(3, "SFEW 2.0", {"acc": 57.24}, {"acc": ("IPD-FER", 58.43)}),
    )
    yield DatasetEntry(
        name="GER_FERPlus",
        source_key="ferplus",
        task=Task.FER,
        modality=Modality.IMAGE,
        labels=_FERPLUS_LABELS,
        original_labels=code_map(
            zip(
                ("neutral", "happiness", "surprise", "sadness", "anger", "disgust", "fear", "contempt"), _FERPLUS_LABELS
            )
        ),
        excluded_original_labels=("unknown", "NF"),
        paper_candidates=("neutral", "happiness", "surprise", "sadness", "anger", "disgust", "fear", "contempt"),
        test_size=3589,
        release_test_size=3573,
        class_counts=count_map(_FERPLUS_LABELS, (1278, 929, 446, 448, 326, 23, 94, 29)),
        split_definition="FER2013 PrivateTest rows with an FER+ image name; label = plurality of the 8 emotion votes "
        "(ties to the earlier column; unknown/NF ignored); the duplicated fer0033120.png keeps its first row.",
        paper_run=PaperRun("ferplus", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=paper_reference(3, "FERPlus", {"acc": 64.25}, {"acc": ("IPD-FER", 88.42)}),
    )
    raf_common: dict[str, Any] = dict(
        source_key="rafdb",
        task=Task.FER,
        modality=Modality.IMAGE,
        labels=_RAF_LABELS,
        original_labels=code_map((str(i + 1), lab) for i, lab in enumerate(_RAF_LABELS)),
        paper_candidates=("Surprise", "Fear", "Disgust", "Happiness", "Sadness", "Anger", "Neutral"),
        test_size=3068,
        release_test_size=3068,
        class_counts=count_map(_RAF_LABELS, (329, 74, 160, 1185, 478, 162, 680)),
        split_definition="All test_*.jpg lines of basic/EmoLabel/list_patition_label.txt (original, not aligned, images).",
    )
    yield DatasetEntry(
        name="GER_RAFDB",
        paper_run=PaperRun("rafdb", "label-gpt4v-rgb.csv", PaperProtocol.TOP1_EXACT),
        paper=paper_reference(3, "RAF-DB", {"acc": 75.81}, {"acc": ("IPD-FER", 88.89)}),
        **raf_common,
    )
    yield DatasetEntry(
        name="GER_RAFDB_Grey",
        image_mode="L",
        paper_run=PaperRun("rafdb", "label-gpt4v-grey.csv", PaperProtocol.TOP1_EXACT),
        notes=("The paper's grey-scale control run; images are converted to grey before prompting.",),
        **raf_common,
    )
    yield DatasetEntry(
        name="GER_AffectNet",
        source_key="affectnet",
        task=Task.FER,
        modality=Modality.IMAGE,
        labels=_AFFECTNET_LABELS,
        original_labels=code_map((str(i), lab) for i, lab in enumerate(_AFFECTNET_LABELS)),
        excluded_original_labels=("8", "9", "10"),
        paper_candidates=("Surprise", "Contempt", "Happiness", "Anger", "Neutral", "Sadness", "Fear", "Disgust"),
        test_size=4000,
        release_test_size=4000,
        official_test_size="4000 (validation.csv, codes 0-7: 500 each)",
        class_counts=count_map(_AFFECTNET_LABELS, (500,) * 8),
        split_definition="The official validation set (Manually_Annotated_file_lists/validation.csv), codes 0-7.",
        paper_run=PaperRun("affectnet", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=paper_reference(3, "AffectNet", {"acc": 42.77}, {"acc": ("IPD-FER", 62.23)}),
    )
