"""load(folder): a results folder as pandas DataFrames.

Typing convention (the same in every table): grid coordinates (coords.*) are
float64 everywhere, so that a cell's coordinates compare equal to its runs'
(n = 6 in the spec is 6.0 in runs, curves and cells); run ids, repeats and
steps are int64; a missing or unmeasured value is NaN.
"""
import contextlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field

import pandas as pd

from . import _core

# Columns of the tables that can be empty (a folder before `analyze`).
_FIT_COLUMNS = ["model", "quantity", "axis", "ok", "exponent", "exponent_lo",
                "exponent_hi", "theory", "verdict"]
_CHECK_COLUMNS = ["name", "rule", "measured", "lo", "hi", "verdict", "passed",
                  "note"]


@dataclass
class Results:
    """A results folder: its spec, analysis (None before `analyze`) and tables.

    runs    one row per run (identity, coords.*, params.*, seeds, final metrics)
    curves  one row per run and evaluation point: run_id, model, repeat,
            coords.*, step and one column per metric (test_error, ...)
    cells   one row per cell and target: N*, T*, their intervals, censoring
    fits    one row per fit of analysis.json: exponent, interval, theory, verdict
    checks  one row per expectation of the spec: measured, interval, verdict
    """

    folder: str
    spec: dict
    analysis: dict = None
    runs: pd.DataFrame = field(default_factory=pd.DataFrame)
    curves: pd.DataFrame = field(default_factory=pd.DataFrame)
    cells: pd.DataFrame = field(default_factory=pd.DataFrame)
    fits: pd.DataFrame = field(default_factory=pd.DataFrame)
    checks: pd.DataFrame = field(default_factory=pd.DataFrame)

    def __repr__(self):
        return ("Results(%r: %d runs, %d cells, %d fits, %d checks)"
                % (self.folder, len(self.runs), len(self.cells), len(self.fits),
                   len(self.checks)))


def _coords_as_float(frame):
    for column in frame.columns:
        if column.startswith("coords."):
            frame[column] = frame[column].astype("float64")
    return frame


def _read_csv(path):
    # "Inf" is how the CSVs write infinities.
    return pd.read_csv(path, na_values=[""], keep_default_na=False)


def _wide_curves(long, runs):
    if long.empty:
        return pd.DataFrame(columns=["run_id", "step"])
    wide = long.pivot_table(index=["run_id", "step"], columns="metric",
                            values="value", aggfunc="first", dropna=False)
    wide = wide.reset_index()
    wide.columns.name = None
    ident = [c for c in runs.columns
             if c in ("run_id", "model", "repeat") or c.startswith("coords.")]
    return runs[ident].merge(wide, on="run_id", how="right")


def _checks_frame(analysis):
    rows = []
    for c in (analysis or {}).get("checks", []):
        interval = c.get("interval") or [None, None]
        rows.append({"name": c.get("name"), "rule": c.get("rule"),
                     "measured": c.get("measured"), "lo": interval[0],
                     "hi": interval[1], "verdict": c.get("verdict"),
                     "passed": c.get("passed"), "note": c.get("note"),
                     "detail": c.get("detail")})
    frame = pd.DataFrame(rows, columns=_CHECK_COLUMNS + ["detail"])
    for column in ("measured", "lo", "hi"):
        frame[column] = frame[column].astype("float64")
    return frame


def _read_json(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


@contextlib.contextmanager
def _quiet_stderr():
    """Silences the command line's "wrote ... in /tmp/..." line of the
    export into a scratch folder (errors are raised, not printed)."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def load(folder):
    """Reads a results folder (`run` output; `analyze` adds fits and checks)."""
    folder = os.fspath(folder)
    with tempfile.TemporaryDirectory(prefix="pmoe_sim_") as tables:
        with _quiet_stderr():
            _core.command(["export", folder, "--format", "csv", "--out", tables])
        runs = _coords_as_float(_read_csv(os.path.join(tables, "runs.csv")))
        long = _read_csv(os.path.join(tables, "curves.csv"))
        cells = _coords_as_float(_read_csv(os.path.join(tables, "cells.csv")))
        fits = _read_csv(os.path.join(tables, "fits.csv"))
    if fits.empty:
        fits = pd.DataFrame(columns=list(fits.columns) or _FIT_COLUMNS)
    analysis = _read_json(os.path.join(folder, "analysis.json"))
    return Results(folder=folder,
                   spec=_read_json(os.path.join(folder, "spec.json")) or {},
                   analysis=analysis, runs=runs,
                   curves=_coords_as_float(_wide_curves(long, runs)),
                   cells=cells, fits=fits, checks=_checks_frame(analysis))
