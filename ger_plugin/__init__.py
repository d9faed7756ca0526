"""GER: Generalized Emotion Recognition for vision-language models, as a VLMEvalKit plugin.

The stable surface for scripts and other tools (names stay put when modules move)::

    from ger_plugin import catalog, parse_answer, score_ger, sample_frames, load_ger_dataset, EVALUATE_MODULE

Each name is loaded on first use, so ``import ger_plugin`` stays cheap: it never imports
``vlmeval``, ``torch``, ``datasets`` or ``numpy``. The host adapters live in :mod:`ger_plugin.host`
and are loaded only when VLMEvalKit itself is imported.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> (module, attribute); attribute None means the module itself
_PUBLIC: dict[str, tuple[str, str | None]] = {
    "catalog": ("ger_plugin.catalog", None),
    "parse_answer": ("ger_plugin.core.parsing", "parse_answer"),
    "score_ger": ("ger_plugin.core.scoring", "score_ger"),
    "score_paper": ("ger_plugin.core.scoring", "score_paper"),
    "sample_frames": ("ger_plugin.data.video", "sample_frames"),
    "load_ger_dataset": ("ger_plugin.data.hub", "load_ger_dataset"),
    # GER scoring as a Hugging Face `evaluate` metric, a local path (works offline):
    # evaluate.load(ger_plugin.EVALUATE_MODULE).compute(predictions=..., references=..., dataset="GER_RAFDB")
    "EVALUATE_MODULE": ("ger_plugin.core.evaluate_metric", "MODULE_PATH"),
}

__all__ = [
    "EVALUATE_MODULE",
    "__version__",
    "catalog",
    "load_ger_dataset",
    "parse_answer",
    "sample_frames",
    "score_ger",
    "score_paper",
]

if TYPE_CHECKING:  # pragma: no cover
    from ger_plugin import catalog
    from ger_plugin.core.evaluate_metric import MODULE_PATH as EVALUATE_MODULE
    from ger_plugin.core.parsing import parse_answer
    from ger_plugin.core.scoring import score_ger, score_paper
    from ger_plugin.data.hub import load_ger_dataset
    from ger_plugin.data.video import sample_frames


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'ger_plugin' has no attribute {name!r}")
    module_name, attribute = _PUBLIC[name]
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
