"""The catalog's vocabulary: tasks, modalities, protocols, and the entry and release records."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType

#: Hub namespace used when none is given and ``GER_HUB_NAMESPACE`` is unset.
DEFAULT_HUB_NAMESPACE = "ger-bench"

#: Canonical 5-point sentiment intensity scale (prompt candidates of CMU-MOSI / CH-SIMS).
INTENSITY_LABELS = ("negative", "weakly negative", "neutral", "weakly positive", "positive")

#: Mikels' eight emotions -> polarity (Abstract, ArtPhoto; Machajdik & Hanbury 2010).
MIKELS_POLARITY = MappingProxyType(
    {
        "amused": "positive",
        "awed": "positive",
        "content": "positive",
        "excited": "positive",
        "angry": "negative",
        "disgusted": "negative",
        "fearful": "negative",
        "sad": "negative",
    }
)


class Task(str, Enum):
    """The five GER tasks; values match the paper's table captions."""

    FER = "facial_emotion_recognition"
    VSA = "visual_sentiment_analysis"
    MICRO = "micro_expression_recognition"
    DFER = "dynamic_facial_emotion_recognition"
    MER = "multimodal_emotion_recognition"

    @property
    def group(self) -> str:
        """The task group name accepted by ``ger run`` (e.g. ``GER_FER``)."""
        return TASK_GROUP_NAMES[self]

    @property
    def title(self) -> str:  # type: ignore[override]  # a task's title, not str.title()
        return TASK_TITLES[self]


TASK_GROUP_NAMES: Mapping[Task, str] = MappingProxyType(
    {
        Task.FER: "GER_FER",
        Task.VSA: "GER_VSA",
        Task.MICRO: "GER_MICRO",
        Task.DFER: "GER_DFER",
        Task.MER: "GER_MER",
    }
)
TASK_TITLES: Mapping[Task, str] = MappingProxyType(
    {
        Task.FER: "Facial emotion recognition",
        Task.VSA: "Visual sentiment analysis",
        Task.MICRO: "Micro-expression recognition",
        Task.DFER: "Dynamic facial emotion recognition",
        Task.MER: "Multimodal emotion recognition",
    }
)
#: The paper's table number per task.
TASK_TABLES: Mapping[Task, int] = MappingProxyType({Task.FER: 3, Task.VSA: 4, Task.MICRO: 5, Task.DFER: 6, Task.MER: 7})


class Modality(str, Enum):
    """What a model sees for one sample."""

    IMAGE = "image"
    VIDEO = "video"
    VIDEO_TEXT = "video+text"
    TEXT = "text"
    AUDIO = "audio"  # the clip's sound track alone (``_Audio``)
    AUDIO_VIDEO = "audio+video"  # the clip with its sound (``_AV``)
    AUDIO_VIDEO_TEXT = "audio+video+text"  # ... and the transcript (``_AVT``)

    @property
    def has_frames(self) -> bool:
        return self in (Modality.VIDEO, Modality.VIDEO_TEXT, Modality.AUDIO_VIDEO, Modality.AUDIO_VIDEO_TEXT)

    @property
    def has_text(self) -> bool:
        return self in (Modality.TEXT, Modality.VIDEO_TEXT, Modality.AUDIO_VIDEO_TEXT)

    @property
    def has_audio(self) -> bool:
        return self in (Modality.AUDIO, Modality.AUDIO_VIDEO, Modality.AUDIO_VIDEO_TEXT)

    @property
    def letters(self) -> str:
        """The modality ablation column this input fills: V, A, T, AV or AVT (IMAGE: "")."""
        return MODALITY_LETTERS[self]

    @property
    def paper_batch_size(self) -> int:
        """Samples per request in the paper's batched prompts (gpt4v-emotion's config.py)."""
        return PAPER_BATCH_SIZES[self]


