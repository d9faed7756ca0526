"""Score against frames and price: a model run on one video dataset at several ``_<N>frame`` counts.

For each (model, video dataset, batch mode) with results at two or more frame counts, one series
of points (frames, primary score, price). The price is :mod:`ger_plugin.report.cost`'s estimate
of a full test-set run at that frame count, at a reference model's list prices (default
``gpt-4o``), so series of different models and fixture-sized runs compare on one scale; the
standard and the Batch API price both come along. Pure data: the plots draw it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ger_plugin.report.results import Result, newest

#: The list prices the price axis uses unless told otherwise.
REFERENCE_PRICE_MODEL = "gpt-4o"


@dataclass(frozen=True)
class FramePoint:
    frames: int
    score: float  # percent, the dataset's primary metric
    usd: float  # estimated full test set, standard price
    batch_api_usd: float
    input_tokens: int


@dataclass
class FrameSeries:
    model: str
    dataset: str  # catalog name
    metric: str
    price_model: str
    points: list[FramePoint] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.model} on {self.dataset}"


def frame_series(results: Iterable[Result], price_model: str = REFERENCE_PRICE_MODEL) -> list[FrameSeries]:
    """One series per (model, video dataset, batch) run at 2+ frame counts, points by frames."""
    from ger_plugin.report.cost import (
        PRICES,
        batch_api_usd,
        estimate_dataset,
        resolve_price,
        tokens_by_characters,
    )

    key, price = resolve_price(price_model, PRICES)
    groups: dict[tuple[str, str, bool], dict[int, Result]] = {}
    for r in newest(results):
        if r.entry.modality.has_frames and r.frames:
            groups.setdefault((r.model + (" [batch]" if r.batch else ""), r.base_dataset, r.batch), {})[r.frames] = r
    out = []
    for (model, dataset, batch), by_frames in sorted(groups.items()):
        if len(by_frames) < 2:
            continue
        entry = next(iter(by_frames.values())).entry
        metric = entry.primary_metric
        series = FrameSeries(model, dataset, metric, key)
        for frames, r in sorted(by_frames.items()):
            if metric not in r.metrics:
                continue
            est = estimate_dataset(entry, price, tokens_by_characters, frames=frames, batch=batch)
            series.points.append(
                FramePoint(frames, float(r.metrics[metric]), est.total_usd, batch_api_usd(est), est.input_tokens)
            )
        if len(series.points) >= 2:
            out.append(series)
    return out
