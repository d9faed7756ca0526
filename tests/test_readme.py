"""The README's derived parts must match the code that derives them."""

import re
from pathlib import Path

from ger_plugin.cli import format_markdown, list_rows

README = Path(__file__).resolve().parents[1] / "README.md"


def test_dataset_table_is_generated_from_the_catalog():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- datasets:start[^>]*-->\n(.*?)\n<!-- datasets:end -->", text, re.S)
    assert block, "README lacks the generated dataset table markers"
    assert block.group(1).strip() == format_markdown(list_rows()), "run `ger list --format md` and paste it"


def test_readme_test_command_is_the_one_ci_runs():
    ci = (README.parent / ".ci" / "run").read_text()
    command = ci.strip().splitlines()[-1].strip()
    assert command == "python -m pytest -q"
    assert f"\n{command}\n" in README.read_text(encoding="utf-8")