PAPER_BATCH_SIZES: Mapping[Modality, int] = MappingProxyType(
    # the audio variants are not in the paper: clips with sound as many as clips, sound alone as text
    {
        Modality.IMAGE: 20,
        Modality.VIDEO: 8,
        Modality.VIDEO_TEXT: 6,
        Modality.TEXT: 20,
        Modality.AUDIO: 8,
        Modality.AUDIO_VIDEO: 8,
        Modality.AUDIO_VIDEO_TEXT: 6,
    }
)
MODALITY_LETTERS: Mapping[Modality, str] = MappingProxyType(
    {
        Modality.IMAGE: "",
        Modality.VIDEO: "V",
        Modality.VIDEO_TEXT: "VT",
        Modality.TEXT: "T",
        Modality.AUDIO: "A",
        Modality.AUDIO_VIDEO: "AV",
        Modality.AUDIO_VIDEO_TEXT: "AVT",
    }
)


class PaperProtocol(str, Enum):
    """How the paper scored one released prediction file (see shared/reference/paper-protocol.md)."""

    #: accuracy over answered rows; top-1 must equal the ground-truth string literally.
    TOP1_EXACT = "top1_exact"
    #: ground truth is polarity; the top-1 emotion is mapped to polarity first.
    TOP1_POLARITY = "top1_polarity"
    #: rows whose top-1 is outside the candidate list are dropped; WAR and UAR.
    TOP1_IN_SET = "top1_in_set"
    #: drop gt == 0; truth = score > 0; positive iff top-1 is (weakly) positive; weighted F1.
    SENTIMENT_BINARY = "sentiment_binary"


class Scoring(str, Enum):
    """How the GER standard protocol scores a dataset."""

    #: single-label classification over the dataset's canonical labels.
    CLASSIFICATION = "classification"
    #: classification over Mikels emotions plus polarity accuracy.
    EMOTION_WITH_POLARITY = "emotion_with_polarity"
    #: continuous sentiment gold; binary accuracy / weighted F1 on non-zero gold.
    SENTIMENT_INTENSITY = "sentiment_intensity"


class HubAccess(str, Enum):
    """How a maintainer may publish a dataset, as its original licence allows."""

    PUBLIC = "public"  # licence allows redistribution
    GATED = "gated"  # publish behind the Hub's access request with the licence terms
    PRIVATE = "private"  # licence forbids redistribution: private repos of your own org only


@dataclass(frozen=True)
class Source:
    """Facts about one original release (shared by all its GER variants)."""

    key: str  # module name under ger_plugin.data.sources, and the Hub repo suffix
    title: str
    homepage: str
    license_id: str  # Hub licence id ("other" when it has none)
    license_name: str
    license_url: str
    hub_access: HubAccess
    citation: str  # BibTeX
    access_note: str  # how a researcher obtains the original release
    splits: tuple[str, ...] = ("test",)  # Hub split names the reader can produce
    #: representative image / frame size (width, height), only for cost estimates before a run
    typical_image_size: tuple[int, int] = (640, 480)

    @property
    def gated(self) -> bool:
        return self.hub_access is not HubAccess.PUBLIC


@dataclass(frozen=True)
class PaperRun:
    """Where the paper's released GPT-4V predictions for a variant live (gpt4v-emotion layout)."""

    results_dir: str
    prediction_file: str
    protocol: PaperProtocol
    label_file: str = "label.csv"


@dataclass(frozen=True)
class PaperReference:
    """A published row of Tables 3-7: GPT-4V and the best supervised method per metric."""

    table: int
    row_name: str  # dataset column as printed in the paper (paper_tables.csv "dataset")
    gpt4v: Mapping[str, float]  # metric -> value, metrics as the paper names them
    best_supervised: Mapping[str, tuple[str, float]]  # metric -> (method, value)

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(self.gpt4v)


