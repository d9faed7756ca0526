"""``ger demo``: the whole GER pipeline, offline, on a small synthetic sample, in about a minute.

1. builds one image, one video and one video+text dataset in the standard GER format from
   SYNTHETIC media (solid label colours, see :mod:`ger_plugin.data.synthetic`; no real faces),
   through the same writer ``ger prepare`` uses;
2. runs them through VLMEvalKit's real CLI (``python -m vlmeval``) with the chance baselines
   ``GER_Random`` and ``GER_Majority``, or any ``--model`` the host knows;
3. prints the scores the GER adapter wrote, as a leaderboard.

Everything lives under ``$GER_HOME/demo`` (its own ``GER_HOME`` for the host run), so the
demo never shadows a real prepared dataset.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ger_plugin import catalog
from ger_plugin.data import synthetic
from ger_plugin.data.paths import ger_home
from ger_plugin.errors import GerError
from ger_plugin.report.tables import format_table

DEMO_DATASETS = ("GER_RAFDB", "GER_RAVDESS", "GER_MER2023")
DEFAULT_MODELS = ("GER_Random", "GER_Majority")
SAMPLES_PER_CLASS = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "The sample is synthetic (coloured images and clips, no real faces): the scores show that the\n"
        "pipeline works, not how good a model is. Every other flag goes to `python -m vlmeval`, e.g.\n"
        "  ger demo --model GPT4o --api-nproc 4      (needs OPENAI_API_KEY)\n"
        "  ger demo --base-url http://127.0.0.1:8000/v1 --model my-model"
    )
    parser.add_argument(
        "--model",
        action="extend",
        nargs="+",
        metavar="MODEL",
        help=f"host models to run (repeatable; default: {' '.join(DEFAULT_MODELS)})",
    )
    parser.add_argument(
        "--data",
        nargs="+",
        default=list(DEMO_DATASETS),
        metavar="NAME",
        help=f"GER datasets to synthesise (default: {' '.join(DEMO_DATASETS)})",
    )
    parser.add_argument("--out-dir", type=Path, help="demo folder (default: $GER_HOME/demo)")
    parser.add_argument("--samples-per-class", type=int, default=SAMPLES_PER_CLASS)
    parser.set_defaults(accepts_extra=True)


# --------------------------------------------------------------------------------------
# The synthetic sample
# --------------------------------------------------------------------------------------


def score_rows(loaded) -> list[dict[str, object]]:
    """One row per (model, dataset): the primary metric with its 95% CI and answer coverage."""
    rows = []
    for result in sorted(loaded, key=lambda r: (r.model, r.dataset)):
        metric = result.entry.primary_metric
        low, high = result.ci95.get(metric, (float("nan"), float("nan")))
        rows.append(
            {
                "model": result.model,
                "dataset": result.dataset,
                "metric": metric,
                "score": f"{result.metrics[metric]:.2f}",
                "95% CI": f"{low:.1f}-{high:.1f}",
                "samples": result.n_total,
                "no answer %": f"{result.no_answer_rate:.1f}",
                "failed %": f"{result.failed_rate:.1f}",
            }
        )
    return rows


# --------------------------------------------------------------------------------------
# ger demo
# --------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    import warnings

    from ger_plugin.report import results

    names = list(dict.fromkeys(args.data))
    for name in names:
        try:
            catalog.parse_host_name(name)
        except KeyError as exc:
            raise GerError(str(exc)) from None
    args.model = args.model or list(DEFAULT_MODELS)
    home = (args.out_dir or ger_home() / "demo").expanduser().resolve()
    work_dir = home / "outputs"
    # The host resumes from earlier predictions in a work dir: start the demo from scratch.
    for folder in (work_dir, home / "LMUData", home / "media"):
        shutil.rmtree(folder, ignore_errors=True)
    started = time.monotonic()
    print(
        f"[1/3] Building a SYNTHETIC sample ({args.samples_per_class} per class; coloured images and clips, "
        f"no real faces) in {home}/datasets"
    )
    import datasets

    datasets.disable_progress_bars()  # a few dozen rows: the bars would be noise
    with warnings.catch_warnings():  # a synthetic sample never has the catalog's class counts
        warnings.simplefilter("ignore")
        synthetic.write_sample(names, home, args.samples_per_class)

    command = [
        sys.executable,
        "-m",
        "vlmeval",
        "--data",
        *names,
        "--model",
        *args.model,
        "--work-dir",
        str(work_dir),
        *args.extra,
    ]
    env = dict(os.environ, GER_HOME=str(home), LMUData=str(home / "LMUData"))
    (home / "LMUData").mkdir(parents=True, exist_ok=True)
    print(f"[2/3] Running VLMEvalKit: {' '.join(command[1:])}")
    log = home / "host.log"
    with log.open("w") as handle:
        code = subprocess.call(command, env=env, stdout=handle, stderr=subprocess.STDOUT)
    if code != 0:
        tail = "".join(log.read_text(errors="replace").splitlines(keepends=True)[-15:])
        raise GerError(f"the host run failed (exit {code}); last lines of {log}:\n{tail}")

    print(f"[3/3] Scores (GER protocol) from {work_dir}\n")
    report = results.load_all(work_dir, args.model)
    if not report.results:
        raise GerError(f"the host wrote no GER results under {work_dir}; see {log}")
    print(format_table(score_rows(results.newest(report.results))))
    print(f"\nDone in {time.monotonic() - started:.0f} s. Host log: {log}")
    print(f"HTML leaderboard: ger leaderboard --work-dir {work_dir} --format html --out leaderboard.html")
    return 0
