"""AffectNet reader: the official validation set, expressions 0-7 (the paper's 8 x 500 images).

Two official releases are read:

* 2017 (the paper's): ``Manually_Annotated_file_lists/validation.csv`` (``subDirectory_filePath,
  face_x, face_y, face_width, face_height, facial_landmarks, expression, valence, arousal``; a
  header line may or may not be present) beside the images, which unzip as
  ``Manually_Annotated_compressed/Manually_Annotated_Images/<subDirectory>/<file>`` (mixed jpg,
  JPG, png...; also found without the ``_compressed`` level). Codes 8-10 (None, Uncertain,
  No-Face) are skipped. Ids are ``subDirectory_filePath`` as in the paper's list.
* the newer one: ``val_set/images/<n>.jpg`` with ``val_set/annotations/<n>_exp.npy`` (the code),
  ``<n>_val.npy``, ``<n>_aro.npy`` (and ``_lnd``). Ids are ``val_set/<n>``: numbers, which cannot be
  joined to the paper's list by name; the classes and the 500 images per class are the same.

Class-folder repacks (``train|val|test/0..7/``, YOLO ``labels/``) are refused: nothing in them says
which images are the official validation set.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common import image_path, read_text
from ger_plugin.errors import DataError

CONFIGS = ("default",)
COLUMNS = (
    "subDirectory_filePath",
    "face_x",
    "face_y",
    "face_width",
    "face_height",
    "facial_landmarks",
    "expression",
    "valence",
    "arousal",
)
LISTS = {"test": "validation.csv"}
NOT_APPLICABLE = -2.0  # valence/arousal value meaning "not applicable"; stored as None
_ORIGINAL = "the official release, requested at http://mohammadmahoor.com/affectnet/"
LAYOUTS = (
    Layout(
        "Manually_Annotated",
        "official",
        "Manually_Annotated_file_lists/validation.csv beside "
        "Manually_Annotated_compressed/Manually_Annotated_Images/<n>/<file>.jpg",
        (
            Need(
                "lists",
                ("Manually_Annotated_file_lists/", "Manually_Annotated/Manually_Annotated_file_lists/"),
                contains="validation.csv",
            ),
            Need(
                "images",
                (
                    "Manually_Annotated_compressed/Manually_Annotated_Images/",
                    "Manually_Annotated_Images/",
                    "Manually_Annotated/Manually_Annotated_Images/",
                ),
            ),
        ),
        "public loaders: os.path.join(dataset_dir, 'Manually_Annotated_compressed', 'Manually_Annotated_Images') "
        "and os.path.join(dataset_dir, 'Manually_Annotated_file_lists', 'validation.csv')",
    ),
    Layout(
        "val_set",
        "official",
        "val_set/images/<n>.jpg with val_set/annotations/<n>_exp.npy (_val, _aro, _lnd)",
        (Need("images", ("val_set/images/",)), Need("annotations", ("val_set/annotations/",), contains="*_exp.npy")),
        "public loaders: np.load(f'{partition_folder}/annotations/{image_id}_exp.npy') for affectNet/train_set, val_set",
    ),
    Layout(
        "class-folders",
        "repack",
        "train|val|test/<0..7>/*.jpg (one folder per expression code)",
        (Need("classes", ("val/", "valid/", "validation/", "test/"), contains="7/"),),
        "community repacks of AffectNet (e.g. a Google Drive 'Data/AffectNet/{train,val,test}/{0..7}')",
        refusal="class folders do not say which images are the official validation set (validation.csv); "
        f"use {_ORIGINAL}",
    ),
    Layout(
        "YOLO_format",
        "repack",
        "YOLO_format/{train,valid,test}/{images,labels}/ with data.yaml",
        (Need("yaml", ("data.yaml", "YOLO_format/data.yaml")),),
        "community YOLO repack (AffectNet/YOLO_format/... with data.yaml)",
        refusal=f"a YOLO repack has no validation.csv and no link to the official validation set; use {_ORIGINAL}",
    ),
)


def extra_features() -> dict:
    import datasets as ds

    return {"valence": ds.Value("float32"), "arousal": ds.Value("float32")}


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("affectnet", config, split)
    found = locate(raw_dir, LAYOUTS, what="AffectNet")
    if found.layout.name == "val_set":
        yield from _read_val_set(entry, found["images"], found["annotations"])
        return
    listing, images = found["lists"] / LISTS[split], found["images"]
    column = {name: i for i, name in enumerate(COLUMNS)}
    for line, row in enumerate(csv.reader(io.StringIO(read_text(listing), newline="")), start=1):
        if not row or (line == 1 and row[0].strip() == COLUMNS[0]):
            continue  # blank line or the optional header
        if len(row) != len(COLUMNS):
            raise DataError(
                f"expected {len(COLUMNS)} fields ({', '.join(COLUMNS)}), found {len(row)}", path=listing, line=line
            )
        name, code = row[column["subDirectory_filePath"]].strip(), row[column["expression"]].strip()
        label = map_label(entry, code, path=listing, line=line, field="expression")
        if label is None:
            continue
        yield {
            "id": name,
            "label": label,
            "label_original": code,
            "image": image_path(images, name, listed_in=listing, line=line),
            "valence": _score(row[column["valence"]], listing, line, "valence"),
            "arousal": _score(row[column["arousal"]], listing, line, "arousal"),
        }


def _read_val_set(entry, images: Path, annotations: Path) -> Iterator[dict]:
    for path in sorted(annotations.glob("*_exp.npy"), key=lambda p: _numeric(p.name[: -len("_exp.npy")])):
        number = path.name[: -len("_exp.npy")]
        code = _npy_text(path)
        label = map_label(entry, code, path=path, field="expression")
        if label is None:
            continue
        image = next(
            (images / f"{number}{s}" for s in (".jpg", ".png", ".jpeg") if (images / f"{number}{s}").is_file()), None
        )
        if image is None:
            raise DataError(
                f"image {number}.jpg of this annotation is missing: expected {images / (number + '.jpg')}", path=path
            )
        yield {
            "id": f"val_set/{number}",
            "label": label,
            "label_original": code,
            "image": str(image),
            "valence": _npy_score(annotations / f"{number}_val.npy"),
            "arousal": _npy_score(annotations / f"{number}_aro.npy"),
        }


def _numeric(text: str) -> tuple[int, str]:
    return (int(text), text) if text.isdigit() else (1 << 62, text)


def _npy_value(path: Path) -> object:
    import numpy as np

    try:
        value = np.load(path, allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read the .npy annotation ({exc})", path=path) from None
    return value.item() if value.shape == () else value.reshape(-1)[0].item()


def _npy_text(path: Path) -> str:
    value = _npy_value(path)
    try:
        number = float(str(value))  # stored as text ('3') or a number
    except (TypeError, ValueError):
        raise DataError(f"expected an expression code, found {value!r}", path=path) from None
    return str(int(number)) if number.is_integer() else str(value)


def _npy_score(path: Path) -> float | None:
    if not path.is_file():
        return None
    try:
        value = float(_npy_value(path))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise DataError("expected a number", path=path) from None
    return None if value == NOT_APPLICABLE else value


def _score(text: str, path: Path, line: int, field: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        raise DataError(f"expected a number, found {text!r}", path=path, line=line, field=field) from None
    return None if value == NOT_APPLICABLE else value
