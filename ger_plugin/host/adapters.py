"""Host adapter classes, one per modality, generic over the catalog (no class per dataset).

- :class:`GERImageDataset`: facial emotion, visual sentiment, micro-expressions (apex frame).
- :class:`GERTextDataset`: transcript-only variants (``GER_<Name>_Text``).
- :class:`GERAudioDataset`: sound-only variants (``GER_<Name>_Audio``): one ``audio`` message (a
  16 kHz WAV file) per sample, for the host's audio and omni models.
- :class:`GERVideoDataset`: video and video+text; frames are picked from the 16 stored per clip,
  uniformly and in order; ``GER_<Name>_<N>frame`` variants live in ``supported_video_datasets``.
  A video model (the host calls ``build_prompt(line, video_llm=True)``: ``--video-llm`` with
  ``--base-url``, or a local model whose ``VIDEO_LLM`` is set) gets the original clip instead,
  written once from the stored bytes; the host's ``nframe``/``fps`` travel with it. ``_AV``/``_AVT``
  clips keep their own sound (omni models read it with ``use_audio_in_video``); image models get
  the frames plus the sound track as an ``audio`` message.

Batch mode (``GER_<Name>_Batch``, the paper's way): one host row = one request of up to
:attr:`Modality.paper_batch_size` samples, so the host's loop, retries and resume work unchanged; ``evaluate``
splits each answer back into per-sample answers, so scores and files are per sample again.
A failed request marks all its samples failed; a rerun re-asks just that request.

Classes live at module top level so ``--api-mode`` can pickle them.
"""

from __future__ import annotations

import json
import os.path as osp
import threading
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
from vlmeval.dataset.image_base import ImageBaseDataset
from vlmeval.dataset.video_base import VideoBaseDataset
from vlmeval.smp import LMUDataRoot, load

from ger_plugin import catalog
from ger_plugin.catalog import DatasetEntry, Modality
from ger_plugin.core import prompts
from ger_plugin.data.features import STORED_FRAMES
from ger_plugin.host import evaluation, media

TYPE = "GER"  # no host judge or prompt rule keys on it (run.py get_judge_kwargs, use_custom_prompt)
BATCH_SUFFIX = "_Batch"
#: Samples per request in batch mode, as the paper sent them.
#: Frame-count variants registered as ``GER_<Name>_<N>frame[_Batch]``: every count of stored frames.
FRAME_VARIANTS = tuple(range(1, STORED_FRAMES + 1))


def resolve(name: str) -> tuple[DatasetEntry, bool]:
    """``GER_X`` or ``GER_X_Batch`` -> (catalog entry, batch?); names parse as in ``ger run``."""
    variant = catalog.parse_host_name(name)
    return variant.entry, variant.batch


def robustness_names(entry: DatasetEntry) -> list[str]:
    """The robustness variants registered for ``entry``: ``_P1``/``_P2`` for every dataset,
    ``_<Kind><severity>[_P1|_P2]`` corruptions for image datasets (derived names, parsed by the catalog;
    frame counts with a prompt variant are in :func:`video_variants`)."""
    prompts_ = [""] + [f"_{p}" for p in catalog.PROMPT_VARIANTS]
    names = [f"{entry.name}{p}" for p in prompts_[1:]]
    if entry.modality is Modality.IMAGE:
        names += [
            f"{entry.name}_{k}{s}{p}"
            for k in catalog.CORRUPTIONS
            for s in catalog.CORRUPTION_SEVERITIES
            for p in prompts_
        ]
    return names


def _names(modalities: Iterable[Modality]) -> list[str]:
    entries = [e for e in catalog.DATASETS.values() if e.modality in set(modalities)]
    return (
        [e.name for e in entries]
        + [e.name + BATCH_SUFFIX for e in entries]
        + [n for e in entries for n in robustness_names(e)]
    )


