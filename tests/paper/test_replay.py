"""`ger reproduce-paper`: the published numbers, the JSON contract, bad input, and the download path."""

from __future__ import annotations

import http.server
import io
import json
import socket
import tarfile
import threading
from pathlib import Path

import pytest

from ger_plugin import catalog
from ger_plugin.commands import main
from ger_plugin.errors import GerError
from ger_plugin.paper.replay import JSON_KEYS, download_results, replay

REV = catalog.PAPER_RESULTS_REVISION


def expected_rows(results: Path) -> int:
    """How many published numbers the folder's prediction files should give (derived from the catalog)."""
    return sum(
        len(e.paper.metrics)
        for e in catalog.paper_entries()
        if e.paper_run and (results / e.paper_run.results_dir / e.paper_run.prediction_file).is_file()
    )


# --------------------------------------------------------------------------------------
# The released predictions ($GER_PAPER_RESULTS)
# --------------------------------------------------------------------------------------


def test_paper_protocol_reproduces_every_published_number(paper_results):
    report = replay(paper_results)
    assert report.errors == []
    assert len(report.rows) == expected_rows(paper_results) > 0
    mismatches = [
        (r["dataset"], r["metric"], r["paper"], r["paper_protocol"])
        for r in report.rows
        if round(r["paper_protocol"], 2) != r["paper"]
    ]
    assert mismatches == []


