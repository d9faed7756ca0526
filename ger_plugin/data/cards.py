"""Hugging Face dataset cards, one per original release: the card template filled from the catalog.

A card = YAML front matter (:func:`ger_plugin.data.card_data.card_data`) + a body rendered by
``huggingface_hub.DatasetCard.from_template`` from ``card_templates/dataset_card.md`` (a Jinja
template: the card's layout and fixed wording live there). This module only gathers the values the
template shows, all derived from :mod:`ger_plugin.catalog`, :mod:`ger_plugin.data.features` and the
release's prose in ``ger_plugin/data/card_text/<source key>.md``, so a card can never disagree with
them. The committed ``dataset_cards/<release name>.md`` are this module's output::

    python -m ger_plugin.data.cards --write      # regenerate every committed card
    python -m ger_plugin.data.cards --check      # exit 1 when a committed card is stale

:func:`render_card` takes the split sizes a build actually wrote (``split_sizes``), because
``datasets`` refuses to load a folder whose card states other split sizes than its parquet files hold.

``datasets`` and ``huggingface_hub`` are imported inside functions only.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ger_plugin.catalog import (
    PAPER_CITATION,
    SOURCES,
    TASK_TABLES,
    DatasetEntry,
    HubAccess,
    Modality,
    PaperProtocol,
    Scoring,
    Source,
    Task,
    by_source,
    release_name,
)
from ger_plugin.data import features as feature_schema
from ger_plugin.data.card_data import (  # re-exported: the card's data is part of this module's surface
    HUB_LICENSE_IDS,
    PROSE_HEADER_KEYS,
    PROSE_SECTIONS,
    TEXT_DIR,
    card_data,
    catalog_split_sizes,
    config_entries,
    data_files,
    hub_configs,
    read_prose,
    release_features,
    size_category,
    task_categories,
    task_ids,
)
from ger_plugin.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    import datasets

__all__ = [
    "CARDS_DIR",
    "HUB_LICENSE_IDS",
    "PROSE_HEADER_KEYS",
    "PROSE_SECTIONS",
    "TEMPLATE",
    "TEXT_DIR",
    "card_context",
    "card_data",
    "card_path",
    "catalog_split_sizes",
    "config_entries",
    "data_files",
    "hub_configs",
    "main",
    "read_prose",
    "release_features",
    "render_card",
    "size_category",
    "stale_cards",
    "task_categories",
    "task_ids",
    "write_cards",
]

PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: The committed cards (a source checkout only).
CARDS_DIR = PACKAGE_DIR.parent / "dataset_cards"
#: The card template (ships with the package).
TEMPLATE = Path(__file__).resolve().parent / "card_templates" / "dataset_card.md"

METRIC_NAMES = {
    "acc": "accuracy",
    "WAR": "weighted average recall (= accuracy)",
    "UAR": "unweighted average recall (mean per-class recall)",
    "WF1": "support-weighted F1 of negative vs positive",
}
SCORING_TEXT = {
    Scoring.CLASSIFICATION: "single-label classification over the canonical labels above; an unparseable or "
    "missing answer counts as wrong, and its rate is reported next to the score",
    Scoring.EMOTION_WITH_POLARITY: "classification over the 8 Mikels emotions, and polarity accuracy after mapping "
    "amused/awed/content/excited to positive and angry/disgusted/fearful/sad to negative (the paper reports "
    "polarity only)",
    Scoring.SENTIMENT_INTENSITY: "the gold label is a continuous sentiment score; the model picks one of the five "
    "intensity labels; scored as negative vs positive on samples whose gold score is not 0",
}
PROTOCOL_TEXT = {
    PaperProtocol.TOP1_EXACT: "accuracy over answered samples; the top-1 answer must equal the gold label string",
    PaperProtocol.TOP1_POLARITY: "the top-1 emotion is mapped to polarity and compared with the gold polarity",
    PaperProtocol.TOP1_IN_SET: "answers outside the label set are dropped before computing WAR and UAR",
    PaperProtocol.SENTIMENT_BINARY: "gold 0 dropped; truth = score > 0; positive iff the top-1 is (weakly) "
    "positive; weighted F1",
}
COLUMN_TEXT = {
    "id": "stable sample id taken from the original file names",
    "label": "canonical GER label (`ClassLabel`, names in the release's own code order)",
    "label_original": "the label code or name exactly as the release writes it",
    "image": "the image a model is shown",
    "onset": "onset frame of the micro-expression",
    "apex": "apex frame (the image a model is shown)",
    "offset": "offset frame of the micro-expression",
    "video": "the original clip, byte for byte, with its file name (releases of frame folders: empty bytes)",
    "frames": f"{feature_schema.STORED_FRAMES} uniformly sampled frames, so 1-{feature_schema.STORED_FRAMES} frame evaluation "
    "needs no video decoding",
    "fps": "frames per second of the original clip",
    "num_frames": "frames in the original clip",
    "duration": "clip length in seconds",
    "text": "transcript in the clip's language",
    "text_en": "English transcript or translation where the release has one",
    "sentiment": "continuous sentiment score as annotated",
    "polarity": "negative / neutral / positive, from the sign of `sentiment`",
    "audio": "the clip's own sound track decoded to 16 kHz mono WAV (`Audio`; clips without sound: empty)",
    # columns only some readers add (their extra_features)
    "votes": "raw annotator vote counts per class, in the release's own column order",
    "valence": "valence as the release annotates it, on its own scale (missing when not applicable)",
    "arousal": "arousal as the release annotates it, on its own scale (missing when not applicable)",
    "sequence": "the recording sequence the frame comes from (subject/sequence)",
    "min_agreement": "how many of the 5 annotators agree on the label (3, 4 or 5)",
    "fold": "the release's partition (cross-validation fold) the image is in",
    "subject": "participant id from the coding sheet",
    "filename": "sample name from the coding sheet",
    "action_units": "FACS action units from the coding sheet",
    "apex_estimated": "true when the sheet gave no usable apex and the middle frame was used",
}


# --------------------------------------------------------------------------------------
# The values the template shows
# --------------------------------------------------------------------------------------


def _code(text: object) -> str:
    return f"`{text}`"


def _prompt_input(entry: DatasetEntry) -> str:
    if entry.modality is Modality.IMAGE:
        words = "the apex frame" if entry.task is Task.MICRO else "the image"
        return words + (" (converted to grey)" if entry.image_mode == "L" else "")
    if entry.modality is Modality.TEXT:
        return "the transcript"
    if entry.modality is Modality.AUDIO:
        return "the sound track"
    frames = f"{entry.default_frames} uniformly sampled frames"
    return (
        frames
        + (" + the sound track" if entry.modality.has_audio else "")
        + (" + the transcript" if entry.modality.has_text else "")
    )


def _hub_access(source: Source) -> str:
    return {
        HubAccess.PUBLIC: "public: the licence allows redistribution under its own terms",
        HubAccess.GATED: "gated: access is granted on request to holders of the original licence",
        HubAccess.PRIVATE: "private: the licence forbids redistribution; build it yourself with "
        f"`ger prepare {release_name(source.key)} --raw DIR` from your own copy",
    }[source.hub_access]


def _label_groups(source_key: str) -> list[dict[str, Any]]:
    """One group per distinct label mapping, with the variants it applies to."""
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for entry in by_source(source_key):
        key = (entry.labels, tuple(entry.original_labels.items()), entry.excluded_original_labels)
        if key in groups:
            groups[key]["names"].append(_code(entry.name))
            continue
        groups[key] = {
            "names": [_code(entry.name)],
            "labels": [_code(lab) for lab in entry.labels],
            "rows": [
                (_code(orig), _code(canon), entry.labels.index(canon)) for orig, canon in entry.original_labels.items()
            ],
            "sentiment": entry.scoring is Scoring.SENTIMENT_INTENSITY,
            "excluded": [_code(x) for x in entry.excluded_original_labels],
        }
    return list(groups.values())


def _reader(source_key: str) -> Any:
    from ger_plugin.data.sources import reader

    return reader(source_key)


def _configs(source_key: str, header: Mapping[str, Any]) -> list[dict[str, Any]]:
    other = header.get("other_split_sizes") or {}
    layouts = getattr(_reader(source_key), "LAYOUTS", ())
    out = []
    for config in hub_configs(source_key):
        entries = config_entries(source_key, config)
        first = entries[0]
        note = ""
        if any(e.paper is not None for e in entries) and first.test_size != first.release_test_size:
            note = (
                f" in the paper's released test list; the paper's Table 1 reports {first.test_size:,} (see Known "
                "pitfalls for the difference)"
            )
        sizes = ""
        if first.official_test_size:
            sizes = (
                f"paper {first.test_size:,} ({first.size_source('paper')}); released list "
                f"{first.release_test_size:,} ({first.size_source('released_list')}); official annotation "
                f"{first.official_test_size} ({first.size_source('official')})"
            )
        accepted = ""
        if layouts and config == hub_configs(source_key)[0]:
            accepted = ", ".join(f"`{layout.name}` ({layout.kind})" for layout in layouts if layout.accepted)
        counted = next((e for e in entries if e.class_counts), None)
        counts = []
        if counted is not None:
            total = sum(counted.class_counts.values())
            counts = [
                (_code(lab), counted.class_counts[lab], f"{100 * counted.class_counts[lab] / total:.1f}%")
                for lab in counted.labels
            ]
        out.append(
            {
                "name": config,
                "definition": first.split_definition,
                "test_samples": f"{first.release_test_size:,}{note}",
                "sizes": sizes,
                "layouts": accepted,
                "other_sizes": [(split, f"{int(rows):,}") for split, rows in (other.get(config) or {}).items()],
                "class_counts": counts,
                "continuous": first.scoring is Scoring.SENTIMENT_INTENSITY,
            }
        )
    return out


def _evaluation(entries: Sequence[DatasetEntry]) -> list[dict[str, Any]]:
    """One line per group of variants that are evaluated alike."""
    groups: dict[tuple[Any, ...], list[DatasetEntry]] = {}
    for e in entries:
        key = (_prompt_input(e), e.paper_candidates, e.scoring, e.paper_run.protocol if e.paper_run else None, e.notes)
        groups.setdefault(key, []).append(e)
    lines = []
    for (model_input, candidates, scoring, protocol, notes), members in groups.items():
        bits = [
            f"model input: {model_input}",
            f"candidates offered (the paper's wording): {', '.join(candidates)}",
            f"GER scoring: {SCORING_TEXT[scoring]}",
        ]
        if protocol is not None:
            bits.append(f"paper protocol: {PROTOCOL_TEXT[protocol]}")
        lines.append({"names": [_code(e.name) for e in members], "bits": bits, "notes": list(notes)})
    return lines


def _references(entries: Sequence[DatasetEntry]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for e in entries:
        if e.paper is None:
            continue
        for metric, value in e.paper.gpt4v.items():
            method, best = e.paper.best_supervised.get(metric, ("-", None))
            rows.append(
                (
                    _code(e.name),
                    f"{e.paper.row_name} (Table {e.paper.table})",
                    metric,
                    f"{value:.2f}",
                    "-" if best is None else f"{best:.2f} ({method})",
                )
            )
    return rows


def card_context(
    source_key: str, header: Mapping[str, Any], prose: Mapping[str, str], features: datasets.Features
) -> dict[str, Any]:
    """Everything the card template shows besides the front matter."""
    source = SOURCES[source_key]
    entries = by_source(source_key)
    used = sorted({m for e in entries if e.paper for m in e.paper.gpt4v}, key=list(METRIC_NAMES).index)
    task = entries[0].task
    return {
        "release": release_name(source_key),
        "source": source,
        "prose": prose,
        "paper_citation": PAPER_CITATION,
        "hub_access": _hub_access(source),
        "variants": [
            (_code(e.name), _code(e.hub_config), e.modality.value, _prompt_input(e), "yes" if e.paper else "no")
            for e in entries
        ],
        "label_groups": _label_groups(source_key),
        "splits": [_code(s) for s in source.splits],
        "configs": _configs(source_key, header),
        "columns": [
            (
                _code(name),
                COLUMN_TEXT.get(
                    name, f"release-specific column (see the reader `ger_plugin/data/sources/{source_key}.py`)"
                ),
            )
            for name in features
        ],
        "hub_repo": entries[0].hub_repo_id(),
        "example_config": hub_configs(source_key)[0],
        "evaluation": _evaluation(entries),
        "references": _references(entries),
        "metric_names": [f"{m} = {METRIC_NAMES[m]}" for m in used],
        "task_table": TASK_TABLES[task],
        "task_title": task.title.lower(),
        "media": "faces and voices" if any(e.modality.has_frames for e in entries) else "faces",
    }


def render_card(
    source_key: str,
    *,
    split_sizes: Mapping[str, Mapping[str, int]] | None = None,
    features: datasets.Features | None = None,
    text_dir: Path | None = None,
) -> str:
    """The whole card (front matter + body) of a release, as a string."""
    from huggingface_hub import DatasetCard

    if source_key not in SOURCES:
        raise KeyError(f"unknown source {source_key!r}; known: {', '.join(SOURCES)}")
    header, prose = read_prose(source_key, text_dir)
    features = features if features is not None else release_features(source_key)
    data = card_data(source_key, split_sizes=split_sizes, features=features, text_dir=text_dir)
    card = DatasetCard.from_template(
        data, template_path=str(TEMPLATE), **card_context(source_key, header, prose, features)
    )
    return str(card)


def card_path(source_key: str, cards_dir: Path | None = None) -> Path:
    return (cards_dir or CARDS_DIR) / f"{release_name(source_key)}.md"


def stale_cards(cards_dir: Path | None = None, keys: Iterable[str] | None = None) -> dict[str, str]:
    """Committed cards that differ from their rendering: card path -> unified diff (or 'missing')."""
    stale = {}
    for key in keys or SOURCES:
        path = card_path(key, cards_dir)
        expected = render_card(key)
        if not path.is_file():
            stale[str(path)] = "missing"
            continue
        actual = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = difflib.unified_diff(
                actual.splitlines(), expected.splitlines(), "committed", "rendered", lineterm="", n=1
            )
            stale[str(path)] = "\n".join(list(diff)[:40])
    return stale


def write_cards(cards_dir: Path | None = None, keys: Iterable[str] | None = None) -> list[Path]:
    written = []
    for key in keys or SOURCES:
        path = card_path(key, cards_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_card(key), encoding="utf-8")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ger_plugin.data.cards", description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="render every card into the cards folder")
    mode.add_argument("--check", action="store_true", help="exit 1 when a committed card differs from its rendering")
    parser.add_argument("--dir", type=Path, default=None, help=f"cards folder (default: {CARDS_DIR})")
    parser.add_argument(
        "--only", nargs="+", metavar="SOURCE_KEY", choices=list(SOURCES), help="limit to these catalog source keys"
    )
    args = parser.parse_args(argv)
    try:
        if args.write:
            for path in write_cards(args.dir, args.only):
                print(f"wrote {path}")
            return 0
        stale = stale_cards(args.dir, args.only)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for card, diff in stale.items():
        print(f"stale: {card}\n{diff}\n", file=sys.stderr)
    if stale:
        print(f"{len(stale)} card(s) stale: run `python -m ger_plugin.data.cards --write`", file=sys.stderr)
        return 1
    print(f"{len(args.only or SOURCES)} card(s) up to date")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
