"""Abstract fixture: testImages_abstract/ with ABSTRACT_groundTruth.csv (single-quoted) and the paintings.

Pitfalls: quoted names and header, ties among the most-voted emotions (dropped), and gaps in the
numbering.
"""

from __future__ import annotations

from pathlib import Path

from release_fixtures._images import write_image

HEADER = ("Amusement", "Anger", "Awe", "Content", "Disgust", "Excitement", "Fear", "Sad")
CANONICAL = ("amused", "angry", "awed", "content", "disgusted", "excited", "fearful", "sad")
#: (painting number, votes in HEADER order); ties have no label
ROWS = (
    (1, (5, 0, 1, 2, 0, 3, 1, 0)),
    (2, (0, 4, 0, 0, 1, 0, 2, 1)),
    (4, (1, 0, 6, 2, 0, 1, 0, 0)),
    (5, (0, 0, 2, 7, 0, 3, 0, 1)),
    (6, (0, 1, 0, 0, 5, 0, 2, 3)),
    (7, (2, 0, 1, 1, 0, 8, 0, 0)),
    (9, (0, 2, 0, 0, 1, 0, 9, 2)),
    (10, (0, 1, 0, 1, 0, 0, 2, 4)),
    (11, (3, 0, 3, 1, 0, 2, 0, 0)),  # tie Amusement/Awe: dropped
    (13, (0, 0, 0, 4, 0, 0, 0, 4)),  # tie Content/Sad: dropped
    (14, (1, 1, 1, 6, 0, 2, 0, 0)),
)


def name(number: int) -> str:
    return f"abstract_{number:04d}.jpg"


def winner(votes: tuple[int, ...]) -> str | None:
    best = max(votes)
    return CANONICAL[votes.index(best)] if votes.count(best) == 1 else None


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    folder = root / "testImages_abstract"
    folder.mkdir(parents=True)
    lines = ["''," + ",".join(f"'{h}'" for h in HEADER)]
    expected: dict[str, str] = {}
    for number, votes in ROWS:
        lines.append(f"'{name(number)}'," + ",".join(map(str, votes)))
        label = winner(votes)
        write_image(folder / name(number), label or "neutral", name(number))
        if label is not None:
            expected[name(number)] = label
    (folder / "ABSTRACT_groundTruth.csv").write_text("\r\n".join(lines) + "\r\n")
    return {("default", "test"): expected}


LAYOUT_FIXTURES = {"testImages_abstract": (make,)}
