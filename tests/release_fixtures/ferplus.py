"""FERPlus fixture: fer2013new.csv plus data/FER2013{Train,Test}/ PNGs as generate_training_data.py writes them.

Pitfalls: an empty image name (not a face), the duplicated fer0033120.png (second row is NF=10),
a tie between two emotions (the earlier column wins), unknown/NF above every emotion (ignored),
and an old data/FER2013Test/label.csv whose votes disagree (must not be used).
"""

from __future__ import annotations

from pathlib import Path

from release_fixtures._images import write_image

HEADER = "Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF"
CANONICAL = ("neutral", "happy", "surprised", "sad", "angry", "disgusted", "fearful", "contempt")
#: (usage, name, 10 votes, expected canonical label or None when the row is not in the test set)
ROWS = (
    ("Training", "fer0000000.png", (10, 0, 0, 0, 0, 0, 0, 0, 0, 0), None),
    ("PublicTest", "fer0028638.png", (0, 10, 0, 0, 0, 0, 0, 0, 0, 0), None),
    ("PrivateTest", "fer0032220.png", (8, 1, 0, 1, 0, 0, 0, 0, 0, 0), "neutral"),
    ("PrivateTest", "fer0032221.png", (0, 9, 1, 0, 0, 0, 0, 0, 0, 0), "happy"),
    ("PrivateTest", "fer0032222.png", (0, 0, 7, 0, 0, 0, 3, 0, 0, 0), "surprised"),
    ("PrivateTest", "fer0032223.png", (1, 0, 0, 6, 2, 0, 0, 1, 0, 0), "sad"),
    ("PrivateTest", "fer0032224.png", (0, 0, 0, 0, 5, 4, 0, 1, 0, 0), "angry"),
    ("PrivateTest", "fer0032225.png", (0, 0, 0, 0, 2, 8, 0, 0, 0, 0), "disgusted"),
    ("PrivateTest", "fer0032226.png", (0, 0, 2, 0, 0, 0, 8, 0, 0, 0), "fearful"),
    ("PrivateTest", "fer0032227.png", (3, 0, 0, 0, 1, 0, 0, 6, 0, 0), "contempt"),
    ("PrivateTest", "fer0032228.png", (0, 4, 4, 0, 0, 0, 0, 0, 2, 0), "happy"),  # tie: happiness before surprise
    ("PrivateTest", "fer0032229.png", (0, 0, 0, 2, 1, 0, 0, 0, 6, 1), "sad"),  # unknown largest: ignored
    ("PrivateTest", "", (0, 0, 0, 0, 0, 0, 0, 0, 0, 10), None),  # not a face
    ("PrivateTest", "fer0033120.png", (6, 0, 0, 4, 0, 0, 0, 0, 0, 0), "neutral"),
    ("PrivateTest", "fer0033121.png", (0, 0, 0, 0, 0, 1, 5, 0, 0, 4), "fearful"),
    ("PrivateTest", "fer0033120.png", (0, 0, 0, 0, 0, 0, 0, 0, 0, 10), None),  # duplicate name, NF row
)


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    lines = [HEADER]
    expected: dict[str, str] = {}
    for usage, name, votes, label in ROWS:
        lines.append(",".join([usage, name, *map(str, votes)]))
        if not name:
            continue
        folder = {"Training": "FER2013Train", "PublicTest": "FER2013Valid", "PrivateTest": "FER2013Test"}[usage]
        shown = label or CANONICAL[max(range(8), key=lambda i: votes[i])]
        write_image(root / "data" / folder / name, shown, name, size=(48, 48), mode="L")  # later rows overwrite
        if label is not None:
            expected[name] = label
    (root / "fer2013new.csv").write_text("\n".join(lines) + "\n")
    # the Nov 2016 label file: no header, a box, and votes that differ from fer2013new.csv
    (root / "data" / "FER2013Test" / "label.csv").write_text(
        "".join(f'{name},"(0, 0, 48, 48)",0,0,0,0,0,0,0,10,0,0\n' for name in expected)
    )
    return {("default", "test"): expected}


LAYOUT_FIXTURES = {"FERPlus": (make,)}
