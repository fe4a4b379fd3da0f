#include "analysis/report.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "analysis/epsilon_fit.h"
#include "analysis/fit_checks.h"
#include "analysis/format_number.h"
#include "analysis/text_table.h"
#include "analysis/theory.h"

namespace sim {
namespace {

std::string Num(double x, const char* format = "%.3g") {
  return FormatNumber(x, format);
}

// Axes (other than N) that take two or more positive values among a model's
// cells.
std::vector<std::string> VaryingAxes(const ResultsSet& results,
                                     const std::vector<Cell>& cells,
                                     const std::string& model) {
  std::vector<std::string> axes;
  for (const std::string& axis : results.axes) {
    if (axis == "N") continue;
    std::set<double> values;
    bool positive = true;
    for (const Cell& c : cells) {
      if (c.model != model) continue;
      auto it = c.coords.find(axis);
      if (it == c.coords.end()) continue;
      values.insert(it->second);
      positive = positive && it->second > 0;
    }
    if (values.size() < 2 || !positive) continue;
    // Axes zipped together (e.g. d with its step size) move in lockstep: fit
    // only the first of them, since the others add a collinear column.
    bool lockstep = false;
    for (const std::string& kept : axes) {
      std::set<std::pair<double, double>> pairs;
      std::set<double> kept_values;
      for (const Cell& c : cells) {
        if (c.model != model || !c.coords.count(axis) || !c.coords.count(kept))
          continue;
        pairs.insert({c.coords.at(kept), c.coords.at(axis)});
        kept_values.insert(c.coords.at(kept));
      }
      lockstep |=
          pairs.size() == values.size() && pairs.size() == kept_values.size();
    }
    if (!lockstep) axes.push_back(axis);
  }
  return axes;
}

std::string Interval(const Fit& fit, size_t a) {
  double lo = 0, hi = 0;
  SlopeInterval(fit, a, lo, hi);
  if (std::isnan(lo)) return "";
  return "[" + Num(lo) + ", " + Num(hi) + "]";
}

// "3 + 1 cens.": uncensored cells, and censored ones (as intervals or left
// out).
std::string CellsText(const Fit& fit) {
  std::string text = std::to_string(fit.uncensored);
  if (fit.censored) text += " + " + std::to_string(fit.censored) + " cens.";
  if (fit.left_out) text += " (" + std::to_string(fit.left_out) + " out)";
  return text;
}

// A fit's verdict with why it could not be made or decided.
std::string VerdictNote(const FitRow& r) {
  if (!r.fit.ok) return r.verdict + " (" + r.fit.note + ")";
  return r.why.empty() ? r.verdict : r.verdict + " (" + r.why + ")";
}

std::string VerdictText(Verdict v) {
  return v == Verdict::kPass   ? "PASS"
         : v == Verdict::kFail ? "FAIL"
                               : "INCONCLUSIVE";
}

// The validity columns of a cell: limited fraction (flagged) and gap.
std::string LimitedText(const Cell& c) {
  if (std::isnan(c.limited_fraction)) return "n/a";
  return Num(c.limited_fraction, "%.2f") +
         (c.OptimisationLimited() ? " !" : "");
}

}  // namespace

ComplexityOptions ReadAnalysisOptions(const ResultsSet& results) {
  ComplexityOptions options;
  if (!results.targets.empty()) options.target = results.targets.front();
  if (results.spec.contains("analysis")) {
    ObjectReader r(results.spec["analysis"], "analysis");
    options.target = r.Number("target", options.target);
    options.success = r.Number("success_fraction", options.success);
    options.bootstrap = r.Int("bootstrap", options.bootstrap, 0, 100000);
    r.Finish();
    if (options.target < 0 || options.target > 1)
      ThrowSpecError("analysis.target", "must be in [0, 1]");
    if (options.success <= 0 || options.success > 1) {
      ThrowSpecError("analysis.success_fraction", "must be in (0, 1]");
    }
  }
  options.seed = results.spec.value("seed", 1);
  return options;
}

// A fitted exponent against the theory's upper-bound order: consistent
// unless the whole interval lies above it; inconclusive when the fit
// cannot support a verdict (fit_checks.h).
void JudgeAgainstTheory(FitRow& row) {
  double lo = 0, hi = 0;
  SlopeInterval(row.fit, row.index, lo, hi);
  if (!row.fit.ok || std::isnan(row.theory)) {
    row.verdict = row.fit.ok ? "no theory" : "no fit";
  } else if (!(row.why = FitInconclusiveReason(row.fit, lo, hi)).empty()) {
    row.verdict = "inconclusive";
  } else {
    row.verdict = lo > row.theory ? "exceeds" : "consistent";
  }
}

// Online models: the exponent in 1/eps over the training targets, fitted
// jointly with the model's varying axes (epsilon_fit.h).
void AddEpsilonFits(const ResultsSet& results,
                    const ComplexityOptions& options,
                    const std::map<std::string, std::string>& type_of,
                    Analysis& a) {
  if (results.targets.size() < 2) return;
  for (const std::string& model : results.models) {
    if (!TrainedOnline(results, model) || !type_of.count(model)) continue;
    const std::vector<std::string> axes = VaryingAxes(results, a.cells, model);
    for (const Quantity quantity : {Quantity::kNStar, Quantity::kTStar}) {
      const bool samples = quantity == Quantity::kNStar;
      FitRow row{
          model,
          samples ? "N*" : "T*",
          "1/eps",
          FitEpsilon(results, options, results.targets, model, axes, quantity),
          0,
          std::nan(""),
          "",
          ""};
      const auto theory = TheoryExponentFor(type_of.at(model), "1/eps");
      if (theory) row.theory = samples ? theory->samples : theory->iterations;
      JudgeAgainstTheory(row);
      a.fits.push_back(row);
    }
  }
}

Analysis Analyze(const ResultsSet& results, const ComplexityOptions& options) {
  Analysis a;
  a.options = options;
  a.cells = SummariseCells(results, options);
  a.gaps = GapRows(results);
  std::map<std::string, std::string> type_of;
  for (const Cell& c : a.cells) type_of[c.model] = c.type;
  for (const std::string& model : results.models) {
    const std::vector<std::string> axes = VaryingAxes(results, a.cells, model);
    if (axes.empty()) continue;
    for (const Quantity quantity : {Quantity::kNStar, Quantity::kTStar}) {
      const Fit fit = FitCells(a.cells, model, axes, quantity);
      for (size_t i = 0; i < axes.size(); ++i) {
        FitRow row{model,   quantity == Quantity::kNStar ? "N*" : "T*",
                   axes[i], fit,
                   i,       std::nan(""),
                   "",      ""};
        const auto theory =
            TheoryExponentFor(type_of[model], TheoryParam(axes[i]),
                              results.OwnRouterSamples(model));
        if (theory)
          row.theory = quantity == Quantity::kNStar ? theory->samples
                                                    : theory->iterations;
        JudgeAgainstTheory(row);
        a.fits.push_back(row);
      }
    }
  }
  AddEpsilonFits(results, options, type_of, a);
  // Savings of every pMoE model over every CNN model along shared axes.
  for (const std::string& cnn : results.models) {
    if (type_of[cnn] != "cnn") continue;
    const std::vector<std::string> cnn_axes =
        VaryingAxes(results, a.cells, cnn);
    for (const std::string& moe : results.models) {
      if (type_of[moe] == "cnn" || !type_of.count(moe)) continue;
      for (const std::string& axis : VaryingAxes(results, a.cells, moe)) {
        if (std::find(cnn_axes.begin(), cnn_axes.end(), axis) == cnn_axes.end())
          continue;
        FitRow row{moe,  "N*_" + cnn + "/N*_" + moe,
                   axis, FitSaving(a.cells, cnn, moe, {axis}),
                   0,    std::nan(""),
                   "",   ""};
        double lo = 0, hi = 0;
        SlopeInterval(row.fit, 0, lo, hi);
        if (row.fit.ok) row.why = FitInconclusiveReason(row.fit, lo, hi);
        row.verdict = !row.fit.ok            ? "no fit"
                      : !row.why.empty()     ? "inconclusive"
                      : row.fit.slope[0] > 0 ? "saving grows"
                                             : "saving does not grow";
        a.fits.push_back(row);
      }
    }
  }
  return a;
}

std::string CellsTable(const Analysis& a) {
  std::ostringstream out;
  char eps[32];
  std::snprintf(eps, sizeof(eps), "%g", a.options.target);
  out << "Sample complexity N*(eps=" << eps << ", q=" << a.options.success
      << ") and iteration complexity T* per cell (95% bootstrap intervals);\n"
      << "opt-limited: fraction of runs limited by the optimiser (train "
         "error > eps/2, or stopped unconverged; ! flags a cell), gap: mean "
         "test - train error\n";
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
    table.Add({c.Label(), c.n_star.Text(), c.t_star.Text(), LimitedText(c),
               Num(c.mean_gap, "%.3f"), errors});
  }
  return out.str() + table.Render();
}

