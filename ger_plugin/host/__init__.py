"""VLMEvalKit integration: the only package that imports ``vlmeval``.

Importing this package is cheap (it is imported by the ``.pth`` hook at every interpreter
start); the host is imported inside :func:`register` only.
"""

from __future__ import annotations

_REGISTERED: list[str] = []
#: The host model name of :class:`ger_plugin.host.openai_model.GEROpenAI`.
OPENAI_MODEL = "GER_OpenAI"


def _openai_model(**kwargs: object) -> object:
    # Imported on first build, not at registration: the hook registers while ``vlmeval`` is still
    # initialising, and openai_model imports ``vlmeval.api``.
    from ger_plugin.host.openai_model import GEROpenAI

    return GEROpenAI(**kwargs)  # type: ignore[arg-type]


def register() -> list[str]:
    """Make every GER dataset known to the host, in place; idempotent. Returns the names added.

    Touches exactly what the host reads (shared/reference/vlmevalkit-integration.md, section 1):
    ``DATASET_CLASSES`` (build_dataset, DATASET_TYPE/MODALITY, status reporter), attributes of
    ``vlmeval.dataset`` (``--config``), ``SUPPORTED_DATASETS`` in place (imported by name
    elsewhere) and ``supported_video_datasets`` (the ``_<N>frame`` variants).
    Only ``vlmeval.dataset*`` and ``vlmeval.smp`` may be imported: the hook runs while
    ``vlmeval`` itself is still initialising.
    """
    import vlmeval.dataset as vd

    from ger_plugin.host.adapters import CLASSES, video_variants

    added: list[str] = []
    for cls in CLASSES:
        if cls not in vd.DATASET_CLASSES:
            vd.DATASET_CLASSES.append(cls)
        setattr(vd, cls.__name__, cls)
        if hasattr(vd, "__all__") and cls.__name__ not in vd.__all__:
            vd.__all__.append(cls.__name__)
        added += [n for n in cls.supported_datasets() if n not in vd.SUPPORTED_DATASETS]
    variants = video_variants()
    vd.supported_video_datasets.update(variants)
    added += [n for n in variants if n not in vd.SUPPORTED_DATASETS and n not in added]
    vd.SUPPORTED_DATASETS.extend(added)
    _REGISTERED.extend(added)
    from ger_plugin.host.redact import protect_run_status

    protect_run_status()  # the host writes argv (with any --key) into status.json
    return added


def register_models() -> list[str]:
    """Add the chance baselines (``GER_Random``, ``GER_Majority``) and ``GER_OpenAI`` to the host's model table.

    In place on ``vlmeval.config.supported_VLM`` (``run.py`` imported it by name); idempotent.
    The hook calls it right after ``vlmeval.config`` has executed.
    """
    from functools import partial

    import vlmeval.config as config

    from ger_plugin.host.baselines import MODEL_NAMES
    from ger_plugin.host.baselines import register_models as _add

    names = (*MODEL_NAMES, OPENAI_MODEL)
    missing = [n for n in names if n not in config.supported_VLM]
    _add(config.supported_VLM)
    # retry/verbose as keywords: run.py overwrites them from --retry / --verbose
    config.supported_VLM.setdefault(OPENAI_MODEL, partial(_openai_model, name=OPENAI_MODEL, retry=3, verbose=False))
    return missing
