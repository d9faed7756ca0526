"""GER: Generalized Emotion Recognition for vision-language models, as a VLMEvalKit plugin.

Importing this package is cheap: it never imports ``vlmeval``, ``torch`` or ``datasets``.
The catalog of datasets is :mod:`ger_plugin.catalog`; the host adapters live in
:mod:`ger_plugin.host` and are loaded only when VLMEvalKit itself is imported.
"""

__version__ = "0.1.0"
