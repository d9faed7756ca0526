"""CK+ fixture: a few sequences as in extended-cohn-kanade-images.zip + Emotion_labels.zip.

Pitfalls: both zips unpack one level deeper, codes are MATLAB floats with leading spaces, frame
names cross a digit boundary (...09, ...10), an Emotion folder is empty, a sequence has no
Emotion folder at all, a .DS_Store sits among frames, and one sequence is in colour.
"""

from __future__ import annotations

from pathlib import Path

from release_fixtures._images import write_image

CODES = {1: "angry", 2: "contempt", 3: "disgusted", 4: "fearful", 5: "happy", 6: "sad", 7: "surprised"}
#: (subject, sequence, number of frames, emotion code or None when unlabelled)
SEQUENCES = (
    ("S005", "001", 5, 3),
    ("S010", "002", 11, 7),
    ("S011", "001", 4, 1),
    ("S011", "002", 6, None),  # empty Emotion folder
    ("S014", "003", 4, None),  # no Emotion folder
    ("S020", "001", 3, 2),
    ("S022", "001", 7, 5),
    ("S026", "004", 4, 4),
    ("S032", "005", 5, 6),
)
COLOUR_SEQUENCE = ("S022", "001")


def frame_name(subject: str, sequence: str, frame: int) -> str:
    return f"{subject}_{sequence}_{frame:08d}.png"


def make(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    images = root / "extended-cohn-kanade-images" / "cohn-kanade-images"
    emotions = root / "Emotion_labels" / "Emotion"
    expected: dict[str, str] = {}
    for subject, sequence, count, code in SEQUENCES:
        label = CODES.get(code, "neutral")
        mode = "RGB" if (subject, sequence) == COLOUR_SEQUENCE else "L"
        names = [frame_name(subject, sequence, i) for i in range(1, count + 1)]
        for name in names:
            write_image(images / subject / sequence / name, label, name, size=(24, 20), mode=mode)
        if code is None:
            if sequence == "002":
                (emotions / subject / sequence).mkdir(parents=True, exist_ok=True)
            continue
        label_file = emotions / subject / sequence / names[-1].replace(".png", "_emotion.txt")
        label_file.parent.mkdir(parents=True, exist_ok=True)
        label_file.write_text(f"   {code:.7e}\n")
        expected.update({name: label for name in names[-3:]})
    (images / "S022" / "001" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    return {("default", "test"): expected}


#: CK+48 folder per official code
CK48_FOLDERS = {1: "anger", 2: "contempt", 3: "disgust", 4: "fear", 5: "happy", 6: "sadness", 7: "surprise"}


def make_ck48(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """Kaggle's CK+48: ``ck/CK+48/<emotion>/<original frame name>``, the last 3 frames of each
    labelled sequence as 48x48 grayscale crops."""
    base = root / "ck" / "CK+48"
    expected: dict[str, str] = {}
    for subject, sequence, count, code in SEQUENCES:
        if code is None:
            continue
        for frame in range(count - 2, count + 1):
            name = frame_name(subject, sequence, frame)
            write_image(base / CK48_FOLDERS[code] / name, CODES[code], name, size=(48, 48), mode="L")
            expected[name] = CODES[code]
    return {("default", "test"): expected}


LAYOUT_FIXTURES = {"official": (make,), "CK+48": (make_ck48,)}
