"""One leaderboard in any output format: the dispatch from a format name to its renderer."""

from __future__ import annotations

from ger_plugin.report.leaderboard import Leaderboard

#: Every format the leaderboard renders to.
FORMATS = ("md", "csv", "json", "html")


def render(board: Leaderboard, fmt: str) -> str:
    if fmt == "html":
        from ger_plugin.report.html import render_html

        return render_html(board)
    from ger_plugin.report import tables

    return {"md": tables.render_markdown, "csv": tables.render_csv, "json": tables.render_json}[fmt](board)
