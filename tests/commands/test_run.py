import subprocess
import sys

from ger_plugin.commands import main
from ger_plugin.commands.run import expand_data


def test_groups_expand_and_variants_are_kept_in_order():
    assert expand_data(["GER_MICRO", "GER_DFEW_8frame", "GER_CASME"]) == [
        "GER_CASME",
        "GER_CASME2",
        "GER_SAMM",
        "GER_DFEW_8frame",
    ]


def test_dry_run_forwards_every_host_flag(capsys):
    assert main(["run", "--data", "GER_MER", "--model", "GPT4o", "--api-nproc", "16", "--reuse", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "-m vlmeval --data GER_MER2023 GER_CHSIMS GER_CMUMOSI --model GPT4o --api-nproc 16 --reuse" in out


def test_unknown_dataset_is_one_clear_line(capsys):
    assert main(["run", "--data", "GER_RAFBD", "--model", "GPT4o"]) == 2
    err = capsys.readouterr().err
    assert "unknown GER dataset 'GER_RAFBD'" in err and "GER_RAFDB" in err and "Traceback" not in err


def test_frame_suffix_on_an_image_dataset_is_rejected(capsys):
    assert main(["run", "--data", "GER_RAFDB_8frame", "--dry-run"]) == 2
    assert "no video" in capsys.readouterr().err


def test_ger_command_help_teaches_groups():
    out = subprocess.run([sys.executable, "-m", "ger_plugin", "run", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    assert "GER_ALL" in out.stdout and "--base-url" in out.stdout


def test_repeats_run_the_host_once_per_repeat_into_its_own_folder_with_seed_and_temperature(capsys, tmp_path):
    argv = [
        "run",
        "--data",
        "GER_RAFDB",
        "--model",
        "GPT4o",
        "--repeats",
        "3",
        "--temperature",
        "0.7",
        "--work-dir",
        str(tmp_path / "out"),
        "--dry-run",
    ]
    assert main(argv) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    for k, line in enumerate(lines, start=1):
        assert f"GER_REPEAT={k} GER_REPEATS=3 GER_SEED={k} GER_TEMPERATURE=0.7 " in line
        assert line.endswith(f"--temperature 0.7 --work-dir {tmp_path / 'out' / f'repeat-{k}'}")
        assert line.count("--work-dir") == 1


def test_repeats_must_be_positive(capsys):
    assert main(["run", "--data", "GER_RAFDB", "--model", "GPT4o", "--repeats", "0", "--dry-run"]) == 2
    assert "--repeats must be at least 1" in capsys.readouterr().err
