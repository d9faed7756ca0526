"""Prompt templates per task family, versioned; one render function.

Two styles:

- **per-sample** (default): one input per request; the candidates are the catalog's canonical
  labels; the model answers ``Label: ...`` then ``Ranking: ...`` so ``parsing`` finds the top-1
  on the first line and the ranked list on the second.
- **batch** (paper-faithful, ``GER_<Name>_Batch``): N inputs per request, candidates are the
  paper's raw label names (``entry.paper_candidates``), and one ``{'name': ..., 'result': ...}``
  record per input with the top 5 ranked (shared/reference/paper-protocol.md, described there,
  worded here independently).

Bump :data:`PROMPT_VERSION` whenever a rendered prompt changes: results files record it, and
the snapshot tests in tests/core/test_prompts.py lock the text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ger_plugin.catalog import DatasetEntry, Modality, Task

PROMPT_VERSION = "1"

#: How many ranked labels the batch prompt asks for per input (the paper asked for the top 5).
BATCH_TOP_K = 5

# Who the model is asked to be, and what it looks at, per task family.
_PERSONA: Mapping[Task, str] = {
    Task.FER: "an expert in facial expression recognition",
    Task.VSA: "an expert in visual sentiment analysis",
    Task.MICRO: "an expert in micro-expression recognition",
    Task.DFER: "an expert in recognising facial expressions in videos",
    Task.MER: "an expert in multimodal emotion recognition",
}
# MER single-modality variants: the persona follows what the model actually receives.
_MODALITY_PERSONA: Mapping[Modality, str] = {
    Modality.TEXT: "an expert in recognising emotion from text",
    Modality.VIDEO: "an expert in recognising facial expressions in videos",
}
_QUESTION: Mapping[Task, str] = {
    Task.FER: "Which emotion does the facial expression of the person in the image show?",
    Task.VSA: "Which emotion does the image evoke in a typical viewer?",
    Task.MICRO: (
        "The image is the apex frame of a facial micro-expression. Which emotion does the micro-expression show?"
    ),
    Task.DFER: "Which emotion does the facial expression of the person in the video show?",
    Task.MER: "Which emotion does the person in the clip express?",
}
_FOCUS: Mapping[Task, str] = {
    Task.FER: "Ignore who the person is (identity, age, gender) and focus on the facial expression.",
    Task.VSA: "Ignore who or what is shown and focus on the feeling the image conveys.",
    Task.MICRO: "Ignore who the person is and focus on subtle facial muscle movements.",
    Task.DFER: "Ignore who the person is and focus on how the facial expression changes over time.",
    Task.MER: "Ignore who the person is and focus on the expressed emotion.",
}


# Inputs with sound (any task): the persona and question follow the voice as well as the face.
_AUDIO_PERSONA = "an expert in recognising emotion from speech"
_AUDIO_QUESTION = "Which emotion does the speaker express?"
_AUDIO_FOCUS = "Ignore who the speaker is and focus on the emotion in the voice."


def _persona(entry: DatasetEntry) -> str:
    if entry.modality is Modality.AUDIO:
        return _AUDIO_PERSONA
    if entry.modality.has_audio:
        return _PERSONA[Task.MER]
    if entry.task is Task.MER and entry.modality in _MODALITY_PERSONA:
        return _MODALITY_PERSONA[entry.modality]
    return _PERSONA[entry.task]


def _question(entry: DatasetEntry) -> str:
    if entry.modality is Modality.AUDIO:
        return _AUDIO_QUESTION
    if entry.modality.has_audio:
        return _QUESTION[Task.MER]
    if entry.task is Task.MER and entry.modality is Modality.TEXT:
        return "Which emotion does the speaker of the transcript express?"
    return _QUESTION[entry.task]


def _focus(entry: DatasetEntry) -> str:
    if entry.modality is Modality.TEXT:
        return "Focus on the emotion the words express."
    if entry.modality is Modality.AUDIO:
        return _AUDIO_FOCUS
    return _FOCUS[Task.MER if entry.modality.has_audio else entry.task]


def _media_sentence(entry: DatasetEntry, frames: int, text: str | None, clip: bool = False) -> str:
    """What the model receives for one input, in words (``clip``: the whole original video clip)."""
    parts = []
    if entry.modality.has_frames and clip:
        parts.append("one video clip" + (" with its sound track" if entry.modality.has_audio else ""))
    elif entry.modality.has_frames:
        parts.append(
            f"{frames} frame{'s' if frames != 1 else ''} sampled uniformly from one video clip, in temporal order"
        )
        if entry.modality.has_audio:
            parts.append("the clip's sound track")
    elif entry.modality.has_audio:
        parts.append("the sound track of one video clip")
    if entry.modality.has_text:
        parts.append(f'the transcript of what is said: "{(text or "").strip()}"')
    return "You are given " + "; and ".join(parts) + "." if parts else ""


def _candidates(labels: Sequence[str]) -> str:
    return ", ".join(labels)


#: Seed of the P2 variant's label order (combined with the dataset name): the same order every run.
SHUFFLE_SEED = 13


def candidate_order(entry: DatasetEntry, variant: str = "") -> tuple[str, ...]:
    """The candidate labels in the order the prompt lists them: the catalog's, or for ``P2`` a
    seeded shuffle per dataset that is never the catalog's own order."""
    labels = tuple(entry.labels)
    if variant != "P2" or len(labels) < 2:
        return labels
    import hashlib
    import random

    seed = int.from_bytes(hashlib.sha256(f"{SHUFFLE_SEED}:{entry.name}".encode()).digest()[:8], "big")
    order = list(labels)
    random.Random(seed).shuffle(order)
    if tuple(order) == labels:  # a shuffle that changed nothing tests nothing: rotate by one
        order = order[1:] + order[:1]
    return tuple(order)


