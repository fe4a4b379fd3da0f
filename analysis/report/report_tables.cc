// The terminal tables of `analyze` and `check`.
#include <cmath>
#include <cstdio>

#include "analysis/report/conditions_report.h"
#include "analysis/report/report.h"
#include "analysis/report/report_text.h"
#include "analysis/text/text_table.h"

namespace sim {

std::string CellsTable(const Analysis& a) {
  std::ostringstream out;
  char eps[32];
  std::snprintf(eps, sizeof(eps), "%g", a.options.target);
  out << "Sample complexity N*(eps=" << eps << ", q=" << a.options.success
      << ") and iteration complexity T* per cell (95% bootstrap intervals);\n"
      << "opt-limited: fraction of runs limited by the optimiser (train "
         "error > eps/2, or stopped unconverged; ! flags a cell), gap: mean "
         "test - train error\n"
      << "T*: " << TStarDefinition(a.options.t_star)
      << "; <= at the first evaluation or a rate edge (largest/smallest "
         "eta: an upper limit)\n";
  // Online cells: T* is the theorems' T at the spec's batch size B.
  std::set<double> online_batches;
  for (const Cell& c : a.cells)
    if (c.online && c.params.count("B"))
      online_batches.insert(c.params.at("B"));
  for (double B : online_batches) {
    out << "online cells (one pass of fresh samples): N* = B T* with B = "
        << Num(B, "%g") << "; T* is the theorems' T at that B\n";
  }
  TextTable table({"cell", "N*", "T* (steps)", "opt-limited", "gap",
                   "test error by N (mean)"});
  for (const Cell& c : a.cells) {
    std::string errors;
    for (const GridPoint& p : c.points) {
      errors += Num(p.N, "%g") + ":" + Num(p.mean_error, "%.3f") +
                (p.failed ? "(" + std::to_string(p.failed) + " failed)" : "") +
                " ";
    }
    table.Add({c.Label(), c.n_star.Text() + c.RateEdgeMark(), c.t_star.Text(),
               LimitedText(c), Num(c.mean_gap, "%.3f"), errors});
  }
  return out.str() + table.Render() + ConditionsLines(a);
}

std::string FitsTable(const Analysis& a) {
  std::ostringstream out;
  out << "Scaling fits: log quantity on log axis (relative error); least "
         "squares, censored cells as intervals (Tobit)\n";
  if (a.fits.empty()) {
    return out.str() + "(no axis besides N varies: nothing to fit)\n";
  }
  TextTable table({"model", "quantity", "axis", "slope", "95% interval",
                   "theory", "basis", "cells", "verdict"});
  for (const FitRow& r : a.fits) {
    const std::string slope = r.fit.ok ? Num(r.fit.slope[r.index]) : "n/a";
    table.Add({r.model, r.quantity, r.axis, slope, Interval(r.fit, r.index),
               Num(r.theory, "%g"), r.theory_basis, CellsText(r.fit),
               VerdictNote(r)});
  }
  return out.str() + table.Render();
}

std::string ChecksTable(const std::vector<CheckRow>& checks) {
  if (checks.empty()) return "(the spec has no \"expect\" rules)\n";
  TextTable table({"check", "verdict", "measured", "interval", "rule"});
  for (const CheckRow& c : checks) {
    table.Add({c.name, VerdictText(c.verdict), c.MeasuredText(),
               c.IntervalText(),
               c.rule + (c.note.empty() ? "" : " (" + c.note + ")")});
  }
  return table.Render();
}

std::string GapsTable(const Analysis& a) {
  if (a.gaps.empty()) return "";
  std::ostringstream out;
  out << "Generalisation gap of the top-k MoE vs Zhao et al.'s bound (router "
         "term, d_N = T d, delta = 0.05; slack = bound - error gap)\n";
  TextTable table({"model", "N", "T", "k", "runs", "error gap", "95% interval",
                   "bound term", "slack", "loss gap"});
  for (const GapRow& g : a.gaps) {
    table.Add({g.model, Num(g.N, "%g"), Num(g.T, "%g"), Num(g.k, "%g"),
               GapRunsText(g), Num(g.error_gap), GapIntervalText(g),
               Num(g.bound) + (g.Vacuous() ? " (vacuous)" : ""), Num(g.Slack()),
               Num(g.loss_gap)});
  }
  return out.str() + table.Render();
}

}  // namespace sim
