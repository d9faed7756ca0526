"""The small public API at the top of the package: every name resolves, lazily."""

import subprocess
import sys

import pytest

import ger_plugin


@pytest.mark.parametrize("name", [n for n in ger_plugin.__all__ if n != "__version__"])
def test_every_public_name_resolves_to_its_home(name):
    module_name, attribute = ger_plugin._PUBLIC[name]
    value = getattr(ger_plugin, name)
    home = sys.modules[module_name]
    assert value is (home if attribute is None else getattr(home, attribute))


def test_import_is_cheap_until_a_name_is_used():
    code = (
        "import sys, ger_plugin; heavy = ['numpy', 'PIL', 'pandas', 'datasets', 'vlmeval', 'torch'];"
        "print([m for m in heavy if m in sys.modules]);"
        "from ger_plugin import parse_answer, catalog;"
        "print(parse_answer('I think this person is angry.', catalog.get('GER_RAFDB').labels).ranked[0])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "[]" and out[1] == "angry"


def test_unknown_names_raise_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        ger_plugin.nope  # noqa: B018
