"""Twitter II reader (SentiBank benchmark, Borth et al. 2013): every listed image present on disk.

Layout: ``twitter/groundTruthLabel.txt`` (tab-separated, CRLF, header ``Image<TAB>Sentiment``,
rows ``1.jpg<TAB>positive``; 810 rows) and ``twitter/partition1..5/<n>.jpg``. Only the images
actually present count (603); the partition is kept as ``fold``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ger_plugin.data.layouts import Layout, Need, locate
from ger_plugin.data.sources import entry_for, map_label
from ger_plugin.data.sources._common import (
    list_images,
    read_text,
    subfolders,
)
from ger_plugin.errors import DataError

CONFIGS = ("default",)
LAYOUTS = (
    Layout(
        "twitter",
        "official",
        "twitter/groundTruthLabel.txt with twitter/partition1..5/<n>.jpg (twitter.rar unpacked)",
        (Need("listing", ("groundTruthLabel.txt",)),),
        "Columbia DVMM SentiBank download page (twitter.rar); reference datasets-fer-vsa.md section 7",
    ),
)
HEADER = ["Image", "Sentiment"]
PARTITION = re.compile(r"partition(\d+)$")


def extra_features() -> dict:
    import datasets as ds

    return {"fold": ds.Value("int8")}  # the release's partition folder (1-5)


def read(raw_dir: str | Path, *, config: str = "default", split: str = "test") -> Iterator[dict]:
    entry = entry_for("twitter2", config, split)
    root = locate(raw_dir, LAYOUTS, what="Twitter II")["listing"].parent
    listing = root / "groundTruthLabel.txt"
    on_disk: dict[str, tuple[Path, int]] = {}
    for folder in subfolders(root):
        match = PARTITION.match(folder.name)
        if match is None:
            continue
        for image in list_images(folder):
            if image.name in on_disk:
                raise DataError(f"image {image.name} is in two partitions (also {on_disk[image.name][0]})", path=image)
            on_disk[image.name] = (image, int(match.group(1)))
    if not on_disk:
        raise DataError(
            "expected images in partition1 ... partition5 beside groundTruthLabel.txt, found none", path=root
        )
    lines = read_text(listing).splitlines()  # CRLF and LF alike
    if not lines or lines[0].strip().split("\t") != HEADER:
        raise DataError(f"expected the header {'<TAB>'.join(HEADER)}", path=listing, line=1)
    listed: set[str] = set()
    for line, text in enumerate(lines[1:], start=2):
        if not text.strip():
            continue
        fields = [f.strip() for f in text.split("\t")]
        if len(fields) != 2:
            raise DataError(f"expected '<image><TAB><sentiment>', found {text!r}", path=listing, line=line)
        name, sentiment = fields
        listed.add(name)
        label = map_label(entry, sentiment, path=listing, line=line, field="Sentiment")
        if label is None or name not in on_disk:
            continue  # listed images without a file are not part of the set
        image, fold = on_disk[name]
        yield {"id": name, "label": label, "label_original": sentiment, "image": str(image.resolve()), "fold": fold}
    unlisted = sorted(set(on_disk) - listed)
    if unlisted:
        raise DataError(
            f"{len(unlisted)} image(s) on disk have no label line, e.g. {on_disk[unlisted[0]][0]}", path=listing
        )
