"""The ``ger`` router: one CLI grammar, one-line user errors (exit 2), and a cheap ``ger --help``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ger_plugin.commands import SUBCOMMANDS, build_parser, main

FORMATS = {"table", "md", "csv", "json", "html"}
#: flags the grammar replaced: --model (repeatable), --format, --out (a file) / --out-dir (a folder)
RETIRED = {"--models", "--run-models", "--json", "--home"}


def _subparser(name):
    parser = build_parser(name)
    action = next(a for a in parser._actions if a.dest == "command")
    return action.choices[name]


def test_help_imports_no_heavy_library_and_no_command():
    code = (
        "import sys; from ger_plugin.commands import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ['numpy', 'PIL', 'pandas', 'datasets', 'vlmeval', 'torch', 'matplotlib']\n"
        "print(repr([m for m in heavy if m in sys.modules] + "
        "[m for m in sys.modules if m.startswith('ger_plugin.commands.')]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("name", list(SUBCOMMANDS))
def test_every_command_speaks_the_one_grammar(name):
    sub = _subparser(name)
    options = {opt: action for action in sub._actions for opt in action.option_strings}
    assert not RETIRED & set(options), f"ger {name} still has {RETIRED & set(options)}"
    if "--format" in options:
        assert set(options["--format"].choices) <= FORMATS
    if "--model" in options and name != "run":
        assert options["--model"].nargs == "+" and type(options["--model"]).__name__ == "_ExtendAction"
    if "--out-dir" in options:
        assert "folder" in options["--out-dir"].help
    if "--out" in options:
        assert "folder" not in options["--out"].help
    assert "--debug" in options


@pytest.mark.parametrize("name", list(SUBCOMMANDS))
def test_every_command_help_has_examples(name):
    text = _subparser(name).format_help()
    assert "examples:" in text or "e.g." in text, f"ger {name} --help shows no example"
    assert f"ger {name} " in text


def test_an_unknown_dataset_is_one_line_with_the_closest_names_and_exit_2(capsys):
    assert main(["cost", "--data", "GER_RAFD", "--model", "GPT4o"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("ger cost: error: unknown GER dataset 'GER_RAFD'")
    assert "GER_RAFDB" in err


def test_debug_shows_the_traceback_instead():
    from ger_plugin.errors import UnknownNameError

    with pytest.raises(UnknownNameError):
        main(["cost", "--data", "GER_RAFD", "--model", "GPT4o", "--debug"])


def test_a_multi_line_message_is_folded_into_one_line(capsys, monkeypatch):
    from ger_plugin.commands import list_datasets
    from ger_plugin.errors import GerError

    def boom(args):
        raise GerError("first\nsecond")

    monkeypatch.setattr(list_datasets, "run", boom)
    assert main(["list"]) == 2
    assert capsys.readouterr().err == "ger list: error: first second\n"


def test_repeatable_model_prices_each_model(capsys):
    assert (
        main(
            [
                "cost",
                "--model",
                "GPT4o",
                "--model",
                "gpt-4o-mini",
                "--data",
                "GER_RAFDB",
                "--tokenizer",
                "chars",
                "--format",
                "json",
            ]
        )
        == 0
    )
    reports = json.loads(capsys.readouterr().out)
    assert [r["model"] for r in reports] == ["gpt-4o", "gpt-4o-mini"]
    assert reports[0]["price"] != reports[1]["price"]  # each priced at its own rates
