"""Table 5: micro-expression recognition on the apex frame (CASME, CASME II, SAMM)."""

from __future__ import annotations

from collections.abc import Iterable

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

_CASME_LABELS = ("tense", "disgusted", "repressed", "surprised")
_CASME2_LABELS = ("happy", "surprised", "disgusted", "repressed", "others")
_SAMM_LABELS = ("angry", "contempt", "happy", "surprised", "others")


def entries() -> Iterable[DatasetEntry]:
    # ---- Table 5: micro-expression recognition (apex frame) ---------------------------
    yield DatasetEntry(
        name="GER_CASME",
        source_key="casme",
        task=Task.MICRO,
        modality=Modality.IMAGE,
        labels=_CASME_LABELS,
        original_labels=code_map(
            [
                ("tense", "tense"),
                ("tenseness", "tense"),
                ("disgust", "disgusted"),
                ("repression", "repressed"),
                ("surprise", "surprised"),
            ]
        ),
        excluded_original_labels=("happiness", "sadness", "fear", "contempt", "comtempt"),
        paper_candidates=("tense", "disgust", "repression", "surprise"),
        test_size=195,
        release_test_size=178,
        official_test_size="189-197 sheet rows in circulation, 178 of them in the 4 evaluated classes",
        size_sources={
            "official": "MEB's CASME loader says 189 samples; the authors' log (MERTools gptv/casme.py) "
            "counts 197 rows, 178 in the 4 evaluated classes"
        },
        class_counts=count_map(_CASME_LABELS, (71, 46, 40, 21)),
        split_definition="Apex frames of the coding sheet's samples in the 4 classes tense, disgust, repression, surprise.",
        paper_run=PaperRun("casme1", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=paper_reference(5, "CASME", {"acc": 36.93}, {"acc": ("TSCNN", 73.88)}),
    )
    yield DatasetEntry(
        name="GER_CASME2",
        source_key="casme2",
        task=Task.MICRO,
        modality=Modality.IMAGE,
        labels=_CASME2_LABELS,
        original_labels=code_map(
            [
                ("happiness", "happy"),
                ("surprise", "surprised"),
                ("disgust", "disgusted"),
                ("repression", "repressed"),
                ("others", "others"),
            ]
        ),
        excluded_original_labels=("fear", "sadness"),
        paper_candidates=("happiness", "surprise", "disgust", "repression", "others"),
        test_size=247,
        release_test_size=239,
        official_test_size="247-256 sheet rows (247 in the 5 classes of CASME2-coding-20140508.xlsx)",
        size_sources={
            "official": "MEB casme2 loader: 'Casme 2 path with 256/247 samples, fear + sadness = 9 removed'; "
            "the authors' list had 248 rows (MERTools gptv/casme2.py)"
        },
        class_counts=count_map(_CASME2_LABELS, (31, 24, 61, 27, 96)),
        split_definition="Apex frames (CASME2_RAW_selected) of the coding sheet's samples in the standard 5 classes.",
        paper_run=PaperRun("casme2", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=paper_reference(5, "CASME II", {"acc": 14.64}, {"acc": ("TSCNN", 80.97)}),
    )
    yield DatasetEntry(
        name="GER_SAMM",
        source_key="samm",
        task=Task.MICRO,
        modality=Modality.IMAGE,
        labels=_SAMM_LABELS,
        original_labels=code_map(
            [
                ("Anger", "angry"),
                ("Contempt", "contempt"),
                ("Happiness", "happy"),
                ("Surprise", "surprised"),
                ("Other", "others"),
                ("Others", "others"),
            ]
        ),
        excluded_original_labels=("Disgust", "Fear", "Sadness"),
        paper_candidates=("Anger", "Contempt", "Happiness", "Surprise", "Other"),
        test_size=159,
        release_test_size=135,
        official_test_size="159 rows, 136 in the 5 classes (SAMM_Micro_FACS_Codes_v2.xlsx)",
        size_sources={
            "official": "SAMM_Micro_FACS_Codes_v2.xlsx class counts in public loaders (Anger 57, Contempt 12, "
            "Happiness 26, Surprise 15, Other 26); the authors' list had 158 rows"
        },
        class_counts=count_map(_SAMM_LABELS, (57, 11, 26, 15, 26)),
        split_definition="Apex frames of the FACS-coded samples in the 5 classes with at least 10 samples.",
        paper_run=PaperRun("samm", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=paper_reference(5, "SAMM", {"acc": 17.04}, {"acc": ("TSCNN", 71.76)}),
    )
