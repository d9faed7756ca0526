"""Twitter I reader (You et al. 2015): one config per agreement level, as the paper scores them.

Layout: ``twitter_dataset/images/<file>.jpg`` and ``twitter_dataset/ground_truth/
twitter_{five,four,three}_agrees.txt`` with lines ``<file> <0|1>`` (1 = positive). The subsets are
nested (five within four within three), so ``min_agreement`` is the highest level listing an image.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common import find_root, image_path, read_text
from ger_plugin.errors import DataError

#: config -> (workers who agree, ground-truth file)
LEVELS = {
    "five_agree": (5, "twitter_five_agrees.txt"),
    "four_agree": (4, "twitter_four_agrees.txt"),
    "three_agree": (3, "twitter_three_agrees.txt"),
}
CONFIGS = tuple(LEVELS)
LEVELS_BY = {lvl: name for lvl, name in LEVELS.values()}


def extra_features() -> dict:
    import datasets as ds

    return {"min_agreement": ds.Value("int8")}  # 5, 4 or 3 of the 5 AMT workers agree on the label


def read(raw_dir: str | Path, *, config: str = "five_agree", split: str = "test") -> Iterator[dict]:
    entry = entry_for("twitter1", config, split)
    level = LEVELS[config][0]
    root = find_root(raw_dir, ("twitter_dataset", "."), ("ground_truth", "images"), what="Twitter I")
    # every file at or above the level, so min_agreement is right and labels can be cross-checked
    lists = {lvl: _read_list(root / "ground_truth" / name) for lvl, name in LEVELS.values() if lvl >= level}
    path = root / "ground_truth" / LEVELS[config][1]
    for lvl, listed in lists.items():
        missing = sorted(set(listed) - set(lists[level]))
        if missing:  # the subsets are nested; anything else is a damaged or mixed-up file
            raise DataError(f"{len(missing)} image(s) of {LEVELS_BY[lvl]} are missing here, e.g. {missing[0]}", path=path)
    for name, (code, line) in lists[level].items():
        agreement = max(lvl for lvl, listed in lists.items() if name in listed)
        for lvl, listed in lists.items():
            if name in listed and listed[name][0] != code:
                raise DataError(f"{name} is {code} here but {listed[name][0]} in {LEVELS_BY[lvl]}", path=path, line=line)
        yield {"id": name, "label": map_label(entry, code, path=path, line=line, field="label"), "label_original": code,
               "image": image_path(root / "images", name, listed_in=path, line=line), "min_agreement": agreement}


def _read_list(path: Path) -> dict[str, tuple[str, int]]:
    """``{image file: (code, line)}`` of one ground-truth file."""
    out: dict[str, tuple[str, int]] = {}
    for line, text in enumerate(read_text(path).splitlines(), start=1):
        if not text.strip():
            continue
        fields = text.split()
        if len(fields) != 2:
            raise DataError(f"expected '<image file> <0|1>', found {text!r}", path=path, line=line)
        if fields[0] in out:
            raise DataError(f"{fields[0]} is listed twice (first on line {out[fields[0]][1]})", path=path, line=line)
        out[fields[0]] = (fields[1], line)
    return out