class _GERData:
    """What every adapter shares: samples from ``hub``, media root, evaluate."""

    TYPE = TYPE
    force_use_dataset_prompt = True
    dataset_name: str  # the host's base class (or GERVideoDataset.__init__) sets these two
    data: pd.DataFrame

    @property
    def entry(self) -> DatasetEntry:
        # looked up, not stored: entries hold mappingproxies, and --api-mode pickles the dataset
        return catalog.get(self._entry_name)

    def _load_samples(self, name: str) -> None:
        variant = catalog.parse_host_name(name)
        self.batch = variant.batch
        self._entry_name = variant.entry.name
        self.corruption, self.prompt_variant = variant.corruption, variant.prompt_variant
        folder = self.entry.name + (f"_{self.corruption}" if self.corruption else "")  # corrupted media apart
        self.media_root = osp.join(LMUDataRoot(), "images", folder)
        self.samples = media.materialize(self.entry, self.media_root, corruption=self.corruption)
        self.by_id = {s["id"]: s for s in self.samples}

    def _groups(self) -> list[list[dict[str, Any]]]:
        size = self.entry.modality.paper_batch_size if self.batch else 1
        return [self.samples[i : i + size] for i in range(0, len(self.samples), size)]

    def _frames(self) -> int:
        return 0

    def _question(self, group: list[dict[str, Any]], clip: bool = False) -> str:
        if self.batch:
            items = [{"name": s["id"], "frames": self._frames(), "text": s["text"], "clip": clip} for s in group]
            return prompts.render_prompt(self.entry, batch=items)
        return prompts.render_prompt(
            self.entry,
            sample={"frames": self._frames(), "text": group[0]["text"], "clip": clip},
            variant=self.prompt_variant,
        )

    def _rows(self) -> pd.DataFrame:
        rows = []
        for k, group in enumerate(self._groups()):
            rows.append(
                {
                    "index": k,
                    "id": group[0]["id"] if not self.batch else f"batch_{k:05d}",
                    "members": json.dumps([s["id"] for s in group]),
                    "question": self._question(group),
                    "answer": json.dumps([s["label"] for s in group]) if self.batch else str(group[0]["label"]),
                }
            )
        return pd.DataFrame(rows)

    def _media(self, sample: dict[str, Any]) -> list[str]:
        return list(sample["media"])

    def _inputs(self, sample: dict[str, Any]) -> list[dict[str, str]]:
        """One sample's media messages: its images or frames, then its sound track (if any)."""
        sound = [{"type": "audio", "value": sample["audio"]}] if sample.get("audio") else []
        return [{"type": "image", "value": p} for p in self._media(sample)] + sound

    def _message(self, row: Any) -> list[dict[str, str]]:
        members = json.loads(row["members"])
        images = [m for sid in members for m in self._inputs(self.by_id[sid])]
        text = [dict(type="text", value=str(row["question"]))]
        return text + images if self.batch else images + text  # batch: "the inputs follow"

    # -- evaluation ------------------------------------------------------------------
    def _run_keys(self) -> list[str]:
        """Run keys a result file of this dataset may end with, most specific first.

        Frame variants are registered as ``GER_<Name>_<N>frame[_P1|_P2|_Batch]`` (see :func:`video_variants`),
        so a video run's file may carry that name; every adapter's file may carry ``dataset_name``.
        """
        frames = self._frames()
        prompt = f"_{self.prompt_variant}" if self.prompt_variant else ""
        keys = [f"{self.entry.name}_{frames}frame{prompt}{BATCH_SUFFIX if self.batch else ''}"] if frames else []
        return keys + [self.dataset_name]

    def _run_name(self, eval_file: str) -> tuple[str, str]:
        """(model, run key) from the host's ``{work_dir}/{model}[/T<id>]/{model}_{key}.<fmt>``."""
        path = Path(eval_file)
        for folder in (path.parent.name, path.parent.parent.name):
            if folder and path.stem.startswith(folder + "_"):
                return folder, path.stem[len(folder) + 1 :]
        for key in self._run_keys():  # a renamed file: fall back to the names we know
            if path.stem.endswith("_" + key):
                return path.stem[: -len(key) - 1], key
        return path.stem, self.dataset_name

    def evaluate(self, eval_file: str, **judge_kwargs: Any) -> dict[str, float]:
        table = load(eval_file)
        if isinstance(table, list):  # PRED_FORMAT=json
            table = pd.DataFrame(table)
        answers = {str(i): str(p) for i, p in zip(table["index"], table["prediction"])}
        preds: list[evaluation.Prediction] = []
        for _, row in self.data.iterrows():
            members = json.loads(row["members"])
            raw = answers.get(str(row["index"]))
            failed = raw is not None and evaluation.is_failed(raw)
            parts = evaluation.split_batch(raw, members) if (self.batch and raw is not None and not failed) else {}
            for sid in members:
                text = raw if not self.batch or raw is None or failed else parts.get(sid, "")
                preds.append(evaluation.Prediction(sid, self.by_id[sid]["gold"], text, failed))
        model, run = self._run_name(eval_file)
        result = evaluation.evaluate_predictions(
            self.entry,
            preds,
            eval_file=eval_file,
            model=model,
            dataset=run,
            frames=self._frames(),
            batch=self.entry.modality.paper_batch_size if self.batch else 0,
            corruption=self.corruption,
            prompt_variant=self.prompt_variant,
        )
        return evaluation.host_summary(result)

    @classmethod
    def report_primary_metric(cls, metrics: dict[str, Any] | None) -> dict[str, float]:
        # evaluate() puts the catalog's primary metric first
        for key, value in (metrics or {}).items():
            if isinstance(value, (int, float)):
                return {str(key): float(value)}
        return {}


