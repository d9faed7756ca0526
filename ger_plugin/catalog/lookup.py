"""Every entry by name, task groups, and name lookup with suggestions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ger_plugin.catalog import dfer, fer, mer, micro, vsa
from ger_plugin.catalog.model import TASK_GROUP_NAMES, DatasetEntry, Modality
from ger_plugin.errors import UnknownNameError

DATASETS: Mapping[str, DatasetEntry] = MappingProxyType(
    {e.name: e for m in (fer, vsa, micro, dfer, mer) for e in m.entries()}
)

#: Names of every group accepted by ``ger run`` -> member dataset names.
TASK_GROUPS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        **{
            group: tuple(e.name for e in DATASETS.values() if e.task is task and e.paper is not None)
            for task, group in TASK_GROUP_NAMES.items()
        },
        "GER_ALL": tuple(e.name for e in DATASETS.values() if e.paper is not None),
    }
)


class UnknownDatasetError(UnknownNameError):
    """A GER name that is not in the catalog; the message lists close matches."""


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


def expand(names: Iterable[str], *, host_variants: bool = False) -> list[str]:
    """Expand task groups (``GER_FER``, ``GER_ALL``...) and validate names; keeps order, no repeats.

    With ``host_variants``, names with host suffixes (``GER_DFEW_8frame``) are validated and kept
    as written; otherwise every name must be a catalog entry.
    """
    out: list[str] = []
    for name in names:
        members = TASK_GROUPS.get(name) or ((parse_host_name(name).name,) if host_variants else (get(name).name,))
        out.extend(m for m in members if m not in out)
    return out


def by_source(source_key: str) -> list[DatasetEntry]:
    """All variants built from one original release."""
    return [e for e in DATASETS.values() if e.source_key == source_key]


def paper_entries() -> list[DatasetEntry]:
    """Entries with a published GPT-4V number (the rows of Tables 3-7), in table order."""
    return sorted((e for e in DATASETS.values() if e.paper is not None), key=lambda e: e.paper.table if e.paper else 0)


def release_name(source_key: str) -> str:
    """The GER name of a whole release, without variant suffixes (``twitter1`` -> ``GER_TwitterI``).

    Dataset cards are ``dataset_cards/<release_name>.md``; one card per release covers its variants.
    """
    entries = by_source(source_key)
    if not entries:
        raise KeyError(f"unknown source {source_key!r}")
    return "_".join(entries[0].name.split("_")[:2])


#: Image corruptions for robustness runs, ``GER_<Name>_<Kind><severity>`` (e.g. ``GER_RAFDB_Blur3``):
#: image datasets only; the parameters and the torchvision transforms are ``ger_plugin.data.corruptions``.
CORRUPTIONS: tuple[str, ...] = ("Blur", "Noise", "JPEG", "LowRes")
CORRUPTION_SEVERITIES: tuple[int, ...] = (1, 2, 3)
#: Prompt variants for sensitivity runs, ``GER_<Name>_P1`` / ``_P2`` (per-sample prompts only);
#: the wording is ``ger_plugin.core.prompts``'s.
PROMPT_VARIANTS: Mapping[str, str] = MappingProxyType(
    {
        "P1": "paraphrased instruction",
        "P2": "shuffled label order (seeded)",
    }
)


@dataclass(frozen=True)
class HostVariant:
    """A name as the host runs it: a catalog entry plus the host-side suffixes.

    Suffix order: ``GER_<Name>[_<Kind><severity>][_<N>frame][_P<k>][_Batch]``.
    """

    name: str
    entry: DatasetEntry
    frames: int  # frames per video sent to the model (0 for non-video inputs)
    batch: bool  # the paper-faithful batch mode (several samples per request)
    corruption: str = ""  # e.g. "Blur3" ("" = the clean images)
    prompt_variant: str = ""  # "P1" / "P2" ("" = the standard prompt)

    @property
    def robustness(self) -> str:
        """The robustness suffixes joined (``"Blur3"``, ``"P2"``, ``"Blur3_P2"``; ``""`` = clean, standard prompt)."""
        return "_".join(p for p in (self.corruption, self.prompt_variant) if p)


_HOST_SUFFIX = re.compile(
    r"^(?P<base>GER_.+?)"
    rf"(?:_(?P<corruption>{'|'.join(CORRUPTIONS)})(?P<severity>\d+))?"
    r"(?:_(?P<frames>\d+)frame)?"
    r"(?:_(?P<prompt>P\d+))?"
    r"(?P<batch>_Batch)?$",
    re.IGNORECASE,
)


def parse_host_name(name: str) -> HostVariant:
    """Split ``GER_DFEW_8frame`` / ``GER_RAFDB_Batch`` / ``GER_RAFDB_Blur3`` / ``GER_RAFDB_P2`` into
    the entry and its host variant.

    Frame suffixes apply only to inputs with frames, corruptions only to image datasets, prompt
    variants only to per-sample prompts; an unknown base raises like :func:`get`.
    """
    match = _HOST_SUFFIX.match(name)
    if match is None:
        get(name)  # not a GER name at all: raises with suggestions
        raise UnknownDatasetError(f"unknown GER dataset {name!r}")  # pragma: no cover  (get raised)
    entry = get(match["base"])
    frames = int(match["frames"]) if match["frames"] else entry.default_frames
    if match["frames"] and not entry.modality.has_frames:
        raise UnknownDatasetError(f"{name!r}: {entry.name} has no video, so it takes no _<N>frame suffix")
    if entry.modality.has_frames and not 1 <= frames <= 16:
        raise UnknownDatasetError(f"{name!r}: frames must be between 1 and 16 (16 are stored per clip)")
    corruption = ""
    if match["corruption"]:
        kind = next(k for k in CORRUPTIONS if k.lower() == match["corruption"].lower())
        severity = int(match["severity"])
        if entry.modality is not Modality.IMAGE:
            raise UnknownDatasetError(f"{name!r}: corruptions apply to image datasets only, not {entry.name}")
        if severity not in CORRUPTION_SEVERITIES:
            raise UnknownDatasetError(f"{name!r}: corruption severity must be one of {list(CORRUPTION_SEVERITIES)}")
        corruption = f"{kind}{severity}"
    prompt = ""
    if match["prompt"]:
        prompt = match["prompt"].upper()
        if prompt not in PROMPT_VARIANTS:
            raise UnknownDatasetError(f"{name!r}: unknown prompt variant {prompt}; known: {', '.join(PROMPT_VARIANTS)}")
        if match["batch"]:
            raise UnknownDatasetError(f"{name!r}: prompt variants apply to per-sample prompts, not to _Batch")
    return HostVariant(
        name=name, entry=entry, frames=frames, batch=bool(match["batch"]), corruption=corruption, prompt_variant=prompt
    )
