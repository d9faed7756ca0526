"""CMU-MOSI reader: segment clips, English transcript and sentiment score, per standard split.

Two layouts are read:

* the official raw archive ``CMU_MOSI.zip`` with the CMU-MultimodalSDK label sequence:
  ``Raw/Video/Segmented/<video>_<segment>.mp4``, ``Raw/Transcript/Segmented/<video>.annotprocessed``
  (lines ``<segment>_DELIM_<text>``) and ``CMU_MOSI_Opinion_Labels.csd`` (HDF5, one root group:
  ``<root>/data/<video>/features`` (n, 1) sentiment and ``intervals`` (n, 2) seconds). Row ``k`` of a
  video, in time order, is its segment ``k + 1`` (segment numbers start at 1). Splits are the SDK's
  standard folds (``cmu_mosi_std_folds.py``: 52 / 10 / 31 videos, 1,284 / 229 / 686 segments).
* the MMSA repack: ``Raw/<video_id>/<clip_id>.mp4`` plus ``label.csv`` (``video_id, clip_id, text,
  label, ..., mode``; ``mode`` train/valid/test = the same standard folds).

Ids are ``{video_id}_{segment}`` (video ids contain ``_`` and ``-``). ``sentiment`` is the score in
[-3, 3] at full precision; ``label`` is ``round(clip(score, -2, 2))`` mapped -2..2 to negative,
weakly negative, neutral, weakly positive, positive, with Python's ``round`` = round-half-to-even,
as ``np.round`` in MMSA (so 1.5 -> 2 and 0.5 -> 0); ``polarity`` is the sign of the score.
``text`` and ``text_en`` both hold the (English) transcript.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from ger_plugin.core.sentiment import MOSI_SCALE
from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for
from ger_plugin.data.sources._common_video import clip_file, first_file, mmsa_rows, parse_int, sentiment_record
from ger_plugin.errors import DataError

log = logging.getLogger(__name__)

CONFIGS = ("default",)
LAYOUTS = (
    Layout(
        "CMU_MOSI.zip+csd",
        "official",
        "Raw/Video/Segmented/<video>_<n>.mp4, Raw/Transcript/Segmented/<video>.annotprocessed and the SDK's "
        "CMU_MOSI_Opinion_Labels.csd",
        (
            Need("clips", ("Raw/Video/Segmented/", "**/Raw/Video/Segmented/")),
            Need("transcripts", ("Raw/Transcript/Segmented/", "**/Raw/Transcript/Segmented/")),
            Need("labels", ("**/CMU_MOSI_Opinion_Labels.csd", "**/*Opinion*Labels*.csd")),
        ),
        "http://immortal.multicomp.cs.cmu.edu/raw_datasets/CMU_MOSI.zip; CMU-MultimodalSDK "
        "mmsdk/mmdatasdk/dataset/standard_datasets/CMU_MOSI/{cmu_mosi.py,cmu_mosi_std_folds.py}, "
        "computational_sequence/file_ops.py",
    ),
    Layout(
        "MMSA",
        "repack",
        "MMSA's MOSI: label.csv with Raw/<video_id>/<clip_id>.mp4 or Raw/Video/Segmented/<video_id>_<n>.mp4 "
        "(standard folds in 'mode')",
        (Need("labels", ("label.csv",)), Need("clips", ("Raw/",))),
        "thuiar/MMSA README (dataset links); MMSA-FET label.csv columns",
    ),
)

#: CMU-MultimodalSDK ``cmu_mosi_std_folds.py`` (standard_train_fold / valid / test), video ids.
FOLDS = {
    "train": (
        "2iD-tVS8NPw",
        "8d-gEyoeBzc",
        "Qr1Ca94K55A",
        "Ci-AH39fi3Y",
        "8qrpnFRGt2A",
        "Bfr499ggo-0",
        "QN9ZIUWUXsY",
        "9T9Hf74oK10",
        "7JsX8y1ysxY",
        "1iG0909rllw",
        "Oz06ZWiO20M",
        "BioHAh1qJAQ",
        "9c67fiY0wGQ",
        "Iu2PFX3z_1s",
        "Nzq88NnDkEk",
        "Clx4VXItLTE",
        "9J25DZhivz8",
        "Af8D0E4ZXaw",
        "TvyZBvOMOTc",
        "W8NXH0Djyww",
        "8OtFthrtaJM",
        "0h-zjBukYpk",
        "Vj1wYRQjB-o",
        "GWuJjcEuzt8",
        "BI97DNYfe5I",
        "PZ-lDQFboO8",
        "1DmNV9C1hbY",
        "OQvJTdtJ2H4",
        "I5y0__X72p0",
        "9qR7uwkblbs",
        "G6GlGvlkxAQ",
        "6_0THN4chvY",
        "Njd1F0vZSm4",
        "BvYR0L6f2Ig",
        "03bSnISJMiM",
        "Dg_0XKD0Mf4",
        "5W7Z1C_fDaE",
        "VbQk4H8hgr0",
        "G-xst2euQUc",
        "MLal-t_vJPM",
        "BXuRRbG0Ugk",
        "LSi-o-IrDMs",
        "Jkswaaud0hk",
        "2WGyTLYerpo",
        "6Egk_28TtTM",
        "Sqr0AcuoNnk",
        "POKffnXeBds",
        "73jzhE8R1TQ",
        "OtBXNcAL_lE",
        "HEsqda8_d0Q",
        "VCslbP0mgZI",
        "IumbAb8q2dM",
    ),
    "validation": (
        "WKA5OygbEKI",
        "c5xsKMxpXnc",
        "atnd_PF-Lbs",
        "bvLlb-M3UXU",
        "bOL9jKpeJRs",
        "_dI--eQ6qVU",
        "ZAIRrfG22O0",
        "X3j2zQgwYgE",
        "aiEXnCPZubE",
        "ZUXBRvtny7o",
    ),
    "test": (
        "tmZoasNr4rU",
        "zhpQhgha_KU",
        "lXPQBPVc5Cw",
        "iiK8YX8oH1E",
        "tStelxIAHjw",
        "nzpVDcQ0ywM",
        "etzxEpPuc6I",
        "cW1FSBF59ik",
        "d6hH302o4v8",
        "k5Y_838nuGo",
        "pLTX3ipuDJI",
        "jUzDDGyPkXU",
        "f_pcplsH_V0",
        "yvsjCA6Y5Fc",
        "nbWiPyCm4g0",
        "rnaNMUZpvvg",
        "wMbj6ajWbic",
        "cM3Yna7AavY",
        "yDtzw_Y-7RU",
        "vyB00TXsimI",
        "dq3Nf_lMPnE",
        "phBUpBr1hSo",
        "d3_k5Xpfmik",
        "v0zCBqDeKcE",
        "tIrG4oNLFzE",
        "fvVhgmXxadc",
        "ob23OKe5a9Q",
        "cXypl4FnoZo",
        "vvZ4IcEtiZc",
        "f9O3YtZ2VfI",
        "c7UH_rxdZv4",
    ),
}


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("cmumosi", config, split)
    found = locate(raw_dir, LAYOUTS, what="CMU-MOSI")
    if found.layout.kind == "official":
        yield from _read_sdk(entry, found, split)
        return
    root = found["labels"].parent
    label_csv = found["labels"]
    for line, row in mmsa_rows(label_csv, split):
        video_id, clip_id = row["video_id"], row["clip_id"]
        number = parse_int(clip_id)
        segment = str(number) if number is not None else clip_id
        video = clip_file(found["clips"] / video_id, clip_id) or first_file(
            found["clips"] / "Video" / "Segmented", [f"{video_id}_{segment}.mp4"]
        )  # the raw zip's clips
        if video is None:
            raise DataError(
                f"missing clip {root / 'Raw' / video_id / clip_id}.mp4", path=label_csv, line=line, field="clip_id"
            )
        yield sentiment_record(
            entry,
            record_id=f"{video_id}_{segment}",
            score_text=row["label"],
            scale=MOSI_SCALE,
            video=video,
            text=row["text"],
            text_en=row["text"],
            path=label_csv,
            line=line,
        )


def _read_sdk(entry, found, split: str) -> Iterator[dict]:
    labels = found["labels"]
    for video_id, segments in _csd_scores(labels, FOLDS[split], split):
        transcript = found["transcripts"] / f"{video_id}.annotprocessed"
        texts = _annotprocessed(transcript)
        for number, score in segments:
            clip = found["clips"] / f"{video_id}_{number}.mp4"
            if not clip.is_file():
                raise DataError(f"missing clip of segment {number} of {video_id} (labelled in {labels})", path=clip)
            if str(number) not in texts:
                raise DataError(f"no transcript line for segment {number} ({number}_DELIM_...)", path=transcript)
            text = texts[str(number)]
            yield sentiment_record(
                entry,
                record_id=f"{video_id}_{number}",
                score_text=repr(score),
                scale=MOSI_SCALE,
                video=clip,
                text=text,
                text_en=text,
                path=labels,
                line=None,
                field=f"data/{video_id}/features",
            )


def _csd_scores(path: Path, videos: tuple[str, ...], split: str) -> Iterator[tuple[str, list[tuple[int, float]]]]:
    """(video id, [(segment number, score)]) of the fold's videos, from a computational sequence."""
    import h5py

    try:
        handle = h5py.File(path, "r")
    except OSError as exc:
        raise DataError(f"not a readable HDF5 computational sequence ({exc})", path=path) from None
    with handle:
        roots = list(handle.keys())
        if not roots or "data" not in handle[roots[0]]:
            raise DataError("expected one root group holding 'data' (a CMU-MultimodalSDK .csd)", path=path)
        data = handle[roots[0]]["data"]
        absent = [video_id for video_id in videos if video_id not in data]
        if absent:  # a partial copy: the count check against the catalog reports it too
            log.warning(
                "%s: %d of the %d videos of the standard %s fold have no labels here (skipped), e.g. %s",
                path,
                len(absent),
                len(videos),
                split,
                ", ".join(absent[:3]),
            )
        for video_id in videos:
            if video_id in absent:
                continue
            group = data[video_id]
            try:
                features, intervals = group["features"][()], group["intervals"][()]
            except KeyError as exc:
                raise DataError(
                    f"video {video_id}: missing {exc.args[0]!r} (features and intervals expected)", path=path
                ) from None
            if features.ndim != 2 or intervals.ndim != 2 or intervals.shape[1] != 2 or len(features) != len(intervals):
                raise DataError(
                    f"video {video_id}: expected features (n, 1) and intervals (n, 2), found "
                    f"{features.shape} and {intervals.shape}",
                    path=path,
                )
            order = sorted(range(len(intervals)), key=lambda i: (float(intervals[i][0]), float(intervals[i][1])))
            yield video_id, [(k + 1, float(features[i][0])) for k, i in enumerate(order)]


def _annotprocessed(path: Path) -> dict[str, str]:
    """segment number -> text of ``<segment>_DELIM_<text>`` lines."""
    if not path.is_file():
        raise DataError("missing transcript", path=path)
    texts = {}
    for line, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if not text.strip():
            continue
        segment, sep, body = text.partition("_DELIM_")
        if not sep:
            raise DataError(f"expected '<segment>_DELIM_<text>', got {text[:60]!r}", path=path, line=line)
        texts[segment.strip()] = body.strip()
    return texts


def extra_features() -> dict:
    return {}
