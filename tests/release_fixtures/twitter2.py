"""Twitter II fixture: twitter/groundTruthLabel.txt (CRLF, tab-separated, header) and partition1..5/.

Only some listed images exist on disk (the real list has 810 rows for 603 images).
"""

from __future__ import annotations

from pathlib import Path

from release_fixtures._images import write_image

#: (image number, sentiment, partition folder or None when the image is not in the archive)
ROWS = (
    (1, "positive", 1),
    (2, "negative", 1),
    (3, "positive", None),
    (4, "positive", 1),
    (5, "negative", 2),
    (6, "positive", 2),
    (7, "positive", None),
    (8, "negative", 3),
    (9, "positive", 4),
    (10, "positive", 5),
    (11, "negative", None),
    (12, "negative", 5),
)


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    base = root / "twitter"
    base.mkdir(parents=True)
    lines = ["Image\tSentiment"] + [f"{n}.jpg\t{sentiment}" for n, sentiment, _ in ROWS]
    (base / "groundTruthLabel.txt").write_bytes(("\r\n".join(lines) + "\r\n").encode())
    expected: dict[str, str] = {}
    for n, sentiment, fold in ROWS:
        if fold is not None:
            write_image(base / f"partition{fold}" / f"{n}.jpg", sentiment, f"{n}.jpg")
            expected[f"{n}.jpg"] = sentiment
    return {("default", "test"): expected}


LAYOUT_FIXTURES = {"twitter": (make,)}
