"""RAF-DB fixture: basic/EmoLabel/list_patition_label.txt and basic/Image/{original/original,aligned/aligned}.

Pitfalls: the misspelt list name, the nested unzip folders, train_ lines to skip, and aligned
crops (``_aligned`` suffix) that must not be used.
"""

from __future__ import annotations

from pathlib import Path

from release_fixtures._images import write_image

CODES = {1: "surprised", 2: "fearful", 3: "disgusted", 4: "happy", 5: "sad", 6: "angry", 7: "neutral"}
#: list lines in file order: (name, code)
LINES = (
    ("train_00001.jpg", 4),
    ("train_00002.jpg", 7),
    ("train_00003.jpg", 1),
    ("test_0001.jpg", 5),
    ("test_0002.jpg", 1),
    ("test_0003.jpg", 4),
    ("test_0004.jpg", 4),
    ("test_0005.jpg", 2),
    ("test_0006.jpg", 3),
    ("test_0007.jpg", 6),
    ("test_0008.jpg", 7),
    ("test_0009.jpg", 7),
    ("test_0010.jpg", 5),
)


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    basic = root / "basic"
    label_file = basic / "EmoLabel" / "list_patition_label.txt"
    label_file.parent.mkdir(parents=True)
    label_file.write_text("".join(f"{name} {code}\n" for name, code in LINES))
    expected: dict[str, str] = {}
    for i, (name, code) in enumerate(LINES):
        label = CODES[code]
        write_image(basic / "Image" / "original" / "original" / name, label, name, size=(40 + i, 36))
        write_image(
            basic / "Image" / "aligned" / "aligned" / name.replace(".jpg", "_aligned.jpg"), label, "aligned/" + name
        )
        if name.startswith("test_"):
            expected[name] = label
    return {("default", "test"): expected}


def make_kaggle(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """The Kaggle repack: ``RAF-DB/DATASET/{train,test}/<code>/<name>_aligned.jpg`` + label csvs."""
    base = root / "RAF-DB"
    expected: dict[str, str] = {}
    rows = {"train": [], "test": []}
    for name, code in LINES:
        split = "test" if name.startswith("test_") else "train"
        aligned = name.replace(".jpg", "_aligned.jpg")
        write_image(base / "DATASET" / split / str(code) / aligned, CODES[code], aligned, size=(100, 100))
        rows[split].append(f"{aligned},{code}\n")
        if split == "test":
            expected[name] = CODES[code]
    for split, lines in rows.items():
        (base / f"{split}_labels.csv").write_text("image,label\n" + "".join(lines))
    return {("default", "test"): expected}


LAYOUT_FIXTURES = {"basic": (make,), "DATASET": (make_kaggle,)}