def test_json_output(paper_results, capsys):
    assert main(["reproduce-paper", "--results", str(paper_results), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == expected_rows(paper_results)
    for row in rows:
        assert tuple(row) == JSON_KEYS
        assert row["metric"] in {"acc", "WAR", "UAR", "WF1"} and 3 <= row["table"] <= 7
        assert 0 <= row["invalid"] <= row["answered"] <= row["total"]
        assert 0 <= row["ger_acc"] <= 100
    by = {(r["dataset"], r["metric"]): r for r in rows}
    if (paper_results / "dfew").is_dir():
        assert {("GER_DFEW", "WAR"), ("GER_DFEW", "UAR")} <= set(by)
    if (paper_results / "mer2023").is_dir():
        # canonical labels credit the "surprised" answers the paper scored wrong
        assert by[("GER_MER2023", "acc")]["ger_acc"] > by[("GER_MER2023", "acc")]["paper"]
        assert by[("GER_MER2023", "acc")]["total"] == 411
    if (paper_results / "cmumosi").is_dir():
        label_rows = (paper_results / "cmumosi" / "label.csv").read_text().splitlines()[1:]
        nonzero = sum(float(line.split(",")[1]) != 0 for line in label_rows)
        assert by[("GER_CMUMOSI", "WF1")]["total"] == nonzero < len(label_rows)
    if (paper_results / "abstract").is_dir():
        # 8-emotion accuracy over the full label list, far below the polarity accuracy
        assert by[("GER_Abstract", "acc")]["total"] == 229
        assert by[("GER_Abstract", "acc")]["ger_acc"] < by[("GER_Abstract", "acc")]["paper"] - 20


def test_text_table(paper_results, capsys):
    assert main(["reproduce-paper", "--results", str(paper_results)]) == 0
    out = capsys.readouterr().out
    assert "paper protocol" in out and "ger protocol" in out
    n = expected_rows(paper_results)
    assert f"{n} of {n} published numbers reproduced" in out


# --------------------------------------------------------------------------------------
# Bad input (synthetic folders)
# --------------------------------------------------------------------------------------

CK_LABEL = "name,gt,gpt4v\nS1_001_1.png,happy,\nS1_001_2.png,sadness,\nS1_001_3.png,fear,\nS1_001_4.png,anger,\n"
CK_PRED = (
    'name,gt,gpt4v\nS1_001_1,happy,"happy,sadness"\nS1_001_2,sadness,"neutral,sadness"\nS1_001_3,fear,"surprise,fear"\n'
)


def write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_small_folder_scores_both_protocols(tmp_path):
    write(tmp_path / "ckplus", {"label.csv": CK_LABEL, "label-gpt4v.csv": CK_PRED})
    [row] = replay(tmp_path).rows
    assert row["dataset"] == "GER_CKPlus" and row["paper_protocol"] == pytest.approx(100 / 3)
    # ger: 4 samples, 1 unanswered, "neutral" skipped for the next in-set label -> 2 right
    assert (row["ger_acc"], row["answered"], row["total"], row["invalid"]) == (50.0, 3, 4, 0)


def test_bad_files_are_named_and_the_rest_still_reported(tmp_path, capsys):
    write(tmp_path / "ckplus", {"label.csv": CK_LABEL, "label-gpt4v.csv": CK_PRED})
    write(tmp_path / "sfew2", {"label.csv": "name,gt\nx.png,Happy\n", "label-gpt4v.csv": "name,gt\nx,Happy\n"})
    write(
        tmp_path / "casme2",
        {
            "label.csv": "name,gt,gpt4v\na.jpg,happiness,\nb.jpg,grumpiness,\n",
            "label-gpt4v.csv": 'name,gt,gpt4v\na,happiness,"happiness"\n',
        },
    )
    write(
        tmp_path / "casme1",
        {
            "label.csv": "name,gt,gpt4v\na.jpg,tense,\n",
            "label-gpt4v.csv": 'name,gt,gpt4v\na,tense,"tense\nb,tense,"tense"\n',
        },
    )
    write(
        tmp_path / "dfew",
        {"label.csv": "name,gt,gpt4v\n1,Happy,\n", "label-gpt4v.csv": 'name,gt,gpt4v\n1,Happy,"Happy",extra\n'},
    )
    write(tmp_path / "ravdess", {"label.csv": "name,gt,gpt4v\n1.mp4,happy,\n"})  # prediction file missing
    assert main(["reproduce-paper", "--results", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "GER_CKPlus" in captured.out and "GER_SFEW2" not in captured.out
    err = captured.err
    assert f"{tmp_path / 'sfew2' / 'label-gpt4v.csv'}, line 1, field 'gpt4v': missing column 'gpt4v'" in err
    assert f"{tmp_path / 'casme2' / 'label.csv'}, line 3, field 'gt': unknown label 'grumpiness'" in err
    assert f"{tmp_path / 'casme1' / 'label-gpt4v.csv'}" in err and "malformed CSV" in err
    assert f"{tmp_path / 'dfew' / 'label-gpt4v.csv'}, line 2: 4 fields, expected 3" in err
    assert f"{tmp_path / 'ravdess' / 'label-gpt4v-3.csv'}: prediction file not found" in err
    assert "Traceback" not in err


def test_missing_label_file_keeps_the_paper_number(tmp_path, capsys):
    write(tmp_path / "ckplus", {"label-gpt4v.csv": CK_PRED})
    report = replay(tmp_path)
    [row] = report.rows
    assert row["paper_protocol"] == pytest.approx(100 / 3)
    assert (row["ger_acc"], row["answered"], row["total"], row["invalid"]) == (None, None, None, None)
    assert "label.csv" in report.errors[0] and "ger protocol skipped" in report.errors[0]
    assert main(["reproduce-paper", "--results", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "GER_CKPlus" in out and "33.33" in out


def test_nothing_scored_exits_non_zero(tmp_path, capsys):
    write(tmp_path / "sfew2", {"label.csv": "name,gt\n", "label-gpt4v.csv": "name\n"})
    assert main(["reproduce-paper", "--results", str(tmp_path), "--format", "json"]) == 2
    assert json.loads(capsys.readouterr().out) == []


def test_folder_without_any_dataset_is_a_clear_error(tmp_path, capsys):
    assert main(["reproduce-paper", "--results", str(tmp_path)]) == 2
    assert "no paper result folders" in capsys.readouterr().err
    assert main(["reproduce-paper", "--results", str(tmp_path / "nope")]) == 2
    assert "results folder not found" in capsys.readouterr().err


# --------------------------------------------------------------------------------------
# Download path: a local tarball over file:// and a loopback HTTP server, never the internet
# --------------------------------------------------------------------------------------


def make_tarball(path: Path, extra: dict[str, bytes] | None = None) -> Path:
    top = f"gpt4v-emotion-{REV}"
    files = {
        f"{top}/README.md": b"readme",
        f"{top}/results/ckplus/label.csv": CK_LABEL.encode(),
        f"{top}/results/ckplus/label-gpt4v.csv": CK_PRED.encode(),
        **(extra or {}),
    }
    with tarfile.open(path, "w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_download_from_file_url_extracts_results_once(tmp_path):
    tarball = make_tarball(tmp_path / "repo.tar.gz")
    cache = tmp_path / "cache"
    results = download_results(tarball.as_uri(), cache)
    assert (results / "ckplus" / "label-gpt4v.csv").read_text() == CK_PRED
    assert not (results.parent / "README.md").exists()  # only results/ is extracted
    tarball.unlink()
    assert download_results(tarball.as_uri(), cache) == results  # cached: no second download
    assert replay(results).rows[0]["dataset"] == "GER_CKPlus"


def test_download_over_loopback_http_and_cli(tmp_path, monkeypatch, capsys):
    make_tarball(tmp_path / "repo.tar.gz")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args):  # keep test output clean
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setenv("GER_HOME", str(tmp_path / "home"))
        url = f"http://127.0.0.1:{server.server_address[1]}/repo.tar.gz"
        assert main(["reproduce-paper", "--url", url, "--format", "json"]) == 0
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    [row] = json.loads(capsys.readouterr().out)
    assert row["dataset"] == "GER_CKPlus"
    assert (tmp_path / "home" / "paper-results" / REV / "results" / "ckplus").is_dir()


def test_offline_download_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("GER_HOME", str(tmp_path))
    assert main(["reproduce-paper", "--url", f"http://127.0.0.1:{port}/x.tar.gz"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "could not download" in err and "--results" in err


@pytest.mark.parametrize("bad", ["../evil.csv", "/abs/evil.csv", f"gpt4v-emotion-{REV}/results/../../evil.csv"])
def test_unsafe_archive_paths_are_refused(tmp_path, bad):
    tarball = make_tarball(tmp_path / "evil.tar.gz", {bad: b"x"})
    with pytest.raises(GerError, match="unsafe path"):
        download_results(tarball.as_uri(), tmp_path / "cache")
    assert not (tmp_path / "evil.csv").exists()
    assert not (tmp_path / "cache" / "paper-results" / REV / "results").exists()


def test_links_in_the_archive_are_not_extracted(tmp_path):
    tarball = tmp_path / "links.tar.gz"
    make_tarball(tarball)
    with tarfile.open(tarball, "r:gz") as src:
        members = [(m, src.extractfile(m).read()) for m in src.getmembers()]
    with tarfile.open(tarball, "w:gz") as tar:
        for member, data in members:
            tar.addfile(member, io.BytesIO(data))
        link = tarfile.TarInfo(f"gpt4v-emotion-{REV}/results/ckplus/passwd")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)
    results = download_results(tarball.as_uri(), tmp_path / "cache")
    assert not (results / "ckplus" / "passwd").exists()


def test_not_a_tarball(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"<html>rate limited</html>")
    with pytest.raises(GerError, match="not a readable tar archive"):
        download_results(junk.as_uri(), tmp_path / "cache")
