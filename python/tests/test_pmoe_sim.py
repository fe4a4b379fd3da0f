"""pmoe_sim end to end: train, run, load, analyze and export in process, and
the same records and exit paths as the pmoe-sim binary (PMOE_SIM_BIN).

Run by ctest (python.pmoe_sim) with PYTHONPATH=<build>/python."""
import copy
import json
import os
import subprocess

import pandas as pd
import pytest

import pmoe_sim

BIN = os.environ.get("PMOE_SIM_BIN")

CONFIG = {"seed": 2,
          "data": {"num_patches": 8, "train_size": 60, "test_size": 100,
                   "synthetic": {"patch_dim": 16, "num_sets": 4,
                                 "num_confusers": 1}},
          "model": {"type": "pmoe_joint", "neurons": 8, "num_experts": 4,
                    "top_l": 2},
          "training": {"epochs": 3}}

# A small online grid in n with a fit per model (N* = B T* against n).
SPEC = {"name": "py_grid", "seed": 5,
        "data": {"num_patches": 8, "test_size": 200,
                 "synthetic": {"patch_dim": 16, "num_confusers": 1}},
        "training": {"protocol": "online", "max_steps": 600, "batch_size": 10,
                     "learning_rate": 0.5, "targets": [0.3, 0.2]},
        "models": {"cnn": {"type": "cnn", "neurons": 8}},
        "grid": {"axes": {"n": [6, 8, 12]}, "repeats": 2},
        "analysis": {"target": 0.3, "success_fraction": 0.5, "bootstrap": 50},
        "expect": [{"name": "slope", "rule": "slope", "model": "cnn",
                    "axis": "n", "at_least": -100}]}


def _without_wall_time(record):
    return {k: v for k, v in record.items() if k != "wall_seconds"}


def test_train_runs_in_process_and_matches_the_binary(tmp_path):
    record = pmoe_sim.train(CONFIG)
    assert record["config"]["model"]["type"] == "pmoe_joint"
    assert 0 <= record["final"]["test_error"] <= 1
    assert _without_wall_time(pmoe_sim.train(CONFIG)) == _without_wall_time(record)
    if BIN:
        (tmp_path / "c.json").write_text(json.dumps(CONFIG))
        subprocess.run([BIN, "train", "--config", str(tmp_path / "c.json"),
                        "--out", str(tmp_path / "r.json"), "-q"], check=True)
        cli = json.loads((tmp_path / "r.json").read_text())
        assert _without_wall_time(cli) == _without_wall_time(record)


def test_train_refuses_a_bad_config_naming_the_json_path():
    bad = copy.deepcopy(CONFIG)
    bad["training"]["learning_rat"] = 1
    with pytest.raises(pmoe_sim.SpecError, match="training.learning_rat"):
        pmoe_sim.train(bad)
    assert issubclass(pmoe_sim.SpecError, ValueError)


@pytest.fixture(scope="module")
def grid(tmp_path_factory):
    out = tmp_path_factory.mktemp("grid") / "res"
    return out, pmoe_sim.run(SPEC, out=out, threads=2, progress=False)


def test_run_writes_a_results_folder_with_one_row_per_run(grid):
    out, res = grid
    assert (out / "runs.jsonl").exists() and (out / "spec.json").exists()
    assert len(res.runs) == 6 == len((out / "runs.jsonl").read_text().splitlines())
    assert sorted(res.runs["run_id"]) == list(range(6))


def test_run_records_equal_the_binarys(grid, tmp_path):
    if not BIN:
        pytest.skip("PMOE_SIM_BIN not set")
    out, _ = grid
    (tmp_path / "spec.json").write_text(json.dumps(SPEC))
    subprocess.run([BIN, "run", str(tmp_path / "spec.json"), "--out",
                    str(tmp_path / "cli"), "-q", "-j", "1"], check=True,
                   stderr=subprocess.DEVNULL)
    assert (tmp_path / "cli" / "runs.jsonl").read_bytes() == \
        (out / "runs.jsonl").read_bytes()


def test_run_shows_a_progress_bar(tmp_path, capfd):
    spec = dict(SPEC, grid={"axes": {"n": [6]}, "repeats": 1})
    pmoe_sim.run(spec, out=tmp_path / "bar", progress=True)
    err = capfd.readouterr().err
    assert "\r[" in err and "1/1 runs" in err


def test_run_refuses_a_bad_spec_before_running(tmp_path):
    bad = copy.deepcopy(SPEC)
    bad["grid"]["axes"]["n"] = [6, "x"]
    with pytest.raises(pmoe_sim.SpecError, match=r"grid\.axes\.n"):
        pmoe_sim.run(bad, out=tmp_path / "bad", progress=False)
    assert not (tmp_path / "bad").exists()
    with pytest.raises(pmoe_sim.SpecError, match="--threads"):
        pmoe_sim.run(SPEC, out=tmp_path / "bad", threads=-1, progress=False)


