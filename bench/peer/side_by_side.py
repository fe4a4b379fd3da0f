#!/usr/bin/env python3
"""Whole-process timing of `pmoe-sim train` at the pMoE paper's section 5.1 size
(n 16, d 784, m 40, B 20, N 1000, 20 epochs, 1000 test samples), beside a plain
PyTorch script of the same training when one is given (--peer).

Both sides run as fresh processes pinned to one core, alternating, and the
median of --reps repetitions is reported with its range. The project's side is
timed twice: evaluating the test set once at the end ("eval_every": 1000, like
the PyTorch script) and after every epoch (the budget protocol's default).

usage: side_by_side.py --sim build/pmoe-sim [--peer PATH/pmoe_peer.py]
                       [--reps 3] [--cpu 0] [--out results/side_by_side.json]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = {  # config file, the PyTorch script's model arguments
    "cnn": ["--model", "cnn"],
    "sep": ["--model", "sep", "--k", "2", "--l", "2", "--router_epochs", "20"],
    "joint": ["--model", "joint", "--k", "8", "--l", "6"],
}
PEER_DATA = ["--n", "16", "--m", "40", "--d", "784", "--confusers", "3",
             "--alpha", "0.8", "--delta_r", "0.4", "--N", "1000",
             "--epochs", "20", "--seeds", "1", "--threads", "1"]


def seconds(argv):
    """Wall seconds of one process (no shell); stops on a failure."""
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"side_by_side: {argv[0]} exited {done.returncode}: "
                 f"{done.stderr.decode(errors='replace').strip()}")
    return wall


def summary(values):
    return {"median": statistics.median(values), "min": min(values),
            "max": max(values), "values": values}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sim", required=True, help="the pmoe-sim binary")
    ap.add_argument("--peer", help="the PyTorch script (pmoe_peer.py)")
    ap.add_argument("--python", default="/usr/bin/python3",
                    help="the Python that runs --peer")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--cpu", type=int, default=0, help="the core both sides run on")
    ap.add_argument("--out", default="results/side_by_side.json")
    args = ap.parse_args()
    os.sched_setaffinity(0, {args.cpu})  # inherited by every process below
    times = {m: {"once": [], "per_epoch": [], "peer": []} for m in MODELS}
    with tempfile.TemporaryDirectory() as tmp:
        configs = {}
        for model in MODELS:
            with open(os.path.join(HERE, model + ".json")) as f:
                config = json.load(f)
            configs[(model, "per_epoch")] = os.path.join(HERE, model + ".json")
            config["training"]["eval_every"] = 1000
            once = os.path.join(tmp, model + "_once.json")
            with open(once, "w") as f:
                json.dump(config, f)
            configs[(model, "once")] = once
        result = os.path.join(tmp, "result.json")
        for _ in range(args.reps):
            for model, peer_args in MODELS.items():
                for mode in ("once", "per_epoch"):
                    times[model][mode].append(seconds(
                        [args.sim, "train", "-q", "-c", configs[(model, mode)],
                         "-o", result]))
                if args.peer:
                    times[model]["peer"].append(seconds(
                        [args.python, args.peer] + peer_args + PEER_DATA))
    report = {"cpu": args.cpu, "reps": args.reps, "load_average": os.getloadavg(),
              "models": {}}
    print(f"Whole processes on core {args.cpu}, median of {args.reps} (min-max), "
          f"seconds; load average {os.getloadavg()[0]:.2f}")
    print(f"  {'model':6} {'eval once':>18} {'eval per epoch':>18} "
          f"{'PyTorch':>18} {'ratio once':>10} {'ratio per epoch':>15}")
    for model, t in times.items():
        row = {k: summary(v) for k, v in t.items() if v}
        cells = [f"{row[k]['median']:6.2f} ({row[k]['min']:.2f}-{row[k]['max']:.2f})"
                 if k in row else "-" for k in ("once", "per_epoch", "peer")]
        ratios = ["-", "-"]
        if "peer" in row:
            peer = row["peer"]["median"]
            row["ratio_once"] = row["once"]["median"] / peer
            row["ratio_per_epoch"] = row["per_epoch"]["median"] / peer
            ratios = [f"{row['ratio_once']:.3f}", f"{row['ratio_per_epoch']:.3f}"]
        print(f"  {model:6} {cells[0]:>18} {cells[1]:>18} {cells[2]:>18} "
              f"{ratios[0]:>10} {ratios[1]:>15}")
        report["models"][model] = row
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
