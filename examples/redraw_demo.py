#!/usr/bin/env python3
"""Redraws the demo's N* against n figure from pmoe_sim's DataFrames.

    make demo && make python
    python3 examples/redraw_demo.py results/demo --out nstar_vs_n.png

Every number comes from pmoe_sim.load: cells (N* and its interval at the
analysis target, per model and n) and fits (the exponent, its interval and
the theory's exponent). Runs `analyze` first when the folder has no analysis.
"""
import argparse
import math
import os

import matplotlib

matplotlib.use(os.environ.get("MPLBACKEND", "Agg"))
import matplotlib.pyplot as plt  # noqa: E402

import pmoe_sim  # noqa: E402


def draw(res, axis, out):
    target = res.analysis["options"]["target"]
    q = res.analysis["options"]["success_fraction"]
    cells = res.cells[res.cells["target"] == target]
    column = "coords." + axis
    fig, ax = plt.subplots(figsize=(6.4, 4.6))
    models = sorted(cells["model"].unique())
    handles = []  # legend: each model's points, then its fit
    for i, model in enumerate(models):
        color = "C%d" % i
        group = cells[cells["model"] == model].sort_values(column)
        x, y = group[column], group["n_star"]
        # Models side by side at each n (a few percent apart on the log axis).
        dodge = 1 + 0.025 * (i - (len(models) - 1) / 2)
        handles.append(ax.errorbar(x * dodge, y, yerr=[y - group["n_star_lo"], group["n_star_hi"] - y],
                    fmt="o", color=color, capsize=3, label=model))
        fit = res.fits[(res.fits["model"] == model) & (res.fits["quantity"] == "N*")
                       & (res.fits["axis"] == axis) & (res.fits["ok"] == True)]  # noqa: E712
        if fit.empty:
            continue
        f = fit.iloc[0]
        xs = [x.min() * 0.9, x.max() * 1.1]
        # The fit is log N* = intercept + exponent log n (natural logarithms).
        handles += ax.plot(xs, [math.exp(f["intercept"]) * v ** f["exponent"] for v in xs],
                color=color,
                label="  fit %.2f [%.2f, %.2f], theory %g"
                % (f["exponent"], f["exponent_lo"], f["exponent_hi"], f["theory"]))
    ax.set_xscale("log")
    ax.set_yscale("log")
    ticks = sorted(cells[column].unique())
    ax.set_xticks(ticks)
    ax.set_xticklabels(["%g" % t for t in ticks])
    ax.minorticks_off()
    ax.set_xlabel("patches per sample %s" % axis)
    ax.set_ylabel("sample complexity $N^*$")
    protocol = res.spec.get("training", {}).get("protocol", "budget")
    ax.set_title(r"$N^*$ ($\varepsilon$ = %g, q = %g) against %s, %s protocol"
                 % (target, q, axis, protocol))
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(handles=handles, fontsize=8, frameon=False, loc="upper left")
    fig.tight_layout()
    fig.savefig(out, dpi=150)
    print("wrote", out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="results/demo")
    parser.add_argument("--axis", default="n", help="grid axis on x (default n)")
    parser.add_argument("--out", default="nstar_vs_n.png")
    args = parser.parse_args()
    res = pmoe_sim.load(args.folder)
    if res.analysis is None:
        res = pmoe_sim.analyze(args.folder, plots=False)
    draw(res, args.axis, args.out)


if __name__ == "__main__":
    main()