def test_run_reads_a_spec_file(tmp_path):
    spec = dict(SPEC, grid={"axes": {"n": [6]}, "repeats": 1})
    (tmp_path / "s.json").write_text(json.dumps(spec))
    res = pmoe_sim.run(tmp_path / "s.json", out=tmp_path / "f", progress=False)
    assert len(res.runs) == 1


def test_load_tables_share_one_typing_convention(grid):
    out, _ = grid
    res = pmoe_sim.load(out)
    for table in (res.runs, res.curves, res.cells):
        assert table["coords.n"].dtype == "float64"
    assert set(res.cells["coords.n"]) == set(res.runs["coords.n"]) == {6.0, 8.0, 12.0}
    assert res.runs["run_id"].dtype == "int64"
    # curves: one row per run and evaluation point, one column per metric.
    steps = json.loads((out / "runs.jsonl").read_text().splitlines()[0])["curve"]["step"]
    assert len(res.curves[res.curves["run_id"] == 0]) == len(steps)
    assert {"test_error", "step", "model", "coords.n"} <= set(res.curves.columns)
    assert res.fits.empty and res.checks.empty and res.analysis is None


def test_analyze_gives_fits_and_checks(grid):
    out, _ = grid
    res = pmoe_sim.analyze(out, plots=False)
    assert (out / "analysis.json").exists() and (out / "report.md").exists()
    assert len(res.fits) == len(res.analysis["fits"]) > 0
    assert {"model", "quantity", "axis", "exponent", "exponent_lo",
            "exponent_hi", "theory", "verdict"} <= set(res.fits.columns)
    n_star = res.fits[(res.fits["quantity"] == "N*") & (res.fits["axis"] == "n")]
    assert bool(n_star["ok"].iloc[0]) and n_star["exponent_lo"].iloc[0] < n_star["exponent"].iloc[0]
    assert list(res.checks["name"]) == ["slope"]
    assert res.checks["passed"].iloc[0] == True  # noqa: E712
    assert set(res.cells["target"]) == {0.3, 0.2}
    assert res.analysis["options"]["target"] == 0.3
    again = pmoe_sim.analyze(out, target=0.2, q=0.5, plots=False)
    assert again.analysis["options"]["target"] == 0.2
    assert again.analysis["options"]["success_fraction"] == 0.5


def test_analyze_refuses_bad_flags(grid):
    out, _ = grid
    with pytest.raises(pmoe_sim.SpecError, match="--q"):
        pmoe_sim.analyze(out, q=2, plots=False)


def test_export_writes_fits_csv(grid, tmp_path):
    out, _ = grid
    pmoe_sim.analyze(out, plots=False)
    pmoe_sim.export(out, out=tmp_path / "t")
    fits = pd.read_csv(tmp_path / "t" / "fits.csv")
    assert len(fits) == len(json.loads((out / "analysis.json").read_text())["fits"])


def test_load_refuses_a_missing_folder(tmp_path):
    with pytest.raises(pmoe_sim.SpecError):
        pmoe_sim.load(tmp_path / "nowhere")


def test_the_example_redraws_the_figure(grid, tmp_path):
    pytest.importorskip("matplotlib")
    out, _ = grid
    pmoe_sim.analyze(out, plots=False)
    source = os.environ.get("PMOE_SOURCE_DIR",
                            os.path.join(os.path.dirname(__file__), "..", ".."))
    png = tmp_path / "fig.png"
    env = dict(os.environ, MPLBACKEND="Agg")
    subprocess.run([__import__("sys").executable,
                    os.path.join(source, "examples", "redraw_demo.py"), str(out),
                    "--out", str(png)], check=True, env=env)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_progress_bar_updates_one_notebook_line(monkeypatch, capfd):
    import sys
    import types

    from pmoe_sim import progress

    shown = []

    class Handle:
        def update(self, obj):
            shown.append(obj)

    display_module = types.ModuleType("IPython.display")
    display_module.Pretty = lambda text: ("pretty", text)
    display_module.display = lambda obj, display_id: shown.append(obj) or Handle()
    ipython = types.ModuleType("IPython")
    ipython.display = display_module
    ipython.get_ipython = lambda: types.SimpleNamespace(config={"IPKernelApp": {}})
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    monkeypatch.setitem(sys.modules, "IPython.display", display_module)
    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    bar = progress.ProgressBar(4)
    bar.update(2)
    bar.close(4)
    assert shown[0][0] == "pretty" and "0/4 runs" in shown[0][1]
    assert "4/4 runs" in shown[-1][1]
    assert "\r" not in capfd.readouterr().err  # nothing on stderr in a notebook
