"""The single source of truth: one declarative entry per GER dataset and variant.

Everything dataset-specific that is *data* lives here (label sets, codes, sizes, paper
numbers, licences, citations); everything dataset-specific that is *code* lives in
``ger_plugin.data.sources.<source>``. The rest of the package is generic over these entries.

This module imports the standard library only, so ``import ger_plugin`` stays cheap.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Iterable, Mapping

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
    def title(self) -> str:
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
TASK_TABLES: Mapping[Task, int] = MappingProxyType(
    {Task.FER: 3, Task.VSA: 4, Task.MICRO: 5, Task.DFER: 6, Task.MER: 7}
)


class Modality(str, Enum):
    """What a model sees for one sample."""

    IMAGE = "image"
    VIDEO = "video"
    VIDEO_TEXT = "video+text"
    TEXT = "text"

    @property
    def has_frames(self) -> bool:
        return self in (Modality.VIDEO, Modality.VIDEO_TEXT)

    @property
    def has_text(self) -> bool:
        return self in (Modality.TEXT, Modality.VIDEO_TEXT)

    @property
    def paper_batch_size(self) -> int:
        """Samples per request in the paper's batched prompts (gpt4v-emotion's config.py)."""
        return PAPER_BATCH_SIZES[self]


PAPER_BATCH_SIZES: Mapping[Modality, int] = MappingProxyType(
    {Modality.IMAGE: 20, Modality.VIDEO: 8, Modality.VIDEO_TEXT: 6, Modality.TEXT: 20}
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

    @property
    def source(self) -> Source:
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


def _ref(table: int, row: str, gpt4v: Mapping[str, float], best: Mapping[str, tuple[str, float]]) -> PaperReference:
    return PaperReference(table, row, MappingProxyType(dict(gpt4v)), MappingProxyType(dict(best)))


def _codes(pairs: Iterable[tuple[str, str]]) -> Mapping[str, str]:
    return MappingProxyType(dict(pairs))


def _counts(labels: tuple[str, ...], counts: Iterable[int]) -> Mapping[str, int]:
    values = tuple(counts)
    if len(values) != len(labels):
        raise ValueError(f"{len(values)} counts for {len(labels)} labels")
    return MappingProxyType(dict(zip(labels, values)))


# --------------------------------------------------------------------------------------
# Sources: facts of every original release
# --------------------------------------------------------------------------------------

_NC_RESEARCH = "Non-commercial research use under the distributor's licence agreement"

SOURCES: Mapping[str, Source] = MappingProxyType(
    {
        s.key: s
        for s in (
            Source(
                key="ckplus",
                typical_image_size=(640, 490),
                title="The Extended Cohn-Kanade Dataset (CK+)",
                homepage="https://www.jeffcohn.net/Resources/",
                license_id="other",
                license_name="CK+ database agreement (non-commercial research)",
                license_url="https://www.jeffcohn.net/Resources/",
                hub_access=HubAccess.PRIVATE,
                access_note="Sign the CK+ agreement with Jeffrey Cohn's group (CMU / University of Pittsburgh).",
                citation="""@inproceedings{lucey2010extended,
  title     = {The Extended Cohn-Kanade Dataset (CK+): A complete dataset for action unit and emotion-specified expression},
  author    = {Lucey, Patrick and Cohn, Jeffrey F. and Kanade, Takeo and Saragih, Jason and Ambadar, Zara and Matthews, Iain},
  booktitle = {2010 IEEE Computer Society Conference on Computer Vision and Pattern Recognition Workshops (CVPRW)},
  pages     = {94--101},
  year      = {2010}
}""",
            ),
            Source(
                key="sfew2",
                typical_image_size=(720, 576),
                title="Static Facial Expressions in the Wild 2.0 (SFEW 2.0)",
                homepage="https://cs.anu.edu.au/few/AFEW.html",
                license_id="other",
                license_name="EmotiW / SFEW end-user licence agreement",
                license_url="https://cs.anu.edu.au/few/AFEW.html",
                hub_access=HubAccess.PRIVATE,
                access_note="Request SFEW 2.0 from the EmotiW organisers (Abhinav Dhall et al.) under their EULA.",
                citation="""@inproceedings{dhall2011static,
  title     = {Static Facial Expression Analysis in Tough Conditions: Data, Evaluation Protocol and Benchmark},
  author    = {Dhall, Abhinav and Goecke, Roland and Lucey, Simon and Gedeon, Tom},
  booktitle = {IEEE International Conference on Computer Vision Workshops (ICCV Workshops)},
  pages     = {2106--2112},
  year      = {2011}
}""",
            ),
            Source(
                key="ferplus",
                typical_image_size=(48, 48),
                title="FER+ (FERPlus) labels for FER2013",
                homepage="https://github.com/microsoft/FERPlus",
                license_id="other",
                license_name="FER+ labels: MIT; FER2013 images: Kaggle competition rules",
                license_url="https://github.com/microsoft/FERPlus/blob/master/LICENSE.md",
                # the images fall under Kaggle's competition rules, which do not allow redistribution
                hub_access=HubAccess.PRIVATE,
                access_note="fer2013.csv from Kaggle's FER2013 challenge plus fer2013new.csv from microsoft/FERPlus.",
                citation="""@inproceedings{BarsoumICMI2016,
  title     = {Training Deep Networks for Facial Expression Recognition with Crowd-Sourced Label Distribution},
  author    = {Barsoum, Emad and Zhang, Cha and Canton Ferrer, Cristian and Zhang, Zhengyou},
  booktitle = {ACM International Conference on Multimodal Interaction (ICMI)},
  year      = {2016}
}""",
            ),
            Source(
                key="rafdb",
                typical_image_size=(100, 100),
                title="Real-world Affective Faces Database (RAF-DB), basic subset",
                homepage="http://whdeng.cn/RAF/model1.html",
                license_id="other",
                license_name="RAF-DB non-commercial research agreement",
                license_url="http://whdeng.cn/RAF/model1.html",
                hub_access=HubAccess.PRIVATE,
                access_note="Request RAF-DB from PRIS, BUPT (Shan Li, Weihong Deng); non-commercial research only.",
                citation="""@inproceedings{li2017reliable,
  title        = {Reliable crowdsourcing and deep locality-preserving learning for expression recognition in the wild},
  author       = {Li, Shan and Deng, Weihong and Du, JunPing},
  booktitle    = {Computer Vision and Pattern Recognition (CVPR), 2017 IEEE Conference on},
  pages        = {2584--2593},
  year         = {2017},
  organization = {IEEE}
}""",
            ),
            Source(
                key="affectnet",
                typical_image_size=(500, 500),
                title="AffectNet (manually annotated, 8 expressions)",
                homepage="http://mohammadmahoor.com/affectnet/",
                license_id="other",
                license_name="AffectNet licence agreement (signed by a lab manager or professor)",
                license_url="http://mohammadmahoor.com/affectnet/",
                hub_access=HubAccess.PRIVATE,
                access_note="A lab manager or professor signs the AffectNet licence agreement and request form.",
                citation="""@article{mollahosseini2017affectnet,
  title     = {AffectNet: A Database for Facial Expression, Valence, and Arousal Computing in the Wild},
  author    = {Mollahosseini, Ali and Hasani, Behzad and Mahoor, Mohammad H.},
  journal   = {IEEE Transactions on Affective Computing},
  volume    = {10},
  number    = {1},
  pages     = {18--31},
  year      = {2017},
  publisher = {IEEE}
}""",
            ),
            Source(
                key="twitter1",
                typical_image_size=(600, 450),
                title="Twitter I image sentiment (You et al., AAAI 2015)",
                homepage="http://www.cs.rochester.edu/u/qyou/DeepSent/deepsentiment.html",
                license_id="unknown",
                license_name="No licence stated; images are users' tweets (third-party copyright)",
                license_url="http://www.cs.rochester.edu/u/qyou/DeepSent/deepsentiment.html",
                hub_access=HubAccess.GATED,
                access_note="Download twitter_dataset from the authors' DeepSent page (or its mirrors).",
                citation="""@inproceedings{you2015robust,
  title     = {Robust Image Sentiment Analysis Using Progressively Trained and Domain Transferred Deep Networks},
  author    = {You, Quanzeng and Luo, Jiebo and Jin, Hailin and Yang, Jianchao},
  booktitle = {Proceedings of the Twenty-Ninth AAAI Conference on Artificial Intelligence (AAAI)},
  pages     = {381--388},
  year      = {2015}
}""",
            ),
            Source(
                key="twitter2",
                typical_image_size=(600, 450),
                title="Twitter II (SentiBank Twitter benchmark, Borth et al., ACM MM 2013)",
                homepage="http://www.ee.columbia.edu/ln/dvmm/vso/download/twitter_dataset.html",
                license_id="unknown",
                license_name="No licence stated; images are users' tweets (third-party copyright)",
                license_url="http://www.ee.columbia.edu/ln/dvmm/vso/download/twitter_dataset.html",
                hub_access=HubAccess.GATED,
                access_note="Download twitter.rar from Columbia DVMM's Visual Sentiment Ontology page.",
                citation="""@inproceedings{borth2013large,
  title     = {Large-scale Visual Sentiment Ontology and Detectors Using Adjective Noun Pairs},
  author    = {Borth, Damian and Ji, Rongrong and Chen, Tao and Breuel, Thomas and Chang, Shih-Fu},
  booktitle = {Proceedings of the 21st ACM International Conference on Multimedia (ACM MM)},
  pages     = {223--232},
  year      = {2013}
}""",
            ),
            Source(
                key="abstract",
                typical_image_size=(600, 450),
                title="Abstract paintings (Machajdik & Hanbury, ACM MM 2010)",
                homepage="https://www.imageemotion.org/",
                license_id="unknown",
                license_name="No licence stated by the authors",
                license_url="https://www.imageemotion.org/",
                hub_access=HubAccess.GATED,
                access_note="Download testImages_abstract from imageemotion.org.",
                citation="""@inproceedings{machajdik2010affective,
  title     = {Affective Image Classification Using Features Inspired by Psychology and Art Theory},
  author    = {Machajdik, Jana and Hanbury, Allan},
  booktitle = {Proceedings of the 18th ACM International Conference on Multimedia (ACM MM)},
  pages     = {83--92},
  year      = {2010}
}""",
            ),
            Source(
                key="artphoto",
                typical_image_size=(600, 450),
                title="ArtPhoto (Machajdik & Hanbury, ACM MM 2010)",
                homepage="https://www.imageemotion.org/",
                license_id="unknown",
                license_name="No licence stated by the authors; photos keep their authors' copyright",
                license_url="https://www.imageemotion.org/",
                hub_access=HubAccess.GATED,
                access_note="Download testImages_artphoto from imageemotion.org.",
                citation="""@inproceedings{machajdik2010affective,
  title     = {Affective Image Classification Using Features Inspired by Psychology and Art Theory},
  author    = {Machajdik, Jana and Hanbury, Allan},
  booktitle = {Proceedings of the 18th ACM International Conference on Multimedia (ACM MM)},
  pages     = {83--92},
  year      = {2010}
}""",
            ),
            Source(
                key="casme",
                typical_image_size=(640, 480),
                title="CASME: Chinese Academy of Sciences Micro-Expression database",
                homepage="http://casme.psych.ac.cn/casme/e1",
                license_id="other",
                license_name="CASME licence agreement (signed application)",
                license_url="http://casme.psych.ac.cn/casme/e1",
                hub_access=HubAccess.PRIVATE,
                access_note="Apply to Xiaolan Fu's group (Institute of Psychology, CAS) with a signed licence agreement.",
                citation="""@inproceedings{yan2013casme,
  title     = {CASME database: A dataset of spontaneous micro-expressions collected from neutralized faces},
  author    = {Yan, Wen-Jing and Wu, Qi and Liu, Yong-Jin and Wang, Su-Jing and Fu, Xiaolan},
  booktitle = {2013 10th IEEE International Conference and Workshops on Automatic Face and Gesture Recognition (FG)},
  pages     = {1--7},
  year      = {2013},
  doi       = {10.1109/FG.2013.6553799}
}""",
            ),
            Source(
                key="casme2",
                typical_image_size=(640, 480),
                title="CASME II: An improved spontaneous micro-expression database",
                homepage="http://fu.psych.ac.cn/CASME/casme2-en.php",
                license_id="other",
                license_name="CASME II licence agreement (signed application)",
                license_url="http://fu.psych.ac.cn/CASME/casme2-en.php",
                hub_access=HubAccess.PRIVATE,
                access_note="Apply to Xiaolan Fu's group (Institute of Psychology, CAS) with a signed licence agreement.",
                citation="""@article{yan2014casme2,
  title   = {CASME II: An Improved Spontaneous Micro-Expression Database and the Baseline Evaluation},
  author  = {Yan, Wen-Jing and Li, Xiaobai and Wang, Su-Jing and Zhao, Guoying and Liu, Yong-Jin and Chen, Yu-Hsin and Fu, Xiaolan},
  journal = {PLoS ONE},
  volume  = {9},
  number  = {1},
  pages   = {e86041},
  year    = {2014},
  doi     = {10.1371/journal.pone.0086041}
}""",
            ),
            Source(
                key="samm",
                typical_image_size=(2040, 1088),
                title="SAMM: Spontaneous Actions and Micro-Movements",
                homepage="https://personalpages.manchester.ac.uk/staff/adrian.davison/SAMM.html",
                license_id="other",
                license_name="SAMM licence agreement",
                license_url="https://personalpages.manchester.ac.uk/staff/adrian.davison/SAMM.html",
                hub_access=HubAccess.PRIVATE,
                access_note="Request SAMM from Manchester Metropolitan University with a signed licence agreement.",
                citation="""@article{davison2018samm,
  title   = {SAMM: A Spontaneous Micro-Facial Movement Dataset},
  author  = {Davison, Adrian K. and Lansley, Cliff and Costen, Nicholas and Tan, Kevin and Yap, Moi Hoon},
  journal = {IEEE Transactions on Affective Computing},
  volume  = {9},
  number  = {1},
  pages   = {116--129},
  year    = {2018},
  doi     = {10.1109/TAFFC.2016.2573832}
}""",
            ),
            Source(
                key="dfew",
                typical_image_size=(1024, 576),
                title="DFEW: Dynamic Facial Expression in the Wild",
                homepage="https://dfew-dataset.github.io/",
                license_id="other",
                license_name="DFEW terms: non-commercial research and education; no redistribution",
                license_url="https://dfew-dataset.github.io/download.html",
                hub_access=HubAccess.PRIVATE,
                access_note="Email the DFEW authors (Southeast University) for the download password.",
                splits=("train", "test"),
                citation="""@inproceedings{jiang2020dfew,
  title     = {DFEW: A Large-Scale Database for Recognizing Dynamic Facial Expressions in the Wild},
  author    = {Jiang, Xingxun and Zong, Yuan and Zheng, Wenming and Tang, Chuangao and Xia, Wanchuang and Lu, Cheng and Liu, Jiateng},
  booktitle = {Proceedings of the 28th ACM International Conference on Multimedia},
  pages     = {2881--2889},
  year      = {2020},
  doi       = {10.1145/3394171.3413620}
}""",
            ),
            Source(
                key="ferv39k",
                typical_image_size=(1280, 720),
                title="FERV39k: multi-scene facial expression recognition in videos",
                homepage="https://wangyanckxx.github.io/Proj_CVPR2022_FERV39k.html",
                license_id="other",
                license_name="FERV39k terms: non-commercial research only; no redistribution",
                license_url="https://github.com/wangyanckxx/FERV39k",
                hub_access=HubAccess.PRIVATE,
                access_note="Email the FERV39k authors (Fudan University) from a university address for the password.",
                citation="""@inproceedings{wang2022ferv39k,
  title     = {FERV39k: A Large-Scale Multi-Scene Dataset for Facial Expression Recognition in Videos},
  author    = {Wang, Yan and Sun, Yixuan and Huang, Yiwen and Liu, Zhongying and Gao, Shuyong and Zhang, Wei and Ge, Weifeng and Zhang, Wenqiang},
  booktitle = {IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)},
  year      = {2022},
  doi       = {10.1109/CVPR52688.2022.02025}
}""",
            ),
            Source(
                key="ravdess",
                typical_image_size=(1280, 720),
                title="RAVDESS: Ryerson Audio-Visual Database of Emotional Speech and Song (video-only speech)",
                homepage="https://zenodo.org/record/1188976",
                license_id="cc-by-nc-sa-4.0",
                license_name="Creative Commons Attribution-NonCommercial-ShareAlike 4.0",
                license_url="https://creativecommons.org/licenses/by-nc-sa/4.0/",
                hub_access=HubAccess.PUBLIC,
                access_note="Download Video_Speech_Actor_01..24.zip from Zenodo record 1188976.",
                citation="""@article{livingstone2018ravdess,
  title   = {The Ryerson Audio-Visual Database of Emotional Speech and Song (RAVDESS): A dynamic, multimodal set of facial and vocal expressions in North American English},
  author  = {Livingstone, Steven R. and Russo, Frank A.},
  journal = {PLoS ONE},
  volume  = {13},
  number  = {5},
  pages   = {e0196391},
  year    = {2018},
  doi     = {10.1371/journal.pone.0196391}
}""",
            ),
            Source(
                key="enterface05",
                typical_image_size=(720, 576),
                title="eNTERFACE'05 Audio-Visual Emotion Database",
                homepage="https://enterface.net/enterface05/emotion.html",
                license_id="other",
                license_name="Free for scientific research (eNTERFACE'05 terms)",
                license_url="https://enterface.net/enterface05/emotion.html",
                hub_access=HubAccess.GATED,
                access_note="Download the database from the eNTERFACE'05 page.",
                citation="""@inproceedings{martin2006enterface,
  title        = {The eNTERFACE'05 Audio-Visual Emotion Database},
  author       = {Martin, Olivier and Kotsia, Irene and Macq, Benoit and Pitas, Ioannis},
  booktitle    = {22nd International Conference on Data Engineering Workshops (ICDEW'06)},
  pages        = {8--8},
  year         = {2006},
  organization = {IEEE},
  doi          = {10.1109/ICDEW.2006.145}
}""",
            ),
            Source(
                key="mer2023",
                typical_image_size=(1280, 720),
                title="MER2023 (MER-MULTI test set)",
                homepage="http://merchallenge.cn/mer2023",
                license_id="other",
                license_name="MER2023 EULA: academic use only; no redistribution",
                license_url="https://huggingface.co/datasets/MERChallenge/MER2023",
                hub_access=HubAccess.PRIVATE,
                access_note="Sign the MER2023 EULA (merchallenge.cn) or request the gated Hub repo MERChallenge/MER2023.",
                citation="""@inproceedings{lian2023mer,
  title     = {MER 2023: Multi-label Learning, Modality Robustness, and Semi-Supervised Learning},
  author    = {Lian, Zheng and Sun, Haiyang and Sun, Licai and Chen, Kang and Xu, Mingyu and Wang, Kexin and Xu, Ke and He, Yu and Li, Ying and Zhao, Jinming and Liu, Ye and Liu, Bin and Yi, Jiangyan and Wang, Meng and Cambria, Erik and Zhao, Guoying and Schuller, Bj{\\"o}rn W. and Tao, Jianhua},
  booktitle = {Proceedings of the 31st ACM International Conference on Multimedia},
  pages     = {9610--9614},
  year      = {2023},
  doi       = {10.1145/3581783.3612836}
}""",
            ),
            Source(
                key="chsims",
                typical_image_size=(1280, 720),
                title="CH-SIMS: Chinese single- and multimodal sentiment analysis",
                homepage="https://github.com/thuiar/MMSA",
                license_id="unknown",
                license_name="No data licence stated (MMSA code is MIT)",
                license_url="https://github.com/thuiar/MMSA",
                hub_access=HubAccess.GATED,
                access_note="Download the raw SIMS release from the links in thuiar/MMSA's README.",
                splits=("train", "validation", "test"),
                citation="""@inproceedings{yu2020ch,
  title     = {CH-SIMS: A Chinese Multimodal Sentiment Analysis Dataset with Fine-grained Annotation of Modality},
  author    = {Yu, Wenmeng and Xu, Hua and Meng, Fanyang and Zhu, Yilin and Ma, Yixiao and Wu, Jiele and Zou, Jiyun and Yang, Kaicheng},
  booktitle = {Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics},
  pages     = {3718--3727},
  year      = {2020}
}""",
            ),
            Source(
                key="cmumosi",
                typical_image_size=(640, 360),
                title="CMU-MOSI: Multimodal Opinion-level Sentiment Intensity",
                homepage="http://multicomp.cs.cmu.edu/resources/cmu-mosi-dataset/",
                license_id="unknown",
                license_name="No explicit data licence (CMU-MultimodalSDK code is MIT)",
                license_url="https://github.com/CMU-MultiComp-Lab/CMU-MultimodalSDK",
                hub_access=HubAccess.GATED,
                access_note="Download CMU_MOSI.zip (raw videos) and the labels via CMU-MultimodalSDK.",
                splits=("train", "validation", "test"),
                citation="""@article{zadeh2016mosi,
  title   = {Multimodal Sentiment Intensity Analysis in Videos: Facial Gestures and Verbal Messages},
  author  = {Zadeh, Amir and Zellers, Rowan and Pincus, Eli and Morency, Louis-Philippe},
  journal = {IEEE Intelligent Systems},
  volume  = {31},
  number  = {6},
  pages   = {82--88},
  year    = {2016}
}""",
            ),
        )
    }
)

#: BibTeX of the paper whose protocol GER reproduces.
PAPER_CITATION = """@article{lian2023gpt4v,
  title   = {GPT-4V with Emotion: A Zero-shot Benchmark for Generalized Emotion Recognition},
  author  = {Lian, Zheng and Sun, Licai and Sun, Haiyang and Chen, Kang and Wen, Zhuofan and Gu, Hao and Chen, Shun and Liu, Bin and Tao, Jianhua},
  journal = {arXiv preprint arXiv:2312.04293},
  year    = {2023}
}"""

#: Public repository with the paper's released predictions (folder results/).
PAPER_RESULTS_REPO = "zeroQiaoba/gpt4v-emotion"
PAPER_RESULTS_REVISION = "82d24bc"


# --------------------------------------------------------------------------------------
# Label sets per release (canonical names in the release's code order)
# --------------------------------------------------------------------------------------

_CK_LABELS = ("angry", "contempt", "disgusted", "fearful", "happy", "sad", "surprised")
_SFEW_LABELS = ("angry", "disgusted", "fearful", "happy", "neutral", "sad", "surprised")
_FERPLUS_LABELS = ("neutral", "happy", "surprised", "sad", "angry", "disgusted", "fearful", "contempt")
_RAF_LABELS = ("surprised", "fearful", "disgusted", "happy", "sad", "angry", "neutral")
_AFFECTNET_LABELS = ("neutral", "happy", "sad", "surprised", "fearful", "disgusted", "angry", "contempt")
_POLARITY_LABELS = ("negative", "positive")
_MIKELS_LABELS = ("amused", "angry", "awed", "content", "disgusted", "excited", "fearful", "sad")
_CASME_LABELS = ("tense", "disgusted", "repressed", "surprised")
_CASME2_LABELS = ("happy", "surprised", "disgusted", "repressed", "others")
_SAMM_LABELS = ("angry", "contempt", "happy", "surprised", "others")
_DFEW_LABELS = ("happy", "sad", "neutral", "angry", "surprised", "disgusted", "fearful")
_FERV_LABELS = ("angry", "disgusted", "fearful", "happy", "neutral", "sad", "surprised")
_RAVDESS_LABELS = ("neutral", "calm", "happy", "sad", "angry", "fearful", "disgusted", "surprised")
_ENTERFACE_LABELS = ("angry", "disgusted", "fearful", "happy", "sad", "surprised")
_MER_LABELS = ("neutral", "angry", "happy", "sad", "worried", "surprised")

_TWITTER_CANDIDATES = ("positive", "negative")


def _entries() -> Iterable[DatasetEntry]:
    # ---- Table 3: facial emotion recognition ------------------------------------------
    yield DatasetEntry(
        name="GER_CKPlus",
        source_key="ckplus",
        task=Task.FER,
        modality=Modality.IMAGE,
        labels=_CK_LABELS,
        original_labels=_codes(
            [("1", "angry"), ("2", "contempt"), ("3", "disgusted"), ("4", "fearful"), ("5", "happy"),
             ("6", "sad"), ("7", "surprised")]
        ),
        excluded_original_labels=("0",),
        paper_candidates=("anger", "contempt", "disgust", "fear", "happy", "sadness", "surprise"),
        test_size=981,
        release_test_size=981,
        class_counts=_counts(_CK_LABELS, (135, 54, 177, 75, 207, 84, 249)),
        split_definition="The last 3 frames (by file name) of each of the 327 emotion-labelled sequences.",
        paper_run=PaperRun("ckplus", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=_ref(3, "CK+", {"acc": 69.72}, {"acc": ("IPD-FER", 98.65)}),
    )
    yield DatasetEntry(
        name="GER_SFEW2",
        source_key="sfew2",
        task=Task.FER,
        modality=Modality.IMAGE,
        labels=_SFEW_LABELS,
        original_labels=_codes(zip(("Angry", "Disgust", "Fear", "Happy", "Neutral", "Sad", "Surprise"), _SFEW_LABELS)),
        paper_candidates=("Angry", "Disgust", "Fear", "Happy", "Neutral", "Sad", "Surprise"),
        test_size=436,
        release_test_size=435,
        class_counts=_counts(_SFEW_LABELS, (77, 23, 47, 72, 86, 73, 57)),
        split_definition="The official Val set (436 files; one file name occurs in two emotion folders, "
        "and the paper's list kept one copy of it, so it has 435).",
        original_test_size=436,
        paper_run=PaperRun("sfew2", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=_ref(3, "SFEW 2.0", {"acc": 57.24}, {"acc": ("IPD-FER", 58.43)}),
    )
    yield DatasetEntry(
        name="GER_FERPlus",
        source_key="ferplus",
        task=Task.FER,
        modality=Modality.IMAGE,
        labels=_FERPLUS_LABELS,
        original_labels=_codes(
            zip(("neutral", "happiness", "surprise", "sadness", "anger", "disgust", "fear", "contempt"), _FERPLUS_LABELS)
        ),
        excluded_original_labels=("unknown", "NF"),
        paper_candidates=("neutral", "happiness", "surprise", "sadness", "anger", "disgust", "fear", "contempt"),
        test_size=3589,
        release_test_size=3573,
        class_counts=_counts(_FERPLUS_LABELS, (1278, 929, 446, 448, 326, 23, 94, 29)),
        split_definition="FER2013 PrivateTest rows with an FER+ image name; label = plurality of the 8 emotion votes "
        "(ties to the earlier column; unknown/NF ignored); the duplicated fer0033120.png keeps its first row.",
        paper_run=PaperRun("ferplus", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=_ref(3, "FERPlus", {"acc": 64.25}, {"acc": ("IPD-FER", 88.42)}),
    )
    raf_common = dict(
        source_key="rafdb",
        task=Task.FER,
        modality=Modality.IMAGE,
        labels=_RAF_LABELS,
        original_labels=_codes((str(i + 1), lab) for i, lab in enumerate(_RAF_LABELS)),
        paper_candidates=("Surprise", "Fear", "Disgust", "Happiness", "Sadness", "Anger", "Neutral"),
        test_size=3068,
        release_test_size=3068,
        class_counts=_counts(_RAF_LABELS, (329, 74, 160, 1185, 478, 162, 680)),
        split_definition="All test_*.jpg lines of basic/EmoLabel/list_patition_label.txt (original, not aligned, images).",
    )
    yield DatasetEntry(
        name="GER_RAFDB",
        paper_run=PaperRun("rafdb", "label-gpt4v-rgb.csv", PaperProtocol.TOP1_EXACT),
        paper=_ref(3, "RAF-DB", {"acc": 75.81}, {"acc": ("IPD-FER", 88.89)}),
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
        original_labels=_codes((str(i), lab) for i, lab in enumerate(_AFFECTNET_LABELS)),
        excluded_original_labels=("8", "9", "10"),
        paper_candidates=("Surprise", "Contempt", "Happiness", "Anger", "Neutral", "Sadness", "Fear", "Disgust"),
        test_size=4000,
        release_test_size=4000,
        class_counts=_counts(_AFFECTNET_LABELS, (500,) * 8),
        split_definition="The official validation set (Manually_Annotated_file_lists/validation.csv), codes 0-7.",
        paper_run=PaperRun("affectnet", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=_ref(3, "AffectNet", {"acc": 42.77}, {"acc": ("IPD-FER", 62.23)}),
    )

    # ---- Table 4: visual sentiment analysis --------------------------------------------
    twitter_codes = _codes([("0", "negative"), ("1", "positive"), ("negative", "negative"), ("positive", "positive")])
    for suffix, config, word, size, counts, label_file, pred_file, paper_value, best in (
        ("5", "five_agree", "all five", 882, (301, 581), "label_five_agree.csv", "label-five-gpt4v.csv", 97.81, 88.65),
        ("4", "four_agree", "at least four", 1116, (427, 689), "label_at_least_four_agree.csv", "label-four-gpt4v.csv", 94.63, 85.1),
        ("3", "three_agree", "at least three", 1269, (500, 769), "label_at_least_three_agree.csv", "label-three-gpt4v.csv", 90.71, 81.06),
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
            class_counts=_counts(_POLARITY_LABELS, counts),
            split_definition=f"All images on which {word} of the 5 AMT workers agree (ground_truth/twitter_*_agrees.txt).",
            paper_run=PaperRun("twitter1", pred_file, PaperProtocol.TOP1_EXACT, label_file=label_file),
            paper=_ref(4, f"Twitter I_{suffix}", {"acc": paper_value}, {"acc": ("AR (Concat)", best)}),
        )
    yield DatasetEntry(
        name="GER_TwitterII",
        source_key="twitter2",
        task=Task.VSA,
        modality=Modality.IMAGE,
        labels=_POLARITY_LABELS,
        original_labels=_codes([("negative", "negative"), ("positive", "positive")]),
        paper_candidates=_TWITTER_CANDIDATES,
        test_size=603,
        release_test_size=603,
        class_counts=_counts(_POLARITY_LABELS, (133, 470)),
        split_definition="Every image of groundTruthLabel.txt present in partition1-5 (603 of 810 listed).",
        paper_run=PaperRun("twitter2", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=_ref(4, "Twitter II", {"acc": 87.95}, {"acc": ("AR (Concat)", 80.48)}),
    )
    yield DatasetEntry(
        name="GER_Abstract",
        source_key="abstract",
        task=Task.VSA,
        modality=Modality.IMAGE,
        labels=_MIKELS_LABELS,
        original_labels=_codes(
            zip(("Amusement", "Anger", "Awe", "Content", "Disgust", "Excitement", "Fear", "Sad"), _MIKELS_LABELS)
        ),
        paper_candidates=("Amusement", "Anger", "Awe", "Content", "Disgust", "Excitement", "Fear", "Sad"),
        test_size=228,
        release_test_size=229,
        class_counts=_counts(_MIKELS_LABELS, (25, 3, 15, 64, 18, 36, 36, 32)),
        split_definition="Paintings of ABSTRACT_groundTruth.csv with a unique most-voted emotion (ties dropped).",
        scoring=Scoring.EMOTION_WITH_POLARITY,
        paper_run=PaperRun("abstract", "label-gpt4v.csv", PaperProtocol.TOP1_POLARITY),
        paper=_ref(4, "Abstract", {"acc": 71.81}, {"acc": ("AR (Concat)", 76.03)}),
    )
    yield DatasetEntry(
        name="GER_ArtPhoto",
        source_key="artphoto",
        task=Task.VSA,
        modality=Modality.IMAGE,
        labels=_MIKELS_LABELS,
        original_labels=_codes(
            zip(("amusement", "anger", "awe", "contentment", "disgust", "excitement", "fear", "sad"), _MIKELS_LABELS)
        ),
        paper_candidates=("disgust", "awe", "sad", "fear", "anger", "excitement", "contentment", "amusement"),
        test_size=806,
        release_test_size=806,
        class_counts=_counts(_MIKELS_LABELS, (101, 77, 102, 70, 70, 105, 115, 166)),
        split_definition="All 806 images of testImages_artphoto; the label is the file-name prefix.",
        scoring=Scoring.EMOTION_WITH_POLARITY,
        paper_run=PaperRun("artphoto", "label-gpt4v.csv", PaperProtocol.TOP1_POLARITY),
        paper=_ref(4, "ArtPhoto", {"acc": 80.4}, {"acc": ("AR (Concat)", 74.8)}),
    )

    # ---- Table 5: micro-expression recognition (apex frame) ---------------------------
    yield DatasetEntry(
        name="GER_CASME",
        source_key="casme",
        task=Task.MICRO,
        modality=Modality.IMAGE,
        labels=_CASME_LABELS,
        original_labels=_codes(
            [("tense", "tense"), ("tenseness", "tense"), ("disgust", "disgusted"), ("repression", "repressed"),
             ("surprise", "surprised")]
        ),
        excluded_original_labels=("happiness", "sadness", "fear", "contempt", "comtempt"),
        paper_candidates=("tense", "disgust", "repression", "surprise"),
        test_size=195,
        release_test_size=178,
        class_counts=_counts(_CASME_LABELS, (71, 46, 40, 21)),
        split_definition="Apex frames of the coding sheet's samples in the 4 classes tense, disgust, repression, surprise.",
        paper_run=PaperRun("casme1", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=_ref(5, "CASME", {"acc": 36.93}, {"acc": ("TSCNN", 73.88)}),
    )
    yield DatasetEntry(
        name="GER_CASME2",
        source_key="casme2",
        task=Task.MICRO,
        modality=Modality.IMAGE,
        labels=_CASME2_LABELS,
        original_labels=_codes(
            [("happiness", "happy"), ("surprise", "surprised"), ("disgust", "disgusted"), ("repression", "repressed"),
             ("others", "others")]
        ),
        excluded_original_labels=("fear", "sadness"),
        paper_candidates=("happiness", "surprise", "disgust", "repression", "others"),
        test_size=247,
        release_test_size=239,
        class_counts=_counts(_CASME2_LABELS, (31, 24, 61, 27, 96)),
        split_definition="Apex frames (CASME2_RAW_selected) of the coding sheet's samples in the standard 5 classes.",
        paper_run=PaperRun("casme2", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=_ref(5, "CASME II", {"acc": 14.64}, {"acc": ("TSCNN", 80.97)}),
    )
    yield DatasetEntry(
        name="GER_SAMM",
        source_key="samm",
        task=Task.MICRO,
        modality=Modality.IMAGE,
        labels=_SAMM_LABELS,
        original_labels=_codes(
            [("Anger", "angry"), ("Contempt", "contempt"), ("Happiness", "happy"), ("Surprise", "surprised"),
             ("Other", "others"), ("Others", "others")]
        ),
        excluded_original_labels=("Disgust", "Fear", "Sadness"),
        paper_candidates=("Anger", "Contempt", "Happiness", "Surprise", "Other"),
        test_size=159,
        release_test_size=135,
        class_counts=_counts(_SAMM_LABELS, (57, 11, 26, 15, 26)),
        split_definition="Apex frames of the FACS-coded samples in the 5 classes with at least 10 samples.",
        paper_run=PaperRun("samm", "label-gpt4v.csv", PaperProtocol.TOP1_EXACT),
        paper=_ref(5, "SAMM", {"acc": 17.04}, {"acc": ("TSCNN", 71.76)}),
    )

    # ---- Table 6: dynamic facial emotion recognition ----------------------------------
    dfew_fold_sizes = {1: 2341, 2: 2341, 3: 2340, 4: 2339, 5: 2336}
    for fold, size in dfew_fold_sizes.items():
        yield DatasetEntry(
            name="GER_DFEW" if fold == 1 else f"GER_DFEW_Fold{fold}",
            source_key="dfew",
            hub_config=f"fold{fold}",
            task=Task.DFER,
            modality=Modality.VIDEO,
            labels=_DFEW_LABELS,
            original_labels=_codes((str(i + 1), lab) for i, lab in enumerate(_DFEW_LABELS)),
            paper_candidates=("Sad", "Neutral", "Angry", "Fear", "Surprise", "Happy", "Disgust"),
            test_size=size,
            release_test_size=size,
            class_counts=(
                _counts(_DFEW_LABELS, (489, 379, 534, 435, 294, 29, 181)) if fold == 1 else MappingProxyType({})
            ),
            split_definition=f"Official single-labelled fold {fold}: EmoLabel_DataSplit/test(single_labeled)/set_{fold}.csv.",
            default_frames=2,
            notes=("The paper's DFEW numbers come from its 2-frame run (a 3-frame run scored higher but is "
                   "not in the paper), so 2 frames is the default; GER_DFEW_3frame etc. vary it.",),
            paper_run=PaperRun("dfew", "label-gpt4v.csv", PaperProtocol.TOP1_IN_SET) if fold == 1 else None,
            paper=(
                _ref(6, "DFEW", {"WAR": 43.8, "UAR": 36.96}, {"WAR": ("DPCNet", 65.78), "UAR": ("DPCNet", 55.39)})
                if fold == 1
                else None
            ),
        )
    yield DatasetEntry(
        name="GER_FERV39k",
        source_key="ferv39k",
        task=Task.DFER,
        modality=Modality.VIDEO,
        labels=_FERV_LABELS,
        original_labels=_codes(zip(("Angry", "Disgust", "Fear", "Happy", "Neutral", "Sad", "Surprise"), _FERV_LABELS)),
        paper_candidates=("Angry", "Disgust", "Fear", "Happy", "Neutral", "Sad", "Surprise"),
        test_size=7847,
        release_test_size=7847,
        class_counts=_counts(_FERV_LABELS, (1487, 467, 431, 1473, 1958, 1393, 638)),
        split_definition="4_setups/All_scenes/test_All.csv; frames from 3_ClipsforScenImages (full scene frames).",
        default_frames=2,
        notes=("The paper's FERV39k numbers come from its 2-frame run, so 2 frames is the default.",),
        paper_run=PaperRun("ferv39k", "label-gpt4v.csv", PaperProtocol.TOP1_IN_SET),
        paper=_ref(6, "FERV39k", {"WAR": 34.29, "UAR": 24.92}, {"WAR": ("MAE-DFER", 52.07), "UAR": ("MAE-DFER", 43.12)}),
    )
    yield DatasetEntry(
        name="GER_RAVDESS",
        source_key="ravdess",
        task=Task.DFER,
        modality=Modality.VIDEO,
        labels=_RAVDESS_LABELS,
        original_labels=_codes((f"{i + 1:02d}", lab) for i, lab in enumerate(_RAVDESS_LABELS)),
        paper_candidates=("surprised", "neutral", "disgust", "sad", "happy", "calm", "fearful", "angry"),
        test_size=1440,
        release_test_size=1440,
        class_counts=_counts(_RAVDESS_LABELS, (96,) + (192,) * 7),
        split_definition="All 1,440 video-only speech clips (02-01-*.mp4) of the 24 actors.",
        default_frames=3,
        paper_run=PaperRun("ravdess", "label-gpt4v-3.csv", PaperProtocol.TOP1_IN_SET),
        paper=_ref(6, "RAVDESS", {"WAR": 34.31, "UAR": 36.98}, {"WAR": ("CFN-SR", 75.76), "UAR": ("MAE-DFER", 75.91)}),
    )
    yield DatasetEntry(
        name="GER_eNTERFACE05",
        source_key="enterface05",
        task=Task.DFER,
        modality=Modality.VIDEO,
        labels=_ENTERFACE_LABELS,
        original_labels=_codes(
            [("an", "angry"), ("di", "disgusted"), ("fe", "fearful"), ("ha", "happy"), ("sa", "sad"), ("su", "surprised"),
             ("anger", "angry"), ("disgust", "disgusted"), ("fear", "fearful"), ("happiness", "happy"),
             ("sadness", "sad"), ("surprise", "surprised")]
        ),
        paper_candidates=("happiness", "anger", "disgust", "fear", "surprise", "sadness"),
        test_size=1287,
        release_test_size=1287,
        class_counts=_counts(_ENTERFACE_LABELS, (215, 215, 215, 212, 215, 215)),
        split_definition="All usable clips of subjects 1-44 except subject 6 (43 subjects x 30 - 3).",
        default_frames=3,
        paper_run=PaperRun("enterface", "label-gpt4v-3.csv", PaperProtocol.TOP1_IN_SET),
        paper=_ref(6, "eNTERFACE05", {"WAR": 33.28, "UAR": 33.11}, {"WAR": ("MAE-DFER", 61.64), "UAR": ("MAE-DFER", 61.67)}),
    )

    # ---- Table 7: multimodal emotion recognition --------------------------------------
    mer_common = dict(
        source_key="mer2023",
        task=Task.MER,
        labels=_MER_LABELS,
        original_labels=_codes(
            zip(("neutral", "angry", "happy", "sad", "worried", "surprise"), _MER_LABELS)
        ),
        paper_candidates=("worried", "happy", "neutral", "angry", "surprised", "sad"),
        test_size=411,
        release_test_size=411,
        class_counts=_counts(_MER_LABELS, (88, 105, 93, 50, 57, 18)),
        split_definition="test1 (MER-MULTI) of the MER2023 release; Chinese transcripts.",
    )
    sentiment_common = dict(
        task=Task.MER,
        labels=INTENSITY_LABELS,
        original_labels=_codes((lab, lab) for lab in INTENSITY_LABELS),
        paper_candidates=INTENSITY_LABELS,
        scoring=Scoring.SENTIMENT_INTENSITY,
    )
    for suffix, modality, run in (("", Modality.VIDEO_TEXT, "multi"), ("_Text", Modality.TEXT, "text"),
                                  ("_Video", Modality.VIDEO, "video")):
        frames = 3 if modality.has_frames else 0
        yield DatasetEntry(
            name=f"GER_MER2023{suffix}",
            modality=modality,
            default_frames=frames,
            paper_run=PaperRun("mer2023", f"label-gpt4v-{run}.csv", PaperProtocol.TOP1_EXACT),
            paper=_ref(7, "MER2023", {"acc": 63.5}, {"acc": ("MulT", 82.94)}) if run == "multi" else None,
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
            class_counts=_counts(INTENSITY_LABELS, (151, 97, 69, 69, 71)),
            paper_run=PaperRun("sims", f"label-gpt4v-{run}.csv", PaperProtocol.SENTIMENT_BINARY),
            paper=_ref(7, "CH-SIMS", {"WF1": 81.24}, {"WF1": ("MulT", 91.07)}) if run == "multi" else None,
            **sentiment_common,
        )
        yield DatasetEntry(
            name=f"GER_CMUMOSI{suffix}",
            source_key="cmumosi",
            modality=modality,
            default_frames=frames,
            test_size=686,
            release_test_size=686,
            split_definition="The CMU-MultimodalSDK standard test fold (31 videos, 686 segments); gold in [-3, 3].",
            # round(clip(score, -2, 2)), halves to even as in MMSA: -2..2
            class_counts=_counts(INTENSITY_LABELS, (202, 145, 106, 113, 120)),
            paper_run=PaperRun("cmumosi", f"label-gpt4v-{run}.csv", PaperProtocol.SENTIMENT_BINARY),
            paper=_ref(7, "CMU-MOSI", {"WF1": 80.43}, {"WF1": ("MulT", 81.41)}) if run == "multi" else None,
            **sentiment_common,
        )


DATASETS: Mapping[str, DatasetEntry] = MappingProxyType({e.name: e for e in _entries()})

#: Names of every group accepted by ``ger run`` -> member dataset names.
TASK_GROUPS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        **{
            group: tuple(
                e.name for e in DATASETS.values() if e.task is task and e.paper is not None
            )
            for task, group in TASK_GROUP_NAMES.items()
        },
        "GER_ALL": tuple(e.name for e in DATASETS.values() if e.paper is not None),
    }
)


class UnknownDatasetError(KeyError):
    """A GER name that is not in the catalog; the message lists close matches."""

    def __str__(self) -> str:  # KeyError quotes its argument; show the plain sentence
        return str(self.args[0])


def get(name: str) -> DatasetEntry:
    """Look up a GER dataset by name (case-insensitive); the error names close matches."""
    if name in DATASETS:
        return DATASETS[name]
    folded = {key.lower(): key for key in DATASETS}
    if name.lower() in folded:
        return DATASETS[folded[name.lower()]]
    import difflib

    close = difflib.get_close_matches(name, list(DATASETS), n=3, cutoff=0.5)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise UnknownDatasetError(f"unknown GER dataset {name!r}.{hint} Run `ger list` for all names.")


def expand(names: Iterable[str]) -> list[str]:
    """Expand task groups (``GER_FER``, ``GER_ALL``...) and validate names; keeps order, no repeats."""
    out: list[str] = []
    for name in names:
        members = TASK_GROUPS.get(name) or (get(name).name,)
        out.extend(m for m in members if m not in out)
    return out


def by_source(source_key: str) -> list[DatasetEntry]:
    """All variants built from one original release."""
    return [e for e in DATASETS.values() if e.source_key == source_key]


def paper_entries() -> list[DatasetEntry]:
    """Entries with a published GPT-4V number (the rows of Tables 3-7), in table order."""
    return sorted((e for e in DATASETS.values() if e.paper is not None), key=lambda e: e.paper.table)


def release_name(source_key: str) -> str:
    """The GER name of a whole release, without variant suffixes (``twitter1`` -> ``GER_TwitterI``).

    Dataset cards are ``dataset_cards/<release_name>.md``; one card per release covers its variants.
    """
    entries = by_source(source_key)
    if not entries:
        raise KeyError(f"unknown source {source_key!r}")
    return "_".join(entries[0].name.split("_")[:2])


@dataclass(frozen=True)
class HostVariant:
    """A name as the host runs it: a catalog entry plus the host-side frame/batch suffixes."""

    name: str
    entry: DatasetEntry
    frames: int  # frames per video sent to the model (0 for non-video inputs)
    batch: bool  # the paper-faithful batch mode (several samples per request)


_HOST_SUFFIX = re.compile(r"^(?P<base>GER_.+?)(?:_(?P<frames>\d+)frame)?(?P<batch>_Batch)?$", re.IGNORECASE)


def parse_host_name(name: str) -> HostVariant:
    """Split ``GER_DFEW_8frame`` / ``GER_RAFDB_Batch`` into the entry and its host variant.

    Frame suffixes apply only to inputs with frames; an unknown base raises like :func:`get`.
    """
    match = _HOST_SUFFIX.match(name)
    if match is None:
        get(name)  # not a GER name at all: raises with suggestions
    entry = get(match["base"])
    frames = int(match["frames"]) if match["frames"] else entry.default_frames
    if match["frames"] and not entry.modality.has_frames:
        raise UnknownDatasetError(f"{name!r}: {entry.name} has no video, so it takes no _<N>frame suffix")
    if entry.modality.has_frames and not 1 <= frames <= 16:
        raise UnknownDatasetError(f"{name!r}: frames must be between 1 and 16 (16 are stored per clip)")
    return HostVariant(name=name, entry=entry, frames=frames, batch=bool(match["batch"]))
