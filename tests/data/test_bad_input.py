"""Bad input where a user can give it, through the CLI: each gives one clear line naming the file
and record/field, or (with ``--skip-bad``) is skipped, listed and recorded, and the rest still works.

Raw releases are the real fixture layouts of ``release_fixtures`` with one file damaged.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ger_result_fixtures import run_model
from media_helpers import make_video
from release_fixtures import casme2, mer2023, rafdb, ravdess
from release_fixtures._sheets import write_xlsx

from ger_plugin import commands
from ger_plugin.data import hub
from ger_plugin.data.build import FORMAT_FILE
from ger_plugin.errors import GerError


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("GER_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _prepare(capsys, *argv: str) -> tuple[int, str, str]:
    code = commands.main(["prepare", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _error_line(err: str) -> str:
    """The CLI's error line; progress bars share stderr, so only ``ger ...: error:`` lines count."""
    lines = [line for line in err.splitlines() if line.startswith("ger prepare: error:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def _truncate(path: Path, fraction: float) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])


# --------------------------------------------------------------------------------------
# Corrupt media in a raw release
# --------------------------------------------------------------------------------------


def test_truncated_image_stops_the_build_naming_file_and_record(tmp_path, home, capsys):
    raw = tmp_path / "raw"
    expected = rafdb.make(raw)[("default", "test")]
    bad = raw / "basic" / "Image" / "original" / "original" / "test_0003.jpg"
    _truncate(bad, 0.5)

    code, _, err = _prepare(capsys, "rafdb", "--raw", str(raw))
    assert code == 2
    line = _error_line(err)
    assert "'test_0003.jpg'" in line and str(bad) in line and "field 'image'" in line and "--skip-bad" in line
    assert not (home / "datasets").exists() or not any((home / "datasets").iterdir())  # nothing half-built

    code, out, err = _prepare(capsys, "rafdb", "--raw", str(raw), "--skip-bad")
    assert code == 0
    assert f"skipped test_0003.jpg: {bad}" in err
    assert "1 records skipped" in out
    folder = home / "datasets" / "GER_RAFDB"
    manifest = json.loads((folder / FORMAT_FILE).read_text())
    [skipped] = manifest["skipped"]
    assert skipped["id"] == "test_0003.jpg" and str(bad) in skipped["reason"]
    ds = hub.load_ger_dataset("GER_RAFDB")
    assert sorted(ds["id"]) == sorted(set(expected) - {"test_0003.jpg"})


def test_image_that_is_not_an_image_is_named(tmp_path, home, capsys):
    raw = tmp_path / "raw"
    rafdb.make(raw)
    bad = raw / "basic" / "Image" / "original" / "original" / "test_0007.jpg"
    bad.write_text("<html>404 Not Found</html>")
    code, _, err = _prepare(capsys, "rafdb", "--raw", str(raw))
    line = _error_line(err)
    assert code == 2 and str(bad) in line and "'test_0007.jpg'" in line and "unreadable image" in line


@pytest.mark.parametrize("damage", ["truncated", "garbage", "cut_mid_stream"])
def test_corrupt_video_stops_the_build_or_is_skipped(tmp_path, home, capsys, damage):
    raw = tmp_path / "raw"
    expected = ravdess.make(raw)[("default", "test")]
    bad_id = sorted(expected)[3]
    bad = next(raw.rglob(f"{bad_id}.mp4"))
    if damage == "truncated":  # the mp4 index is lost: the container does not open
        _truncate(bad, 0.3)
    elif damage == "garbage":
        bad.write_bytes(b"\x00garbage" * 64)
    else:  # a streamable container cut short: it opens, but frames are missing at the end
        clip = make_video(tmp_path / "clip.webm", 60, fps=10)
        bad.write_bytes(clip.read_bytes()[: int(clip.stat().st_size * 0.6)])

    code, _, err = _prepare(capsys, "ravdess", "--raw", str(raw))
    line = _error_line(err)
    assert code == 2 and repr(bad_id) in line and str(bad) in line and "--skip-bad" in line
    if damage == "cut_mid_stream":
        assert "truncated video" in line

    code, out, err = _prepare(capsys, "ravdess", "--raw", str(raw), "--skip-bad")
    assert code == 0 and f"skipped {bad_id}: {bad}" in err
    manifest = json.loads((home / "datasets" / "GER_RAVDESS" / FORMAT_FILE).read_text())
    assert [s["id"] for s in manifest["skipped"]] == [bad_id]
    ds = hub.load_ger_dataset("GER_RAVDESS")
    assert sorted(ds["id"]) == sorted(set(expected) - {bad_id})
    assert all(len(frames) == 16 for frames in ds["frames"])


def test_truncated_avi_whose_index_is_lost_is_named(tmp_path, home, capsys):
    raw = tmp_path / "raw"
    mer2023.make(raw)
    bad = raw / "MER2023" / "test1" / f"{mer2023.name(1)}.avi"
    _truncate(bad, 0.6)
    code, _, err = _prepare(capsys, "mer2023", "--raw", str(raw))
    line = _error_line(err)
    assert code == 2 and repr(mer2023.name(1)) in line and str(bad) in line


def test_corrupt_apex_frame_of_a_micro_expression_is_named(tmp_path, home, capsys):
    raw = tmp_path / "raw"
    casme2.make(raw)
    # the apex frame (11) of subject 2's EP03_02
    bad = next(raw.rglob("sub02/EP03_02/img11.jpg"))
    _truncate(bad, 0.4)
    code, _, err = _prepare(capsys, "casme2", "--raw", str(raw))
    line = _error_line(err)
    assert code == 2 and "'sub02_EP03_02'" in line and str(bad) in line and "field 'apex'" in line
    code, _, err = _prepare(capsys, "casme2", "--raw", str(raw), "--skip-bad")
    assert code == 0 and "skipped sub02_EP03_02:" in err
    assert "sub02_EP03_02" not in hub.load_ger_dataset("GER_CASME2")["id"]


def test_every_record_bad_is_an_error_even_with_skip_bad(tmp_path, home, capsys):
    raw = tmp_path / "raw"
    rafdb.make(raw)
    for image in (raw / "basic" / "Image" / "original" / "original").glob("test_*.jpg"):
        image.write_bytes(b"")
    code, _, err = _prepare(capsys, "rafdb", "--raw", str(raw), "--skip-bad")
    line = _error_line(err)
    assert code == 2 and "every record" in line and "test_0001.jpg" in line


# --------------------------------------------------------------------------------------
# Wrong or missing annotation columns
# --------------------------------------------------------------------------------------


def test_renamed_csv_column_names_file_and_column(tmp_path, home, capsys):
    raw = tmp_path / "raw"
    mer2023.make(raw)
    labels = raw / "MER2023" / "test1-label.csv"
    labels.write_text(labels.read_text().replace("discrete", "emotion", 1))
    code, _, err = _prepare(capsys, "mer2023", "--raw", str(raw))
    line = _error_line(err)
    assert code == 2 and str(labels) in line and "missing column(s) ['discrete']" in line and "'emotion'" in line


def test_renamed_xlsx_column_names_file_and_column(tmp_path, home, capsys):
    raw = tmp_path / "raw"
    casme2.make(raw)
    sheet = raw / "CASME2" / casme2.SHEET
    header = [("Emotion" if h == "Estimated Emotion" else h) for h in casme2.HEADER]
    write_xlsx(
        sheet, header, [(s, n, None, on, ap, off, None, au, emo) for s, n, on, ap, off, au, emo, _ in casme2.SAMPLES]
    )
    code, _, err = _prepare(capsys, "casme2", "--raw", str(raw))
    line = _error_line(err)
    assert code == 2 and str(sheet) in line and "missing column(s) ['Estimated Emotion']" in line
    assert "'Emotion'" in line  # what was found instead, so the rename is obvious


def test_missing_annotation_column_value_names_line_and_field(tmp_path, home, capsys):
    raw = tmp_path / "raw"
    mer2023.make(raw)
    labels = raw / "MER2023" / "test1-label.csv"
    lines = labels.read_text().splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ",not-a-number"
    labels.write_text("\n".join(lines) + "\n")
    code, _, err = _prepare(capsys, "mer2023", "--raw", str(raw))
    line = _error_line(err)
    assert code == 2 and f"{labels}, line 4, field 'valence'" in line


def test_corrupt_spreadsheet_is_named(tmp_path, home, capsys):
    raw = tmp_path / "raw"
    casme2.make(raw)
    sheet = raw / "CASME2" / casme2.SHEET
    sheet.write_bytes(b"PK\x03\x04 not really a workbook")
    code, _, err = _prepare(capsys, "casme2", "--raw", str(raw))
    line = _error_line(err)
    assert code == 2 and str(sheet) in line and "cannot read the table" in line


# --------------------------------------------------------------------------------------
# A dataset folder from another format version
# --------------------------------------------------------------------------------------


@pytest.fixture
def prepared(tmp_path, home, capsys) -> Path:
    raw = tmp_path / "raw"
    rafdb.make(raw)
    assert _prepare(capsys, "rafdb", "--raw", str(raw))[0] == 0
    return home / "datasets" / "GER_RAFDB"


@pytest.mark.parametrize(
    "version, wanted",
    [
        (0, r"format v0.*re-run `ger prepare GER_RAFDB --raw DIR`"),
        (999, r"newer than this ger-plugin.*upgrade ger-plugin"),
    ],
)
def test_folder_of_another_format_version_says_what_to_do(prepared, version, wanted):
    manifest_path = prepared / FORMAT_FILE
    manifest = json.loads(manifest_path.read_text())
    manifest["format_version"] = version
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(GerError, match=wanted) as caught:
        hub.load_ger_dataset("GER_RAFDB")
    assert str(prepared) in str(caught.value)


@pytest.mark.parametrize("damage", ["missing", "not json", "no version"])
def test_folder_without_a_readable_manifest_says_what_to_do(prepared, damage):
    manifest_path = prepared / FORMAT_FILE
    if damage == "missing":
        manifest_path.unlink()
    elif damage == "not json":
        manifest_path.write_text("{truncated")
    else:
        manifest_path.write_text(json.dumps({"source": "rafdb"}))
    with pytest.raises(GerError, match=r"not a GER dataset folder.*re-run `ger prepare GER_RAFDB"):
        hub.load_ger_dataset("GER_RAFDB")


# --------------------------------------------------------------------------------------
# Results folders with stray files
# --------------------------------------------------------------------------------------

CK_LABEL = "name,gt,gpt4v\nS1.png,happy,\nS2.png,sad,\n"
CK_PRED = 'name,gt,gpt4v\nS1,happy,"happy,sad"\nS2,sad,"happy"\n'


def test_reproduce_ignores_stray_files_and_names_malformed_ones(tmp_path, capsys):
    results = tmp_path / "results"
    (results / "ckplus").mkdir(parents=True)
    (results / "ckplus" / "label.csv").write_text(CK_LABEL)
    (results / "ckplus" / "label-gpt4v.csv").write_text(CK_PRED)
    # stray: OS debris, notes, an unknown dataset folder, a binary file, an extra csv
    (results / ".DS_Store").write_bytes(b"\x00\x01Bud1\xff")
    (results / "README.txt").write_text("my notes")
    (results / "my_dataset").mkdir()
    (results / "my_dataset" / "label-gpt4v.csv").write_text("garbage\x00")
    (results / "ckplus" / "label-gpt4v-old.csv").write_bytes(b"\xff\xfe broken")
    (results / "ckplus" / "plot.png").write_bytes(b"\x89PNG")
    # malformed: a known dataset's prediction file that is not UTF-8
    (results / "sfew2").mkdir()
    (results / "sfew2" / "label.csv").write_text("name,gt,gpt4v\nx.png,Happy,\n")
    bad = results / "sfew2" / "label-gpt4v.csv"
    bad.write_bytes(b"name,gt,gpt4v\nx,Happy,\xff\xfe\n")

    assert commands.main(["reproduce-paper", "--results", str(results), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert [row["dataset"] for row in json.loads(out)] == ["GER_CKPlus"]
    assert f"{bad}: not UTF-8 text" in err
    for stray in (".DS_Store", "README.txt", "my_dataset", "label-gpt4v-old.csv", "plot.png"):
        assert stray not in err
    assert "Traceback" not in err


def test_leaderboard_skips_foreign_files_and_names_broken_result_files(tmp_path, capsys):
    run_model(tmp_path, "Good", ["GER_CKPlus"], skill=0.6, seed=5)
    folder = tmp_path / "Good"
    # the host's own outputs and unrelated files beside ours: not result files, silently ignored
    (folder / "Good_GER_CKPlus.xlsx").write_bytes(b"PK\x03\x04")
    (folder / "Good_GER_CKPlus_acc.json").write_text(json.dumps({"acc": 0.5}))
    (folder / "notes.txt").write_text("n/a")
    # named like ours but broken: each named and skipped
    binary = folder / "Good_GER_RAFDB_ger_metrics.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0 a JPEG by mistake")
    listing = folder / "Good_GER_SAMM_ger_metrics.json"
    listing.write_text(json.dumps([1, 2, 3]))
    (folder / "Good_GER_CASME_ger_metrics.json").mkdir()  # a folder with a result file's name

    out_file = tmp_path / "board.md"
    assert commands.main(["leaderboard", "--work-dir", str(tmp_path), "--out", str(out_file)]) == 0
    err = capsys.readouterr().err
    assert f"skipping {binary}" in err and f"skipping {listing}" in err
    for ignored in ("Good_GER_CKPlus.xlsx", "Good_GER_CKPlus_acc.json", "notes.txt", "Good_GER_CASME"):
        assert ignored not in err
    assert "Traceback" not in err
    assert "| Good |" in out_file.read_text()
