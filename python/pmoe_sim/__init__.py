"""pmoe_sim: the pmoe-sim simulator from Python, in process.

    import pmoe_sim
    record = pmoe_sim.train(config)              # one run, a dict
    res = pmoe_sim.run("experiments/demo.json")  # a results folder
    res = pmoe_sim.analyze(res.folder)           # N*, T*, fits, checks
    res.runs, res.curves, res.cells, res.fits, res.checks  # DataFrames

See docs/python.md. Bad input raises SpecError (a ValueError) whose message
names the JSON path and the rule, as the command line prints it.
"""
from ._core import SpecError
from .api import analyze, export, run, train
from .results import Results, load

__all__ = ["SpecError", "Results", "analyze", "export", "load", "run", "train"]