class GERImageDataset(_GERData, ImageBaseDataset):
    MODALITY = "IMAGE"
    _MODALITIES = (Modality.IMAGE,)

    def __init__(self, dataset: str = "GER_RAFDB", skip_noimg: bool = True) -> None:
        super().__init__(dataset=dataset, skip_noimg=skip_noimg)

    @classmethod
    def supported_datasets(cls) -> list[str]:
        return _names(cls._MODALITIES)

    def load_data(self, dataset: str) -> pd.DataFrame:
        self._load_samples(dataset)
        return self._rows()

    def build_prompt(self, line: Any) -> list[dict[str, str]]:
        if isinstance(line, int):
            line = self.data.iloc[line]
        return self._message(line)


class GERTextDataset(GERImageDataset):
    MODALITY = "TEXT"
    _MODALITIES = (Modality.TEXT,)

    def __init__(self, dataset: str = "GER_MER2023_Text", skip_noimg: bool = True) -> None:
        super().__init__(dataset=dataset, skip_noimg=skip_noimg)


class GERAudioDataset(GERImageDataset):
    """The clips' sound tracks alone (``GER_<Name>_Audio``): one ``audio`` message per sample."""

    MODALITY = "AUDIO"
    _MODALITIES = (Modality.AUDIO,)

    def __init__(self, dataset: str = "GER_RAVDESS_Audio", skip_noimg: bool = True) -> None:
        super().__init__(dataset=dataset, skip_noimg=skip_noimg)


