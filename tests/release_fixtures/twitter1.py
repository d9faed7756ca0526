"""Twitter I fixture: twitter_dataset/images/ and ground_truth/twitter_{five,four,three}_agrees.txt.

The agreement subsets are nested (five within four within three) and agree on labels.
"""

from __future__ import annotations

from pathlib import Path

from release_fixtures._images import write_image

LABELS = {"0": "negative", "1": "positive"}
#: (image file, code, highest agreement level)
IMAGES = (
    ("288005267_463613689107468288_Bm77eK8CIAAdKjk.jpg", "0", 5),  # negative, as in the paper
    ("1000001_463613689107400001_AAAAAAAAAAAAAAA.jpg", "1", 5),
    ("1000002_463613689107400002_BBBBBBBBBBBBBBB.jpg", "1", 5),
    ("1000003_463613689107400003_CCCCCCCCCCCCCCC.jpg", "1", 4),
    ("1000004_463613689107400004_DDDDDDDDDDDDDDD.jpg", "0", 4),
    ("1000005_463613689107400005_EEEEEEEEEEEEEEE.jpg", "0", 3),
    ("1000006_463613689107400006_FFFFFFFFFFFFFFF.jpg", "1", 3),
)
FILES = {
    "five_agree": (5, "twitter_five_agrees.txt"),
    "four_agree": (4, "twitter_four_agrees.txt"),
    "three_agree": (3, "twitter_three_agrees.txt"),
}


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    base = root / "twitter_dataset"
    (base / "ground_truth").mkdir(parents=True)
    expected: dict[tuple[str, str], dict[str, str]] = {}
    for config, (level, file_name) in FILES.items():
        members = [(name, code) for name, code, top in IMAGES if top >= level]
        (base / "ground_truth" / file_name).write_text("".join(f"{name} {code}\n" for name, code in members))
        expected[(config, "test")] = {name: LABELS[code] for name, code in members}
    for name, code, _ in IMAGES:
        write_image(base / "images" / name, LABELS[code], name)
    return expected


def make_candidates(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """The images as ``Agg_AMT_Candidates/`` with ``five_agree.txt``... beside them."""
    expected: dict[tuple[str, str], dict[str, str]] = {}
    for config, (level, _file_name) in FILES.items():
        members = [(name, code) for name, code, top in IMAGES if top >= level]
        word = config.split("_")[0]
        (root / f"{word}_agree.txt").write_text("".join(f"{name} {code}\n" for name, code in members))
        expected[(config, "test")] = {name: LABELS[code] for name, code in members}
    for name, code, _ in IMAGES:
        write_image(root / "Agg_AMT_Candidates" / name, LABELS[code], name)
    return expected


def make_votes_only(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """``Agg_AMT_Candidates/`` with only ``amt_result.csv`` (vote counts): refused."""
    for name, code, _ in IMAGES:
        write_image(root / "twitter" / "Agg_AMT_Candidates" / name, LABELS[code], name)
    (root / "twitter" / "amt_result.csv").write_text(
        "image,total,positive,negative\n"
        + "".join(f"{n},5,{5 if c == '1' else 0},{0 if c == '1' else 5}\n" for n, c, _ in IMAGES)
    )
    return {}


LAYOUT_FIXTURES = {
    "twitter_dataset": (make,),
    "Agg_AMT_Candidates": (make_candidates,),
    "Agg_AMT_Candidates-without-lists": (make_votes_only,),
}
