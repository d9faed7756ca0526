"""``ger run``: VLMEvalKit's own CLI with GER task groups expanded.

Every flag other than ``--data`` goes to ``python -m vlmeval`` untouched, so anything the host
can do (``--model``, ``--base-url``, ``--api-nproc``, ``--reuse``, ``--mode``...) works here.
The host is run as a subprocess: the GER datasets are registered there by the import hook that
``pip install ger-plugin`` places in site-packages.

``--repeats N`` runs the host N times, repeat k into ``<work dir>/repeat-<k>/`` with
``repeat-<k>/ger_repeat.json`` recording its index, seed (k; the chance baselines draw with it)
and the ``--temperature`` passed to the host (null = the host's default); ``ger leaderboard``
then shows each model's mean, sd, runs and agreement, and paired tests between models.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ger_plugin import catalog
from ger_plugin.errors import GerError

EPILOG = """\
task groups: GER_FER, GER_VSA, GER_MICRO, GER_DFER, GER_MER, GER_ALL (the 21 rows of the paper's tables)
host variants: GER_<Name>_<N>frame (videos, 1-16 frames), GER_<Name>_Batch (the paper's batched prompts)
robustness:    GER_<Name>_<Blur|Noise|JPEG|LowRes><1-3> (corrupted images), GER_<Name>_P1 / _P2 (paraphrased
               instruction / shuffled label order); `ger leaderboard` shows the drop and the flip rate

examples:
  ger run --data GER_FER --model GPT4o
  ger run --data GER_DFEW_8frame GER_MER2023 --model Qwen2-VL-7B-Instruct
  ger run --data GER_RAFDB GER_RAFDB_Blur3 GER_RAFDB_P2 --model GPT4o
  ger run --data GER_ALL --base-url http://127.0.0.1:8000/v1 --model my-vllm-model --api-nproc 16
  ger run --data GER_RAFDB --model GPT4o GER_Random --repeats 3 --work-dir outputs   3 runs each
  every other flag is passed to `python -m vlmeval` (see `python -m vlmeval --help`)
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument(
        "--data", nargs="+", required=True, metavar="NAME", help="GER datasets, host variants or task groups"
    )
    parser.add_argument("--dry-run", action="store_true", help="print the host command instead of running it")
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        metavar="N",
        help="run every model x dataset N times, repeat k into <work dir>/repeat-<k> (default 1)",
    )
    parser.set_defaults(accepts_extra=True)


def expand_data(names: Sequence[str]) -> list[str]:
    """Task groups -> their datasets; host variants are validated and kept as written."""
    return catalog.expand(names, host_variants=True)


def host_command(data: Sequence[str], extra: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "vlmeval", "--data", *data, *extra]


def flag_value(extra: Sequence[str], flag: str) -> str | None:
    """The value of ``flag`` among the host flags (``--flag V`` or ``--flag=V``; the last one wins)."""
    value = None
    for i, arg in enumerate(extra):
        if arg == flag and i + 1 < len(extra):
            value = extra[i + 1]
        elif arg.startswith(flag + "="):
            value = arg.split("=", 1)[1]
    return value


def without_flag(extra: Sequence[str], flag: str) -> list[str]:
    out, skip = [], False
    for arg in extra:
        if skip:
            skip = False
        elif arg == flag:
            skip = True
        elif not arg.startswith(flag + "="):
            out.append(arg)
    return out


def repeat_plan(
    data: Sequence[str], extra: Sequence[str], repeats: int
) -> list[tuple[Path, list[str], dict[str, Any]]]:
    """(repeat folder, host command, manifest) per repeat; the work dir is the host's (default ./outputs)."""
    from ger_plugin.host.repeats import repeat_seed
    from ger_plugin.report.results import repeat_folder

    if repeats < 1:
        raise GerError(f"--repeats must be at least 1, got {repeats}")
    raw = flag_value(extra, "--temperature")
    try:
        temperature = None if raw is None else float(raw)
    except ValueError:
        raise GerError(f"--temperature must be a number, got {raw!r}") from None
    work_dir = Path(flag_value(extra, "--work-dir") or "outputs")
    rest = without_flag(extra, "--work-dir")
    plan = []
    for k in range(1, repeats + 1):
        folder = work_dir / repeat_folder(k)
        manifest = {"index": k, "of": repeats, "seed": repeat_seed(k), "temperature": temperature}
        plan.append((folder, host_command(data, [*rest, "--work-dir", str(folder)]), manifest))
    return plan


def run(args: argparse.Namespace) -> int:
    data = expand_data(args.data)
    if args.repeats == 1:
        command = host_command(data, args.extra)
        if args.dry_run:
            print(shlex.join(command))
            return 0
        _check_plugin_enabled()
        return subprocess.call(command)
    from ger_plugin.host.repeats import repeat_environment
    from ger_plugin.report.results import REPEAT_MANIFEST

    plan = repeat_plan(data, args.extra, args.repeats)
    if args.dry_run:
        for _, command, manifest in plan:
            env = repeat_environment(manifest["index"], manifest["of"], manifest["temperature"])
            print(shlex.join([f"{k}={v}" for k, v in env.items()] + command))
        return 0
    _check_plugin_enabled()
    for folder, command, manifest in plan:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        (folder / REPEAT_MANIFEST).write_text(
            json.dumps({**manifest, "started": stamp, "command": command[1:]}, indent=2), encoding="utf-8"
        )
        print(f"ger run: repeat {manifest['index']} of {manifest['of']} -> {folder}", file=sys.stderr)
        env = {**os.environ, **repeat_environment(manifest["index"], manifest["of"], manifest["temperature"])}
        code = subprocess.call(command, env=env)
        if code != 0:
            return code
    return 0


def _check_plugin_enabled() -> None:
    if os.environ.get("GER_VLMEVAL_PLUGIN") == "0":
        raise GerError("GER_VLMEVAL_PLUGIN=0 disables the GER datasets in the host; unset it to run them")
