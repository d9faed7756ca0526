"""Tiny fixture copies of each original release's layout, generated on the fly.

One module per release (``release_fixtures.<source key>``), each exposing
``make(root: Path) -> dict[tuple[str, str], dict[str, str]]``: it writes the release's
original folder layout under ``root`` (generated images/videos, annotation files in the
original formats) and returns ``{(config, split): {record id: canonical label}}`` - what a
correct reader must yield. Tests import them as ``from release_fixtures import <key>``.
"""
