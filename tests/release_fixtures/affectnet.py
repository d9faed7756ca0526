"""AffectNet fixture: Manually_Annotated_file_lists/{training,validation}.csv and Manually_Annotated_Images/.

Pitfalls: validation.csv without a header line (training.csv with one), codes 8-10 to skip,
valence -2 meaning "not applicable", and mixed image formats (jpg, JPG, png, jpeg, tif).
"""

from __future__ import annotations

from pathlib import Path

from release_fixtures._images import write_image

HEADER = "subDirectory_filePath,face_x,face_y,face_width,face_height,facial_landmarks,expression,valence,arousal"
CODES = ("neutral", "happy", "sad", "surprised", "fearful", "disgusted", "angry", "contempt")
#: validation rows: (subDirectory_filePath, expression, valence, arousal)
VALIDATION = (
    ("1/1957a923aa416.JPG", 0, 0.05, -0.1),
    ("12/a0b1c2d3e4.jpg", 1, 0.8, 0.3),
    ("12/a0b1c2d3e5.png", 2, -0.6, -0.2),
    ("637/c7fd0a5cc.tif", 3, 0.1, 0.9),
    ("40/f00d.jpeg", 4, -0.5, 0.7),
    ("40/f00e.jpg", 5, -0.7, 0.4),
    ("1347/beef.jpg", 6, -0.4, 0.6),
    ("1347/bef0.jpg", 7, -0.2, 0.1),
    ("2/none01.jpg", 8, -0.1, 0.2),
    ("2/uncertain01.jpg", 9, -2, -2),
    ("3/noface01.jpg", 10, -2, -2),
    ("3/happy02.jpg", 1, -2, -2),
)


def row(name: str, code: int, valence: float, arousal: float) -> str:
    landmarks = ";".join(f"{x}.5" for x in range(136))
    return f"{name},10,12,80,80,{landmarks},{code},{valence},{arousal}\n"


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    lists = root / "Manually_Annotated_file_lists"
    lists.mkdir(parents=True)
    (lists / "validation.csv").write_text("".join(row(*r) for r in VALIDATION))
    (lists / "training.csv").write_text(HEADER + "\n" + row("99/train01.jpg", 1, 0.5, 0.5))
    expected: dict[str, str] = {}
    for name, code, _, _ in VALIDATION:
        label = CODES[code] if code < len(CODES) else "others"
        write_image(root / "Manually_Annotated_Images" / name, label, name, size=(30, 34))
        if code < len(CODES):
            expected[name] = label
    write_image(root / "Manually_Annotated_Images" / "99" / "train01.jpg", "happy", "99/train01.jpg")
    return {("default", "test"): expected}
