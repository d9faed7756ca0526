"""The HTML leaderboard in a real headless browser (Debian's chromium): it renders, sorting works,
it is self-contained, and a screenshot is saved (tmp dir; also $GER_TEST_ARTIFACTS or test-artifacts/).

Sorting is driven through the page's own click handlers: ``#click=<header id>`` makes the page
click those headers on load, and ``--dump-dom`` returns the DOM after the scripts ran.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from browser import _chromium, dump_dom, parse
from ger_result_fixtures import BASE_TIME, run_model, two_model_work_dir

from ger_plugin.report import leaderboard
from ger_plugin.report.html import render_html

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("html")
    work_dir = two_model_work_dir(root / "work")
    bad = work_dir / "ModelA" / "ModelA_GER_CASME_ger_metrics.json"
    bad.write_text('{"ger_format": 1, "model": "Mod')  # truncated: must be skipped, page still renders
    path = root / "leaderboard.html"
    path.write_text(render_html(leaderboard.from_work_dir(work_dir)), encoding="utf-8")
    return path


def test_page_is_self_contained(page):
    html = page.read_text()
    # nothing fetched at view time: no external scripts, styles, images or fonts
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert "<script>" in html and "<style>" in html


def test_page_renders_in_a_real_browser(browser, page, tmp_path):
    dom = parse(dump_dom(browser, tmp_path, page.as_uri()))
    assert dom.body_attrs.get("data-ready") == "1"  # the page's script ran
    for tid in ("table-summary", "table-T3", "table-T4", "table-T5", "table-T6", "table-T7", "table-sources"):
        assert tid in dom.tables
    summary = dom.tables["table-summary"]["rows"]
    assert summary[:1] == ["ModelA"] and summary[-3:] == list(leaderboard.REFERENCE_LABELS.values())
    assert dom.svgs >= 5 + 2  # five bar charts and a radar chart per model row (at least two models)
    html = page.read_text()
    assert html.count('class="cm"') == len(leaderboard.from_work_dir(page.parent / "work").confusions)
    assert "ModelA_GER_CASME_ger_metrics.json" in html  # the skipped file is named on the page


def _scores(page: Path, table_id: str, column: int) -> dict[str, float | None]:
    """row name -> data-sort value of one column, read from the generated file (not the browser)."""
    html = page.read_text()
    table = html[html.index(f'id="{table_id}"') :]
    table = table[: table.index("</table>")]
    out = {}
    for match in re.finditer(r'<tr[^>]*data-row="([^"]+)">(.*?)</tr>', table):
        cells = re.findall(r'data-sort="([^"]*)"', match.group(2))
        out[match.group(1).replace("&amp;", "&")] = float(cells[column]) if cells[column] else None
    return out


@pytest.mark.parametrize("table_id,header,column", [("table-summary", "S-h6", 6), ("table-T3", "T3-h1", 1)])
def test_clicking_a_header_sorts_the_table(browser, page, tmp_path, table_id, header, column):
    before = parse(dump_dom(browser, tmp_path, page.as_uri())).tables[table_id]["rows"]
    once = parse(dump_dom(browser, tmp_path, f"{page.as_uri()}#click={header}")).tables[table_id]
    twice = parse(dump_dom(browser, tmp_path, f"{page.as_uri()}#click={header},{header}")).tables[table_id]
    values = _scores(page, table_id, column)
    present = [name for name in values if values[name] is not None]
    descending = sorted(present, key=lambda n: -values[n])
    assert once["attrs"].get("data-sorted") == f"{column}:desc"
    assert [n for n in once["rows"] if n in present] == descending
    assert once["rows"][len(present) :] == [n for n in before if values[n] is None]  # blanks sink
    assert twice["attrs"].get("data-sorted") == f"{column}:asc"
    assert [n for n in twice["rows"] if n in present] == descending[::-1]
    assert once["rows"] != before or twice["rows"] != before  # the order really changed


def test_screenshot_is_saved(browser, page, tmp_path):
    from PIL import Image

    shot = tmp_path / "leaderboard.png"
    done = _chromium(
        browser, tmp_path, "--window-size=1400,2000", f"--screenshot={shot}", f"{page.as_uri()}#click=S-h6"
    )
    assert done.returncode == 0 and shot.is_file(), done.stderr[-2000:]
    with Image.open(shot) as img:
        assert img.size == (1400, 2000)
        colours = img.convert("L").getextrema()
        assert colours[1] - colours[0] > 100  # not a blank page
    artifacts = os.environ.get("GER_TEST_ARTIFACTS")
    if artifacts:
        target = Path(artifacts) if artifacts not in ("1", "true", "yes") else PROJECT_ROOT / "test-artifacts"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, target / "leaderboard.png")
        shutil.copy(page, target / "leaderboard.html")


def test_page_comes_from_the_shipped_template_and_escapes_every_value(tmp_path):
    from ger_plugin.report import html as html_module

    assert (Path(html_module.__file__).parent / "templates" / html_module.TEMPLATE).is_file()
    evil = '<script>alert("x")</script>'
    run_model(tmp_path, "M", ["GER_CKPlus"], skill=0.5, seed=1, prompt_version=evil)
    html = render_html(leaderboard.from_work_dir(tmp_path), title="<b>board</b>")
    assert evil not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "<b>board</b>" not in html and "&lt;b&gt;board&lt;/b&gt;" in html
    assert html.count("<script>") == 1  # the page's own sorting script only


def test_the_page_says_which_prompt_each_row_used(tmp_path):
    run_model(tmp_path, "M", ["GER_CKPlus", "GER_RAFDB"], skill=0.5, seed=1, run="a", prompt_version="1")
    run_model(
        tmp_path,
        "M",
        ["GER_CKPlus"],
        skill=0.5,
        seed=2,
        run="b",
        prompt_version="2",
        created=BASE_TIME + timedelta(hours=1),
    )
    html = render_html(leaderboard.from_work_dir(tmp_path))
    summary = html[html.index('id="table-summary"') :]
    row = summary[summary.index('data-row="M"') :]
    row = row[: row.index("</tr>")]
    assert row.endswith('<td data-sort="2">2</td>')
    assert 'id="superseded"' in html and "M/a/M_GER_RAFDB_ger_metrics.json" in html
