"""``ger inspect``: the layout, rows per split and class vs the catalog and paper, problems; no build."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from release_fixtures import affectnet, casme2, samm, twitter1

from ger_plugin.commands import main


def test_a_recognised_release_shows_layout_rows_per_class_and_the_sizes_with_sources(tmp_path, capsys):
    casme2.make_zip_nesting(tmp_path)
    assert main(["inspect", "GER_CASME2", "--raw", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "layout: CASME2_RAW_selected (official)" in out
    assert f"frames: {tmp_path / 'CASME2_RAW_selected' / 'CASME2_RAW_selected'}" in out
    assert "default/test: 5 rows; the catalog expects 239 from the original release" in out
    assert "paper 247 (paper Table 1" in out and "released list 239 (label.csv" in out
    assert "official annotation 247-256 sheet rows" in out
    assert "  happy         1          31" in out  # rows here vs the paper's list, per class
    assert out.rstrip().endswith("no missing or unreadable files found")


def test_an_unrecognised_folder_shows_its_top_levels_the_layouts_compared_and_the_nearest(tmp_path, capsys):
    casme2.write(tmp_path / "frames_only", tmp_path / "sheets")  # sheet not beside the frames
    (tmp_path / "frames_only" / "sub01").rename(tmp_path / "frames_only" / "s01")
    assert main(["inspect", "GER_CASME2", "--raw", str(tmp_path / "frames_only")]) == 1
    out = capsys.readouterr().out
    assert "layout: not recognised" in out
    assert "top two levels of" in out and "  s01/: EP02_01f/" in out
    for name in ("CASME2_RAW_selected", "CASME2-RAW", "Cropped"):
        assert f"  {name} (official) at " in out
    assert "nearest: CASME2_RAW_selected (1/2 needs found" in out
    assert "missing sheet: CASME2-coding*.xlsx" in out


def test_a_refused_repack_says_what_is_missing_and_where_the_original_is(tmp_path, capsys):
    twitter1.make_votes_only(tmp_path)
    assert main(["inspect", "GER_TwitterI", "--raw", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "layout: Agg_AMT_Candidates-without-lists (repack)" in out and "REFUSED" in out
    assert "twitter_five_agrees.txt" in out and "deepsentiment" in out


def test_missing_and_unreadable_files_are_reported(tmp_path, capsys):
    affectnet.make(tmp_path)
    (tmp_path / "Manually_Annotated_Images" / "40" / "f00e.jpg").write_bytes(b"not a jpeg")
    assert main(["inspect", "GER_AffectNet", "--raw", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "unreadable: " in out and "f00e.jpg" in out
    (tmp_path / "Manually_Annotated_Images" / "1347" / "beef.jpg").unlink()
    assert main(["inspect", "GER_AffectNet", "--raw", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "problem: " in out and "image '1347/beef.jpg' listed here is missing" in out


def test_prepare_prints_the_same_diagnosis_when_it_refuses(tmp_path, capsys):
    samm.write(tmp_path / "frames", tmp_path / "elsewhere")
    raw = tmp_path / "frames"
    assert main(["prepare", "GER_SAMM", "--raw", str(raw), "--out-dir", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "layout: not recognised" in err and "nearest: SAMM (1/2 needs found" in err
    errors = [line for line in err.splitlines() if line.startswith("ger prepare: error:")]
    assert len(errors) == 1 and "SAMM: no known layout found" in errors[0]
    assert not (tmp_path / "out").exists()


def test_inspect_builds_nothing_and_does_not_load_the_dataset_library(tmp_path):
    samm.make(tmp_path)
    code = textwrap.dedent(f"""
        import sys
        from ger_plugin.commands import main
        assert main(["inspect", "GER_SAMM", "--raw", {str(tmp_path)!r}]) == 0
        assert "datasets" not in sys.modules, "inspect imported the datasets library"
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "layout: SAMM (official)" in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["SAMM", samm.SHEET]
