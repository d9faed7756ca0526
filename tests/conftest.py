"""Shared test fixtures: where the paper's released predictions and reference tables live."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import paper_files
import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ROOT = PROJECT_ROOT
HOST_SPEC = importlib.util.find_spec("vlmeval")
if HOST_SPEC is None and os.environ.get("CI"):
    raise RuntimeError("CI is set but the host (ms-vlmeval) is not installed: its tests would be skipped")
#: marks tests that run the real host; without it installed they skip (never under CI, see above)
needs_host = pytest.mark.skipif(HOST_SPEC is None, reason="needs ms-vlmeval (the host): pip install -e '.[vlmeval]'")


@pytest.fixture(scope="session")
def paper_results() -> Path:
    """The gpt4v-emotion ``results/`` folder named by ``$GER_PAPER_RESULTS`` (rules: tests/paper_files.py).

    Unset or incomplete: a failure under CI, a skip with the reason elsewhere; wrong: always a failure.
    """
    return paper_files.results_folder()


@pytest.fixture(scope="session")
def paper_tables_csv() -> Path:
    """shared/reference/paper_tables.csv: missing fails under CI, skips elsewhere."""
    return paper_files.paper_tables()


# A throwaway venv that sees the host's site-packages, this checkout and our .pth import hook,
# so `python -m vlmeval` in a subprocess registers GER exactly as an installed plugin does.
def make_host_venv(path: Path, *, with_project: bool = True) -> Path:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", str(path)], check=True)
    py = path / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    lines = [str(Path(HOST_SPEC.origin).parents[1])] if HOST_SPEC else []  # the host's site-packages
    if with_project:
        lines.append(str(ROOT))
    (site / "_ger_test_paths.pth").write_text("\n".join(lines) + "\n")  # sorts before our hook line
    shutil.copy(ROOT / "ger_plugin_vlmeval.pth", site / "ger_plugin_vlmeval.pth")
    return py


@pytest.fixture(scope="session")
def host_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_host_venv(tmp_path_factory.mktemp("venv") / "v")


@pytest.fixture(scope="module")
def browser() -> str:
    from browser import find_browser

    return find_browser()