class GERVideoDataset(_GERData, VideoBaseDataset):
    MODALITY = "VIDEO"
    _MODALITIES = (Modality.VIDEO, Modality.VIDEO_TEXT, Modality.AUDIO_VIDEO, Modality.AUDIO_VIDEO_TEXT)

    # **kwargs: the host passes all CLI flags unfiltered to video partials (run.py -> build_dataset),
    # among them video_llm (``--video-llm``): then the clips are written up front, not on first use
    def __init__(
        self,
        dataset: str = "GER_DFEW",
        pack: bool = False,
        nframe: int = 0,
        fps: float = -1,
        video_llm: bool = False,
        **kwargs: Any,
    ) -> None:
        # The base __init__ wants a TSV of videos to decode; our frames are already stored, so set
        # up the attributes the host's video loop reads (dataset_name, data, nframe, fps, pack, videos).
        self.dataset_name = dataset
        self._load_samples(dataset)
        # what the host asked for (a _<N>frame variant, or nframe/fps in a --config): sent with a clip
        self.fps = float(fps) if fps and fps > 0 else -1
        self.host_nframe = int(nframe) if nframe and nframe > 0 and self.fps <= 0 else 0
        # the host hands dataset.nframe/fps to local video models; stills use the paper's count
        self.nframe = self.host_nframe or (0 if self.fps > 0 else self.entry.default_frames)
        self.pack = False
        self.frame_root = self.data_root = self.media_root
        data = self._rows()
        data["video"] = data["id"]
        self.data = data
        self.videos = sorted(set(data["video"]))
        self.split_frame = True
        if video_llm:
            self._ensure_clips()

    @classmethod
    def supported_datasets(cls) -> list[str]:
        return _names(cls._MODALITIES)

    def prepare_dataset(self, dataset: str) -> dict[str, str]:
        return {"root": self.media_root, "data_file": ""}

    def _frames(self) -> int:
        return self.nframe or self.entry.default_frames

    def _media(self, sample: dict[str, Any]) -> list[str]:
        return media.pick_frames(sample["media"], self._frames())

    def _ensure_clips(self) -> None:
        """Write the original clips once (rows gain ``clip``); safe from several threads or ranks."""
        if all("clip" in s for s in self.samples):
            return
        with _CLIP_LOCK:
            if not all("clip" in s for s in self.samples):
                self.samples = media.materialize(self.entry, self.media_root, corruption=self.corruption, clips=True)
                self.by_id = {s["id"]: s for s in self.samples}

    def _clip_message(self, sample: dict[str, Any]) -> list[dict[str, Any]]:
        """The sample's original clip as one host video message, with the host's nframe/fps; a
        release that stores no clip (frame folders) falls back to its stored frames."""
        if not sample.get("clip"):
            _warn_no_clip(self.entry.name)
            return self._inputs(sample)
        extra: dict[str, Any] = (
            {"fps": self.fps} if self.fps > 0 else ({"nframes": self.host_nframe} if self.host_nframe else {})
        )
        return [{"type": "video", "value": sample["clip"], **extra}]

    def _video_message(self, row: Any) -> list[dict[str, Any]]:
        self._ensure_clips()
        members = [self.by_id[sid] for sid in json.loads(row["members"])]
        clips = [m for sample in members for m in self._clip_message(sample)]
        text = [{"type": "text", "value": self._question(members, clip=all(s.get("clip") for s in members))}]
        return text + clips if self.batch else clips + text

    def save_video_frames(self, video: str) -> list[str]:
        row = self.data[self.data["video"] == video].iloc[0]
        return [p for sid in json.loads(row["members"]) for p in self._media(self.by_id[sid])]

    def build_prompt(self, line: Any, video_llm: bool = False) -> list[dict[str, Any]]:
        # video models get the original clip; every other model the stored frames as images
        if isinstance(line, int):
            line = self.data.iloc[line]
        return self._video_message(line) if video_llm else self._message(line)


_CLIP_LOCK = threading.Lock()
_WARNED: set[str] = set()


def _warn_no_clip(name: str) -> None:
    if name not in _WARNED:
        _WARNED.add(name)
        warnings.warn(
            f"{name}: the release stores frames, not a clip; the video model gets the stored frames", stacklevel=3
        )


CLASSES = (GERImageDataset, GERTextDataset, GERAudioDataset, GERVideoDataset)


def video_variants() -> dict[str, Any]:
    """``GER_<Name>_<N>frame[_P1|_P2|_Batch]`` -> partial(GERVideoDataset, ...), for every video entry."""
    from functools import partial

    suffixes = ("", BATCH_SUFFIX) + tuple(f"_{p}" for p in catalog.PROMPT_VARIANTS)
    return {
        f"{entry.name}_{n}frame{suffix}": partial(GERVideoDataset, dataset=entry.name + suffix, nframe=n)
        for entry in catalog.DATASETS.values()
        if entry.modality in GERVideoDataset._MODALITIES
        for n in FRAME_VARIANTS
        for suffix in suffixes
    }
