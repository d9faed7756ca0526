"""The built wheel, not only the editable install: installed into a fresh venv, it registers GER_*
in the host through the ``ger_plugin_vlmeval.pth`` it puts at the root of site-packages.

Offline: the wheel is built with the venv's own hatchling (``--no-build-isolation``) and installed
with ``--no-deps --no-index``; the fresh venv sees the host's site-packages through a path line
(so the host's ``.pth`` files, the editable checkout among them, are not run there)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HOST_SPEC, needs_host

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import pathlib, sysconfig
import ger_plugin
site = pathlib.Path(sysconfig.get_paths()['purelib'])
package = pathlib.Path(ger_plugin.__file__).parent
assert package.parent == site, package                 # the wheel's copy, not the checkout
assert (site / 'ger_plugin_vlmeval.pth').is_file()
assert (package / 'dataset_cards' / 'GER_RAFDB.md').is_file()
import vlmeval.dataset as vd
from vlmeval.dataset import DATASET_MODALITY, DATASET_TYPE
assert {'GER_RAFDB', 'GER_MER2023_Text', 'GER_CASME2_Batch'} <= set(vd.SUPPORTED_DATASETS)
assert 'GER_DFEW_8frame' in vd.supported_video_datasets
assert (DATASET_TYPE('GER_RAFDB'), DATASET_MODALITY('GER_DFEW')) == ('GER', 'VIDEO')
print('ok')
"""


@needs_host
@pytest.mark.vlmeval
@pytest.mark.slow
@pytest.mark.timeout(180)
def test_built_wheel_registers_ger_datasets_through_its_pth_hook(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="building the wheel offline needs hatchling (the test extra)")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GER_VLMEVAL_PLUGIN")}
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        env=env,
        timeout=120,
    )
    [wheel] = dist.glob("ger_plugin-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", str(venv)], check=True)
    py = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    assert HOST_SPEC is not None and HOST_SPEC.origin is not None
    (site / "_ger_test_host.pth").write_text(str(Path(HOST_SPEC.origin).parents[1]) + "\n")  # the host only
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        env=env,
        timeout=120,
    )

    proc = subprocess.run([str(py), "-c", CHECK], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip().endswith("ok"), proc.stdout[-2000:] + proc.stderr[-3000:]
    ger = subprocess.run(
        [str(venv / "bin" / "ger"), "--help"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert ger.returncode == 0 and "prepare" in ger.stdout
