"""Twitter I reader (You et al. 2015): one config per agreement level, as the paper scores them.

Official layout: ``twitter_dataset/images/<file>.jpg`` and ``twitter_dataset/ground_truth/
twitter_{five,four,three}_agrees.txt`` with lines ``<file> <0|1>`` (1 = positive). The subsets are
nested (five within four within three), so ``min_agreement`` is the highest level listing an image.

Community repack accepted: the images as ``Agg_AMT_Candidates/`` with the three agreement lists
beside it (named as above, or ``five_agree.txt``, ``four_agree.txt``, ``three_agree.txt``). Without
the lists (e.g. with only ``amt_result.csv``) the paper's three test sets cannot be rebuilt: refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common import image_path, read_text
from ger_plugin.errors import DataError

#: config -> (workers who agree, ground-truth file)
LEVELS = {
    "five_agree": (5, "twitter_five_agrees.txt"),
    "four_agree": (4, "twitter_four_agrees.txt"),
    "three_agree": (3, "twitter_three_agrees.txt"),
}
CONFIGS = tuple(LEVELS)
LEVELS_BY = {lvl: name for lvl, name in LEVELS.values()}
_WORDS = {5: "five", 4: "four", 3: "three"}
_HOMEPAGE = "https://www.cs.rochester.edu/u/qyou/DeepSent/deepsentiment.html"
LAYOUTS = (
    Layout(
        "twitter_dataset",
        "official",
        "twitter_dataset/images/<file>.jpg with twitter_dataset/ground_truth/twitter_{five,four,three}_agrees.txt",
        (Need("images", ("images/",)), Need("lists", ("ground_truth/",), contains="twitter_*_agrees.txt")),
        "third-party loaders of the You et al. 2015 release (reference: datasets-fer-vsa.md section 6)",
    ),
    Layout(
        "Agg_AMT_Candidates",
        "repack",
        "Agg_AMT_Candidates/<file>.jpg with the agreement lists (twitter_*_agrees.txt or *_agree.txt) beside it",
        (Need("images", ("Agg_AMT_Candidates/",)), Need("lists", (".", "ground_truth/"), contains="*three_agree*.txt")),
        "public loaders: IM_DIR='.../Agg_AMT_Candidates', LAB='.../twitter_three_agrees.txt'; "
        "five_agree.txt, four_agree.txt, three_agree.txt beside Agg_AMT_Candidates/",
    ),
    Layout(
        "Agg_AMT_Candidates-without-lists",
        "repack",
        "Agg_AMT_Candidates/ without the agreement lists (e.g. with amt_result.csv votes only)",
        (Need("images", ("Agg_AMT_Candidates/",)),),
        "public loaders: img_root = root / 'Agg_AMT_Candidates', amt_result.csv",
        refusal="missing the agreement lists twitter_five_agrees.txt, twitter_four_agrees.txt, "
        f"twitter_three_agrees.txt that define the paper's three test sets; they ship in ground_truth/ of the "
        f"original twitter_dataset ({_HOMEPAGE})",
    ),
)


def extra_features() -> dict:
    import datasets as ds

    return {"min_agreement": ds.Value("int8")}  # 5, 4 or 3 of the 5 AMT workers agree on the label


def _list_file(folder: Path, level: int) -> Path:
    word = _WORDS[level]
    for name in (f"twitter_{word}_agrees.txt", f"{word}_agree.txt", f"{word}_agrees.txt", f"twitter_{word}_agree.txt"):
        if (folder / name).is_file():
            return folder / name
    raise DataError(f"missing the {word}-agree list (twitter_{word}_agrees.txt)", path=folder)


def read(raw_dir: str | Path, *, config: str = "five_agree", split: str = "test") -> Iterator[dict]:
    entry = entry_for("twitter1", config, split)
    level = LEVELS[config][0]
    found = locate(raw_dir, LAYOUTS, what="Twitter I")
    images = found["images"]
    # every file at or above the level, so min_agreement is right and labels can be cross-checked
    files = {lvl: _list_file(found["lists"], lvl) for lvl in LEVELS_BY if lvl >= level}
    lists = {lvl: _read_list(path) for lvl, path in files.items()}
    path = files[level]
    for lvl, listed in lists.items():
        missing = sorted(set(listed) - set(lists[level]))
        if missing:  # the subsets are nested; anything else is a damaged or mixed-up file
            raise DataError(
                f"{len(missing)} image(s) of {files[lvl].name} are missing here, e.g. {missing[0]}", path=path
            )
    for name, (code, line) in lists[level].items():
        agreement = max(lvl for lvl, listed in lists.items() if name in listed)
        for lvl, listed in lists.items():
            if name in listed and listed[name][0] != code:
                raise DataError(
                    f"{name} is {code} here but {listed[name][0]} in {files[lvl].name}", path=path, line=line
                )
        yield {
            "id": name,
            "label": map_label(entry, code, path=path, line=line, field="label"),
            "label_original": code,
            "image": image_path(images, name, listed_in=path, line=line),
            "min_agreement": agreement,
        }


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
