"""Headless Chromium for tests: find it, dump a page's DOM after its scripts ran, read its tables."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def find_browser() -> str:
    """The browser's path; skips (or fails under CI, which installs chromium) when there is none."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    reason = "no chromium on PATH: apt-get install -y chromium (Debian) to run the browser tests"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {reason}")
    pytest.skip(reason)


def _chromium(browser: str, tmp: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp / f"profile{len(list(tmp.glob('profile*')))}"
    cmd = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def dump_dom(browser: str, tmp: Path, url: str) -> str:
    done = _chromium(browser, tmp, "--virtual-time-budget=5000", "--dump-dom", url)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class _Tables(HTMLParser):
    """table id -> attributes and the ``data-row`` names of its body rows, in DOM order."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, dict] = {}
        self._stack: list[str | None] = []
        self.body_attrs: dict[str, str | None] = {}
        self.svgs = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body_attrs = a
        if tag == "svg":
            self.svgs += 1
        if tag == "table":
            self._stack.append(a.get("id"))
            if a.get("id"):
                self.tables[a["id"]] = {"attrs": a, "rows": []}
        if tag == "tr" and self._stack and self._stack[-1] and "data-row" in a:
            self.tables[self._stack[-1]]["rows"].append(a["data-row"])

    def handle_endtag(self, tag):
        if tag == "table" and self._stack:
            self._stack.pop()


def parse(dom: str) -> _Tables:
    parser = _Tables()
    parser.feed(dom)
    return parser
