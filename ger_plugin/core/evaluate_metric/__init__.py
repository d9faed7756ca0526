"""GER scoring as a Hugging Face ``evaluate`` metric module (``ger_metric.py`` beside this file).

Only the path lives here, so importing it never imports ``evaluate``:
``evaluate.load(ger_plugin.EVALUATE_MODULE)`` loads the module from this folder, offline.
The folder's README.md is the metric card, with how to publish it to the Hub.
"""

import os

#: The metric script; ``ger_plugin.EVALUATE_MODULE``.
MODULE_PATH: str = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ger_metric.py")