#: Default sources of the three test-set sizes an entry records.
SIZE_SOURCES = {
    "paper": "paper Table 1 (Lian et al. 2023, arXiv:2312.04293)",
    "released_list": "label.csv of the paper's released predictions (github.com/zeroQiaoba/gpt4v-emotion)",
    "official": "the official release's annotation, read by ger_plugin.data.sources",
}


@dataclass(frozen=True)
class DatasetEntry:
    """One evaluable GER dataset or variant (one ``GER_*`` name)."""

    name: str
    source_key: str
    task: Task
    modality: Modality
    labels: tuple[str, ...]  # canonical names, in the release's own code order
    original_labels: Mapping[str, str]  # release label code or name -> canonical name
    paper_candidates: tuple[str, ...]  # the candidate list the paper's prompt offered
    test_size: int  # paper Table 1
    release_test_size: int  # samples in the paper's released test list (label.csv)
    class_counts: Mapping[str, int]  # canonical label -> count in the paper's test list
    split_definition: str
    hub_config: str = "default"
    excluded_original_labels: tuple[str, ...] = ()  # known classes outside the evaluated set
    scoring: Scoring = Scoring.CLASSIFICATION
    paper_run: PaperRun | None = None
    paper: PaperReference | None = None
    default_frames: int = 0  # frames per video sent to a model (0 = not a video)
    image_mode: str = "RGB"  # PIL mode images are converted to before prompting
    #: test samples a reader yields from the original release when that differs from the paper's list
    original_test_size: int = 0
    notes: tuple[str, ...] = field(default=())
    #: what the official annotation yields for the test set, when sheet versions differ ("247-256")
    official_test_size: str = ""
    #: where each size comes from; keys ``paper``, ``released_list``, ``official`` (defaults: SIZE_SOURCES)
    size_sources: Mapping[str, str] = field(default_factory=dict)

    def size_source(self, which: str) -> str:
        """The source of the ``paper``, ``released_list`` or ``official`` test-set size."""
        return self.size_sources.get(which) or SIZE_SOURCES.get(which, "")

    @property
    def source(self) -> Source:
        from ger_plugin.catalog.releases import SOURCES  # releases import this module

        return SOURCES[self.source_key]

    @property
    def expected_reader_size(self) -> int:
        """How many test samples a correct reader of the original release yields."""
        return self.original_test_size or self.release_test_size

    @property
    def num_classes(self) -> int:
        return len(self.labels)

    @property
    def primary_metric(self) -> str:
        """The metric the paper reports first for this dataset (``acc``, ``WAR`` or ``WF1``)."""
        if self.paper is not None:
            return self.paper.metrics[0]
        return {Task.DFER: "WAR"}.get(self.task, "WF1" if self.scoring is Scoring.SENTIMENT_INTENSITY else "acc")

    def hub_repo_id(self, namespace: str | None = None) -> str:
        """``<namespace>/ger-<source>``; the namespace defaults to ``$GER_HUB_NAMESPACE``."""
        ns = namespace or os.environ.get("GER_HUB_NAMESPACE") or DEFAULT_HUB_NAMESPACE
        return f"{ns}/ger-{self.source_key}"

    def canonical(self, original: str) -> str:
        """Map a release label code or name to the canonical name, or raise ``KeyError``."""
        return self.original_labels[str(original).strip()]


def paper_reference(
    table: int, row: str, gpt4v: Mapping[str, float], best: Mapping[str, tuple[str, float]]
) -> PaperReference:
    return PaperReference(table, row, MappingProxyType(dict(gpt4v)), MappingProxyType(dict(best)))


def code_map(pairs: Iterable[tuple[str, str]]) -> Mapping[str, str]:
    return MappingProxyType(dict(pairs))


def count_map(labels: tuple[str, ...], counts: Iterable[int]) -> Mapping[str, int]:
    values = tuple(counts)
    if len(values) != len(labels):
        raise ValueError(f"{len(values)} counts for {len(labels)} labels")
    return MappingProxyType(dict(zip(labels, values)))