def render_sample(entry: DatasetEntry, sample: Mapping[str, object] | None = None, variant: str = "") -> str:
    """The per-sample prompt. ``sample`` may carry ``frames`` (int), ``text`` (transcript) and
    ``clip`` (True: the model gets the original clip instead of frames).

    ``variant`` (catalog ``PROMPT_VARIANTS``): ``""`` the standard prompt, ``"P1"`` the same task in
    paraphrased instructions, ``"P2"`` the standard prompt with the candidates in a seeded
    shuffled order. Every variant keeps the ``Label:`` / ``Ranking:`` answer lines, so answers
    parse the same way and score differences come from the model.
    """
    if variant not in ("", "P1", "P2"):
        raise ValueError(f"unknown prompt variant {variant!r}")
    sample = sample or {}
    frames = int(str(sample.get("frames") or entry.default_frames or 0))
    text = sample.get("text")
    media = _media_sentence(entry, frames, text if isinstance(text, str) else None, bool(sample.get("clip")))
    focus = _focus(entry)
    candidates = _candidates(candidate_order(entry, variant))
    if variant == "P1":
        lines = (
            [f"Act as {_persona(entry)}."]
            + ([media] if media else [])
            + [
                _question(entry),
                focus,
                f"Choose among these emotions only: {candidates}.",
                "Reply with two lines and nothing else:",
                "Label: <the one emotion from the list you find most likely>",
                "Ranking: <every emotion from the list, most likely first, separated by commas>",
            ]
        )
        return "\n".join(lines)
    lines = (
        [f"You are {_persona(entry)}."]
        + ([media] if media else [])
        + [
            focus,
            _question(entry),
            f"Candidate labels: {candidates}.",
            "Answer in exactly two lines, using only the candidate labels:",
            "Label: <the single most likely label>",
            "Ranking: <all candidate labels, from most to least likely, separated by commas>",
        ]
    )
    return "\n".join(lines)


def render_batch(entry: DatasetEntry, batch: Sequence[Mapping[str, object]]) -> str:
    """The paper-style prompt for N inputs; each item has ``name`` and optionally ``frames``/``text``.

    Media for the inputs follow the text in the order of ``batch`` (the adapter sends them so).
    """
    if not batch:
        raise ValueError(f"{entry.name}: empty batch")
    n = len(batch)
    names = [str(item["name"]) for item in batch]
    lines = [f"You are {_persona(entry)}.", f"There are {n} inputs, each with a name: {', '.join(names)}."]
    sound = " with its sound track" if entry.modality.has_audio else ""
    if entry.modality.has_frames and batch[0].get("clip"):
        lines.append(f"Each input is one video clip{sound}; the clips follow in the order of the names.")
    elif entry.modality.has_frames:
        frames = int(str(batch[0].get("frames") or entry.default_frames))
        lines.append(
            f"Each input is {frames} frame{'s' if frames != 1 else ''} sampled uniformly from one video clip, "
            "in temporal order; the inputs' frames follow in the order of the names."
        )
        if entry.modality.has_audio:
            lines.append("Each input's sound track follows its frames.")
    elif entry.modality is Modality.AUDIO:
        lines.append("Each input is the sound track of one video clip; they follow in the order of the names.")
    elif entry.modality is not Modality.TEXT:
        lines.append("The images follow in the order of the names.")
    if entry.modality.has_text:
        lines.append("Transcripts:")
        lines += [f'- {item["name"]}: "{str(item.get("text") or "").strip()}"' for item in batch]
    lines += [
        _focus(entry),
        f"For each input: {_question(entry)[0].lower()}{_question(entry)[1:]}",
        f"Candidate labels: {_candidates(entry.paper_candidates)}.",
        f"Rank the candidate labels from most to least likely and give the top {BATCH_TOP_K}.",
        "Output one record per input, one per line, in this format and nothing else:",
        f"{{'name': <input name>, 'result': <label 1>, <label 2>, ..., <label {BATCH_TOP_K}>" + "}",
    ]
    return "\n".join(lines)


def render_prompt(
    entry: DatasetEntry,
    *,
    sample: Mapping[str, object] | None = None,
    batch: Sequence[Mapping[str, object]] | None = None,
    variant: str = "",
) -> str:
    """The prompt text for one sample (default) or, with ``batch``, for N samples in one request.

    ``variant`` (``"P1"``/``"P2"``) applies to per-sample prompts only (see :func:`render_sample`).
    """
    if batch is not None:
        if sample is not None:
            raise ValueError("pass either sample= or batch=, not both")
        if variant:
            raise ValueError("prompt variants apply to per-sample prompts, not to batches")
        return render_batch(entry, batch)
    return render_sample(entry, sample, variant)
