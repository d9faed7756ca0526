"""Table 7: multimodal emotion recognition (MER2023, CH-SIMS, CMU-MOSI)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ger_plugin.catalog.model import (
    INTENSITY_LABELS,
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

_MER_LABELS = ("neutral", "angry", "happy", "sad", "worried", "surprised")


def entries() -> Iterable[DatasetEntry]:
    # ---- Table 7: multimodal emotion recognition --------------------------------------
    mer_common: dict[str, Any] = dict(
        source_key="mer2023",
        task=Task.MER,
        labels=_MER_LABELS,
        original_labels=code_map(zip(("neutral", "angry", "happy", "sad", "worried", "surprise"), _MER_LABELS)),
        paper_candidates=("worried", "happy", "neutral", "angry", "surprised", "sad"),
        test_size=411,
        release_test_size=411,
        official_test_size="411 (test1-label.csv)",
        class_counts=count_map(_MER_LABELS, (88, 105, 93, 50, 57, 18)),
        split_definition="test1 (MER-MULTI) of the MER2023 release; Chinese transcripts.",
    )
    sentiment_common: dict[str, Any] = dict(
        task=Task.MER,
        labels=INTENSITY_LABELS,
        original_labels=code_map((lab, lab) for lab in INTENSITY_LABELS),
        paper_candidates=INTENSITY_LABELS,
        scoring=Scoring.SENTIMENT_INTENSITY,
    )
    # the paper's three inputs, then the clips' own sound: alone, with the video, and with both
    for suffix, modality, run in (
        ("", Modality.VIDEO_TEXT, "multi"),
        ("_Text", Modality.TEXT, "text"),
        ("_Video", Modality.VIDEO, "video"),
        ("_Audio", Modality.AUDIO, ""),
        ("_AV", Modality.AUDIO_VIDEO, ""),
        ("_AVT", Modality.AUDIO_VIDEO_TEXT, ""),
    ):
        frames = 3 if modality.has_frames else 0
        yield DatasetEntry(
            name=f"GER_MER2023{suffix}",
            modality=modality,
            default_frames=frames,
            paper_run=PaperRun("mer2023", f"label-gpt4v-{run}.csv", PaperProtocol.TOP1_EXACT) if run else None,
            paper=paper_reference(7, "MER2023", {"acc": 63.5}, {"acc": ("MulT", 82.94)}) if run == "multi" else None,
            **mer_common,
        )
        yield DatasetEntry(
            name=f"GER_CHSIMS{suffix}",
            source_key="chsims",
            modality=modality,
            default_frames=frames,
            test_size=457,
            release_test_size=457,
            split_definition="The official test split (457 clips); Chinese transcripts; gold = multimodal score in [-1, 1].",
            # MMSA 5-class bins of the gold score: [-1,-0.7], (-0.7,-0.1], (-0.1,0.1], (0.1,0.7], (0.7,1]
            class_counts=count_map(INTENSITY_LABELS, (151, 97, 69, 69, 71)),
            paper_run=PaperRun("sims", f"label-gpt4v-{run}.csv", PaperProtocol.SENTIMENT_BINARY) if run else None,
            paper=paper_reference(7, "CH-SIMS", {"WF1": 81.24}, {"WF1": ("MulT", 91.07)}) if run == "multi" else None,
            **sentiment_common,
        )
        yield DatasetEntry(
            name=f"GER_CMUMOSI{suffix}",
            source_key="cmumosi",
            modality=modality,
            default_frames=frames,
            test_size=686,
            release_test_size=686,
            official_test_size="686 segments of the SDK's 31 standard test videos (some copies 685)",
            size_sources={
                "official": "CMU-MultimodalSDK cmu_mosi_std_folds.py (31 test videos); MERBench label.npz "
                "test_corpus (686)"
            },
            split_definition="The CMU-MultimodalSDK standard test fold (31 videos, 686 segments); gold in [-3, 3].",
            # round(clip(score, -2, 2)), halves to even as in MMSA: -2..2
            class_counts=count_map(INTENSITY_LABELS, (202, 145, 106, 113, 120)),
            paper_run=PaperRun("cmumosi", f"label-gpt4v-{run}.csv", PaperProtocol.SENTIMENT_BINARY) if run else None,
            paper=paper_reference(7, "CMU-MOSI", {"WF1": 80.43}, {"WF1": ("MulT", 81.41)}) if run == "multi" else None,
            **sentiment_common,
        )
