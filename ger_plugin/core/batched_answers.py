"""One answer to a batched request -> one answer string per input (the paper batches images).

The paper asks for one ``{'name': ..., 'result': ...}`` record per input; see
:func:`split_batched_answer`. Each part is then read by :func:`ger_plugin.core.parsing.parse_answer`.
Pure: no I/O.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Sequence

from ger_plugin.core.answer_text import MAX_CHARS
from ger_plugin.core.structured_answers import MAX_RECORDS, read_record, record_value

#: split_batched_answer reads at most this many characters per input (4 inputs at least).
BATCH_CHARS_PER_INPUT = MAX_CHARS
_RECORD = re.compile(r"\{[^{}]*\}")

_NUMBERED_ITEM = re.compile(
    r"^[\s*#>-]*(?:(?:image|video|sample|clip|picture|photo|input|item|图片|视频|样本)\s*#?\s*)?"
    r"(\d{1,4})\s*(?:[.):：\]-]|\*\*)\s*(.*)$",
    re.IGNORECASE,
)


_NAMED_LINE = re.compile(r"^[\s*#>-]*([^\s:：,]+?)[*`'\"]*\s*(?:[:：,]|\s-\s)\s*(.+)$")


def _name_keys(name: str) -> set[str]:
    """Spellings a model may echo for one input name: as given, without folders or extension."""
    base = name.strip().replace("\\", "/").rsplit("/", 1)[-1].casefold()
    return {name.strip().casefold(), base, base.rsplit(".", 1)[0]}


def _value_text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return None if value is None else str(value)


def split_batched_answer(text: str, names: Sequence[str]) -> list[str | None]:
    """Split one answer to a batched request into one answer string per input name.

    The paper asks for one ``{'name': ..., 'result': ...}`` record per input; records are matched
    by name when the model echoes names (with or without folder/extension), else by order.
    Without records, numbered items ("1. happy", "Image 2: sad") are matched by number, lines
    that start with an input name by name, and exactly one non-empty line per input by order.
    A single input gets the whole text. Inputs the answer does not cover get ``None``. Never raises;
    reads at most ``BATCH_CHARS_PER_INPUT * max(4, len(names))`` characters.
    """
    try:
        names = [str(n) for n in names]
    except TypeError:
        return []
    out: list[str | None] = [None] * len(names)
    if not isinstance(text, str) or not names:
        return out
    text = text[: BATCH_CHARS_PER_INPUT * max(4, len(names))]
    matches = itertools.islice(_RECORD.finditer(text), 2 * len(names) + MAX_RECORDS)
    records = [r for r in (read_record(m.group()) for m in matches) if r]
    records = [r for r in records if record_value(r) is not None]
    if records:
        return _split_records(records, names, out)
    return _split_lines(text, names, out)


def _split_records(records: list[dict[str, object]], names: list[str], out: list[str | None]) -> list[str | None]:
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        for key in _name_keys(name):
            index.setdefault(key, i)
    unnamed: list[dict[str, object]] = []
    for record in records:
        echoed = record.get("name")
        slot = None
        if isinstance(echoed, (str, int)):
            slot = next((index[k] for k in _name_keys(str(echoed)) if k in index), None)
        if slot is None:
            unnamed.append(record)
        elif out[slot] is None:
            out[slot] = _value_text(record_value(record))
    free = [i for i, v in enumerate(out) if v is None]
    if not any(v is not None for v in out):  # no names echoed: by order
        free = list(range(len(names)))
    for slot, record in zip(free, unnamed):
        out[slot] = _value_text(record_value(record))
    return out


def _split_lines(text: str, names: list[str], out: list[str | None]) -> list[str | None]:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    index = {k: i for i, name in enumerate(names) for k in _name_keys(name)}
    for line in lines:
        m = _NAMED_LINE.match(line)
        if m and m.group(1).strip("*`'\"").casefold() in index:
            slot = index[m.group(1).strip("*`'\"").casefold()]
            out[slot] = out[slot] or m.group(2).strip()
    if any(v is not None for v in out):
        return out
    for line in lines:
        m = _NUMBERED_ITEM.match(line)
        if m:
            slot = int(m.group(1)) - 1
            if 0 <= slot < len(names) and out[slot] is None and m.group(2).strip(" *"):
                out[slot] = m.group(2).strip(" *")
    if any(v is not None for v in out):
        return out
    if len(names) == 1:
        return [text.strip() or None]
    if len(lines) == len(names):
        return list(lines)
    return out