std::string FitsTable(const Analysis& a) {
  std::ostringstream out;
  out << "Scaling fits: log quantity on log axis (relative error); least "
         "squares, censored cells as intervals (Tobit)\n";
  if (a.fits.empty()) {
    return out.str() + "(no axis besides N varies: nothing to fit)\n";
  }
  TextTable table({"model", "quantity", "axis", "slope", "95% interval",
                   "theory", "cells", "verdict"});
  for (const FitRow& r : a.fits) {
    const std::string slope = r.fit.ok ? Num(r.fit.slope[r.index]) : "n/a";
    table.Add({r.model, r.quantity, r.axis, slope, Interval(r.fit, r.index),
               Num(r.theory, "%g"), CellsText(r.fit), VerdictNote(r)});
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
         "term, d_N = T d, "
         "delta = 0.05)\n";
  TextTable table(
      {"model", "N", "T", "k", "error gap", "loss gap", "bound term"});
  for (const GapRow& g : a.gaps) {
    table.Add({g.model, Num(g.N, "%g"), Num(g.T, "%g"), Num(g.k, "%g"),
               Num(g.error_gap), Num(g.loss_gap), Num(g.bound)});
  }
  return out.str() + table.Render();
}

namespace {

std::string CellsSection(const Analysis& a) {
  std::ostringstream out;
  out << "## Sample and iteration complexity\n\n"
      << "N* is the smallest N at which a fraction q = " << a.options.success
      << " of the repeats reach test error <= " << a.options.target
      << " (interpolated in log N between grid points); T* is the q-quantile "
         "of the first SGD step at which test error <= eps, at the cell's "
         "largest N. Intervals are 95% percentile bootstrap over repeats. "
         "`>X` means no N in the grid succeeded (censored above), `<=X` that "
         "already the smallest did. *Opt-limited* is the fraction of the "
         "cell's runs that ended limited by the optimiser rather than by "
         "their samples (final train error > eps/2, or stopped by a step cap "
         "before converging, or diverged); the gap is the mean test minus "
         "train error.\n\n";
  out << "| cell | N* | T* (steps) | opt-limited | gap | mean test error by N "
         "|\n|---|---|---|---|---|---|\n";
  std::string flagged;
  for (const Cell& c : a.cells) {
    std::string errors;
    for (const GridPoint& p : c.points)
      errors += Num(p.N, "%g") + ": " + Num(p.mean_error, "%.3f") + "; ";
    out << "| " << c.Label() << " | " << c.n_star.Text() << " | "
        << c.t_star.Text() << " | "
        << (c.OptimisationLimited() ? "**" + LimitedText(c) + "**"
                                    : LimitedText(c))
        << " | " << Num(c.mean_gap, "%.3f") << " | " << errors << " |\n";
    if (c.OptimisationLimited())
      flagged += (flagged.empty() ? "" : ", ") + c.Label();
  }
  if (!flagged.empty()) {
    out << "\n**Optimisation-limited cells** (their N* measures the "
           "optimiser's budget as well as the samples; their scaling fits "
           "are not sample complexity alone): "
        << flagged << ".\n";
  }
  return out.str();
}

std::string FitsSection(const Analysis& a) {
  std::ostringstream out;
  out << "\n## Scaling fits against the theory\n\n"
      << "Fits of log(quantity) on log(axis) (relative error): least "
         "squares, with censored cells as interval observations (censored "
         "normal, Tobit, maximum likelihood). The theory's exponents (n^8 "
         "for the CNN, l^8 for separate pMoE, k^4 l^6 for joint pMoE; n^4, "
         "l^4, k^2 l^2 for iterations) are upper-bound orders: *consistent* "
         "means the measured exponent does not exceed them beyond its "
         "interval; *inconclusive* that too few uncensored cells, no "
         "interval or too many dropped bootstrap replicates leave it "
         "undecided.\n\n";
  out << "| model | quantity | axis | slope | 95% interval | theory | cells "
         "(censored) | verdict |\n"
         "|---|---|---|---|---|---|---|---|\n";
  for (const FitRow& r : a.fits) {
    out << "| " << r.model << " | " << r.quantity << " | " << r.axis << " | "
        << (r.fit.ok ? Num(r.fit.slope[r.index]) : "n/a") << " | "
        << Interval(r.fit, r.index) << " | " << Num(r.theory, "%g") << " | "
        << CellsText(r.fit) << " | " << VerdictNote(r) << " |\n";
  }
  if (a.fits.empty())
    out << "\n(No axis besides N varies, so there is nothing to fit.)\n";
  return out.str();
}

std::string GapsSection(const Analysis& a) {
  if (a.gaps.empty()) return "";
  std::ostringstream out;
  out << "\n## Generalisation gap vs Zhao et al. 2024\n\n"
      << "Measured mean train-test gaps of the top-k MoE models beside the "
         "router term of Zhao, Wang, Wang's bound, 2 sqrt([2 k d_N (1 + "
         "ln(T/k)) + d_N ln(2m) + ln(4/delta)] / (2m)) with d_N = T d (the "
         "linear router's parameter count) and delta = 0.05. The bound's "
         "expert term 4 C R_m(H) does not depend on T or k and is left out. "
         "The bound is loose in value; what can be compared is how the gap "
         "moves with N, T and k (see the `trend` checks).\n\n"
      << "| model | N | T | k | error gap | loss gap | bound term "
         "|\n|---|---|---|---|---|---|---|\n";
  for (const GapRow& g : a.gaps) {
    out << "| " << g.model << " | " << Num(g.N, "%g") << " | " << Num(g.T, "%g")
        << " | " << Num(g.k, "%g") << " | " << Num(g.error_gap) << " | "
        << Num(g.loss_gap) << " | " << Num(g.bound) << " |\n";
  }
  return out.str();
}

std::string ChecksSection(const Analysis& a) {
  std::ostringstream out;
  out << "\n## Checks\n\n";
  if (a.checks.empty()) return out.str() + "The spec has no `expect` rules.\n";
  out << "| check | verdict | measured | interval | rule "
         "|\n|---|---|---|---|---|\n";
  for (const CheckRow& c : a.checks) {
    const std::string verdict = VerdictText(c.verdict);
    out << "| " << c.name << " | "
        << (c.Passed() ? verdict : "**" + verdict + "**") << " | "
        << c.MeasuredText() << " | " << c.IntervalText() << " | " << c.rule
        << (c.note.empty() ? "" : " (" + c.note + ")") << " |\n";
  }
  return out.str();
}

}  // namespace

std::string ReportMarkdown(const ResultsSet& results, const Analysis& a) {
  std::ostringstream out;
  out << "# " << results.spec.value("name", std::string("results")) << "\n\n";
  const std::string description =
      results.spec.value("description", std::string());
  if (!description.empty()) out << description << "\n\n";
  out << "Runs: " << results.runs.size()
      << " records in `runs.jsonl`. Generated by `pmoe-sim analyze`.\n\n";
  out << CellsSection(a) << FitsSection(a) << GapsSection(a)
      << ChecksSection(a);
  out << "\n## Plots\n\n";
  for (const PlotFile& p : a.plots) {
    out << "### " << p.title << "\n\n![" << p.title << "](plots/" << p.name
        << ".svg)\n\n"
        << p.how_to_read << "\n\n";
  }
  return out.str();
}

}  // namespace sim
