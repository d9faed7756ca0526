"""The single source of truth: one declarative entry per GER dataset and variant.

Everything dataset-specific that is *data* lives here (label sets, codes, sizes, paper
numbers, licences, citations); everything dataset-specific that is *code* lives in
``ger_plugin.data.sources.<source>``. The rest of the package is generic over these entries.

This module imports the standard library only, so ``import ger_plugin`` stays cheap.
"""

from ger_plugin.catalog.lookup import *  # noqa: F403
from ger_plugin.catalog.model import *  # noqa: F403
from ger_plugin.catalog.releases import *  # noqa: F403
