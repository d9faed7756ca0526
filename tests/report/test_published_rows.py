"""The published reference rows: every figure equals the checked reference file, every row carries
its source, protocol, setting and caveats, and bad data files are refused by name."""

from __future__ import annotations

import os
import re
from pathlib import Path

import paper_files
import pytest

from ger_plugin.errors import DataError
from ger_plugin.report import reference_rows
from ger_plugin.report.reference_rows import PROTOCOL_FIELDS, SETTINGS, parse_published, published_rows

DATASET = {
    "RAF-DB (test)": "GER_RAFDB",
    "DFEW": "GER_DFEW",
    "RAVDESS": "GER_RAVDESS",
    "MER2023": "GER_MER2023",
    "CMU-MOSI": "GER_CMUMOSI",
    "CH-SIMS": "GER_CHSIMS",
}
METRIC = {"Acc": "acc", "UAR": "UAR", "WAR": "WAR", "HIT (hit rate)": "HIT", "HIT": "HIT", "WAF": "WAF"}
UNIBENCH = ("GER_MER2023", "GER_CMUMOSI", "GER_CHSIMS")


def _reference_file() -> Path:
    """shared/reference/reference-rows.md beside the checkout, or ``$GER_REFERENCE_ROWS``; missing
    fails under CI and skips elsewhere (tests/paper_files.py's rule)."""
    path = Path(os.environ.get("GER_REFERENCE_ROWS") or paper_files.DEFAULT_PAPER_TABLES.parent / "reference-rows.md")
    if not path.is_file():
        paper_files.missing(f"{path} not present (the project's shared reference folder; or set GER_REFERENCE_ROWS)")
    return path


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"\d+(?:\.\d+)?", re.sub(r"\(.*?\)", "", text))]


def reference_figures(path: Path) -> list[tuple[str, str, str, float]]:
    """(model cell, GER dataset, metric, value) for every figure of the reference file's two tables
    and of its list of further AffectGPT-image rows."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) >= 4 and cells[0] not in ("dataset",) and not cells[0].startswith("-"):
            datasets = [DATASET[d.strip()] for d in cells[0].split(" / ")]
            metrics = [METRIC[m.strip()] for m in cells[2].split(" / ")]
            values = _numbers(cells[3])
            if len(datasets) > 1:  # one metric per dataset
                out += [(cells[1], d, m, v) for d, m, v in zip(datasets, metrics, values, strict=True)]
            else:
                out += [(cells[1], datasets[0], m, v) for m, v in zip(metrics, values, strict=True)]
        bullet = re.match(r"^- ([^:]+): ([\d. /]+)$", line)
        if bullet:
            for d, v in zip(UNIBENCH, _numbers(bullet.group(2)), strict=True):
                out.append((bullet.group(1), d, "HIT" if d == "GER_MER2023" else "WAF", v))
    return out


def _stem(model: str) -> str:
    return re.split(r"[ (]", model.replace('"', ""))[0]


def test_every_published_figure_is_the_reference_files_figure():
    figures = reference_figures(_reference_file())
    assert len(figures) >= 27
    ours = [(r, metric, value) for r in published_rows() for metric, value in r.figures.items()]
    assert len(ours) == len(figures)  # nothing added, nothing left out
    for model_cell, dataset, metric, value in figures:
        hits = [
            r
            for r, m, v in ours
            if r.dataset == dataset and m == metric and v == value and _stem(r.model) in model_cell.replace('"', "")
        ]
        assert len(hits) == 1, (model_cell, dataset, metric, value, [h.model for h in hits])


def test_every_row_has_source_protocol_setting_and_the_caveats_it_needs():
    rows = published_rows()
    for row in rows:
        assert row.setting in SETTINGS
        assert all(row.protocol[f] for f in PROTOCOL_FIELDS)
        assert row.source.paper and row.source.table and (row.source.arxiv or row.source.url.startswith("https://"))
    by = {(r.model, r.dataset): r for r in rows}
    face = by[("Face-LLaVA", "GER_RAFDB")]
    assert face.setting == "held-out" and any("RAF-DB" in c and "FaceInstruct-1M" in c for c in face.caveats)
    assert by[("GPT-4o", "GER_DFEW")].protocol["modalities"].startswith("audio + video")
    assert any("not comparable" in c for c in by[("GPT-4o", "GER_DFEW")].caveats)
    for row in rows:
        if row.source.arxiv == "2501.16566":  # AffectGPT's MER-UniBench table
            assert row.protocol["vocabulary"] == "open" and any("MER-UniBench" in c for c in row.caveats)
    assert any("MER2023 is not truly unseen" in c for c in by[("Emotion-LLaMA (A+V+T)", "GER_MER2023")].caveats)
    assert len({r.dataset for r in rows if r.dataset == "GER_RAFDB"}) == 1
    assert sum(r.dataset == "GER_RAFDB" for r in rows) == 8


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda row: row.update(dataset="GER_Nope"), "dataset"),
        (lambda row: row.update(setting="few-shot"), "setting"),
        (lambda row: row["protocol"].pop("frames"), "protocol"),
        (lambda row: row.update(source="nowhere"), "source"),
        (lambda row: row.update(figures={"acc": "high"}), "figures"),
    ],
)
def test_a_bad_row_is_refused_naming_the_row_and_field(change, field):
    import yaml

    text = (Path(reference_rows.__file__).parent / reference_rows.PUBLISHED_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    change(data["rows"][2])
    with pytest.raises(DataError, match=rf"row 3.*|field '{field}'") as err:
        parse_published(data, "published_rows.yaml")
    assert "row 3" in str(err.value) and f"'{field}'" in str(err.value)
