"""The repeat a host process runs, handed from ``ger run --repeats N`` through the environment.

``ger run`` starts the host once per repeat with these variables set; inside the host the chance
baselines draw with the repeat's seed and the evaluation writes the ``repeat`` block of every
result file (index, of, seed, temperature). Repeat k draws with seed k, so every repeat draws anew
and the same repeat draws the same again; a run outside ``--repeats`` keeps seed 0. No ``vlmeval``
import here: the ``ger`` command imports this module too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

REPEAT_ENV, REPEATS_ENV, SEED_ENV, TEMPERATURE_ENV = "GER_REPEAT", "GER_REPEATS", "GER_SEED", "GER_TEMPERATURE"


def repeat_seed(index: int) -> int:
    """The seed of repeat ``index`` (1-based)."""
    return index


def repeat_environment(index: int, of: int, temperature: float | None) -> dict[str, str]:
    """The variables ``ger run`` sets for the host process of repeat ``index`` of ``of``."""
    env = {REPEAT_ENV: str(index), REPEATS_ENV: str(of), SEED_ENV: str(repeat_seed(index))}
    if temperature is not None:
        env[TEMPERATURE_ENV] = repr(float(temperature))
    return env


def repeat_from_env(environ: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """The ``repeat`` block of a result file written inside repeat k, else ``None``."""
    env = os.environ if environ is None else environ
    if not env.get(REPEAT_ENV):
        return None
    temperature = env.get(TEMPERATURE_ENV)
    return {
        "index": int(env[REPEAT_ENV]),
        "of": int(env.get(REPEATS_ENV) or env[REPEAT_ENV]),
        "seed": int(env.get(SEED_ENV) or 0),
        "temperature": None if temperature is None else float(temperature),
    }


def seed_from_env(default: int = 0, environ: Mapping[str, str] | None = None) -> int:
    """The chance baselines' seed: the repeat's when one runs, else ``default``."""
    env = os.environ if environ is None else environ
    value = env.get(SEED_ENV)
    return int(value) if value else default
