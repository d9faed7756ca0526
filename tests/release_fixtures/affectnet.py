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


def make_compressed(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """As the two official zips unpack: ``Manually_Annotated_compressed/Manually_Annotated_Images/``."""
    expected = make(root / "AffectNet")
    images = root / "AffectNet" / "Manually_Annotated_Images"
    target = root / "AffectNet" / "Manually_Annotated_compressed"
    target.mkdir()
    images.rename(target / "Manually_Annotated_Images")
    return expected


def make_val_set(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """The newer release: ``val_set/images/<n>.jpg`` + ``val_set/annotations/<n>_{exp,val,aro}.npy``."""
    import numpy as np

    base = root / "affectNet"
    expected: dict[str, str] = {}
    (base / "val_set" / "annotations").mkdir(parents=True)
    for n, (_name, code, valence, arousal) in enumerate(VALIDATION[:8]):
        number = str(n * 7 + 3)
        label = CODES[code]
        write_image(base / "val_set" / "images" / f"{number}.jpg", label, number, size=(30, 34))
        np.save(base / "val_set" / "annotations" / f"{number}_exp.npy", np.array(str(code)))
        np.save(base / "val_set" / "annotations" / f"{number}_val.npy", np.array(str(valence)))
        np.save(base / "val_set" / "annotations" / f"{number}_aro.npy", np.array(str(arousal)))
        expected[f"val_set/{number}"] = label
    write_image(base / "train_set" / "images" / "0.jpg", "happy", "0")
    (base / "train_set" / "annotations").mkdir(parents=True)
    np.save(base / "train_set" / "annotations" / "0_exp.npy", np.array("1"))
    return {("default", "test"): expected}


def make_class_folders(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """A community repack: ``AffectNet/{train,val}/{0..7}/*.jpg`` (refused)."""
    for split in ("train", "val"):
        for code, label in enumerate(CODES):
            write_image(root / "AffectNet" / split / str(code) / f"{split}{code}.jpg", label, f"{split}{code}")
    return {}


def make_yolo(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """A community YOLO repack with ``data.yaml`` (refused)."""
    base = root / "AffectNet" / "YOLO_format"
    (base / "valid" / "labels").mkdir(parents=True)
    (base / "valid" / "labels" / "a.txt").write_text("3 0.5 0.5 0.4 0.4\n")
    write_image(base / "valid" / "images" / "a.jpg", "happy", "a")
    (base / "data.yaml").write_text("nc: 8\nnames: [Anger, Contempt, Disgust, Fear, Happy, Neutral, Sad, Surprise]\n")
    return {}


LAYOUT_FIXTURES = {
    "Manually_Annotated": (make, make_compressed),
    "val_set": (make_val_set,),
    "class-folders": (make_class_folders,),
    "YOLO_format": (make_yolo,),
}
