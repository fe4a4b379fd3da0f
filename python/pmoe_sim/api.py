"""train, run, analyze and export: the command line's subcommands in process
(the same code as the pmoe-sim binary, called with an argument list)."""
import json
import os
import tempfile
import threading
import time
import warnings

from . import _core
from .progress import ProgressBar
from .results import load

# `pmoe-sim run` exits 3 when every run of the folder diverged or failed.
_ALL_RUNS_FAILED = 3


def train(config):
    """Trains one run config (a dict in the schema `pmoe-sim train` reads,
    docs/specs.md) in this process, the GIL released; returns the result
    document as a dict: the resolved config, seeds, final metrics, curves."""
    return json.loads(_core.train_json(json.dumps(config)))


def _spec_text(spec):
    if isinstance(spec, dict):
        return json.dumps(spec)
    with open(os.fspath(spec)) as f:
        return f.read()


def _count_lines(path):
    try:
        with open(path, "rb") as f:
            return sum(1 for line in f if line.strip())
    except OSError:
        return 0


def _run_in_thread(args):
    outcome = {}

    def target():
        try:
            outcome["status"] = _core.command(args)
        except BaseException as error:  # re-raised in the caller's thread
            outcome["error"] = error

    worker = threading.Thread(target=target, name="pmoe_sim.run", daemon=True)
    worker.start()
    return worker, outcome


def run(spec, out=None, threads=0, progress=True, force=False):
    """Runs a grid spec (a dict, or the path of a JSON file) into a results
    folder, as `pmoe-sim run` does (resumable: finished runs are kept), and
    returns load(out). `out` defaults to results/NAME; threads=0 takes the
    command line's default. A progress bar shows runs done (stderr, or the
    notebook's output)."""
    text = _spec_text(spec)
    total = _core.grid_runs(text)  # raises SpecError before anything runs
    if out is None:
        out = os.path.join("results", json.loads(text)["name"])
    out = os.fspath(out)
    with tempfile.TemporaryDirectory(prefix="pmoe_sim_") as scratch:
        spec_path = os.path.join(scratch, "spec.json")
        with open(spec_path, "w") as f:
            f.write(text)
        args = ["run", spec_path, "--out", out, "-q"]
        if threads:
            args += ["--threads", str(int(threads))]
        if force:
            args.append("--force")
        worker, outcome = _run_in_thread(args)
        bar = ProgressBar(total, enabled=progress)
        records = os.path.join(out, "runs.jsonl")
        while worker.is_alive():
            worker.join(0.25)
            bar.update(_count_lines(records))
        bar.close(_count_lines(records))
    if "error" in outcome:
        raise outcome["error"]
    if outcome.get("status") == _ALL_RUNS_FAILED:
        warnings.warn("every run of %s diverged or failed (status and message "
                      "in runs.jsonl)" % out)
    return load(out)


def analyze(folder, target=None, q=None, bootstrap=None, plots=True):
    """Analyses a results folder as `pmoe-sim analyze` does: N*, T*, fits,
    checks, plots/, report.md and analysis.json, written into the folder
    (the previous analysis is replaced; the command line's --out writes
    elsewhere). target, q and bootstrap default to the spec's analysis
    section. Returns load(folder), fits and checks included."""
    folder = os.fspath(folder)
    args = ["analyze", folder, "--quiet"]
    for flag, value in (("--target", target), ("--q", q),
                        ("--bootstrap", bootstrap)):
        if value is not None:
            args += [flag, str(value)]
    if not plots:
        args.append("--no-plots")
    _core.command(args)
    return load(folder)


def export(folder, out=None):
    """Writes runs.csv, curves.csv, cells.csv and fits.csv (`pmoe-sim export
    --format csv`) into `out`, default the folder; returns that folder."""
    folder = os.fspath(folder)
    args = ["export", folder, "--format", "csv"]
    if out is not None:
        args += ["--out", os.fspath(out)]
    _core.command(args)
    return folder if out is None else os.fspath(out)
