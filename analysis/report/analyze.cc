// Analyze: cells, fits against the theory, savings, the exponent in 1/eps
// and Zhao et al.'s gap rows of one results folder.
#include <cmath>
#include <map>
#include <set>

#include "analysis/checks/fit_checks.h"
#include "analysis/fits/epsilon_fit.h"
#include "analysis/report/report.h"
#include "analysis/report/report_text.h"
#include "analysis/theory/theory.h"

namespace sim {
namespace {

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

}  // namespace

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
  a.gaps = GapRows(results, options.seed);
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
    if (!TraitsOf(type_of[cnn]).dense_baseline) continue;
    const std::vector<std::string> cnn_axes =
        VaryingAxes(results, a.cells, cnn);
    for (const std::string& moe : results.models) {
      if (!type_of.count(moe) || TraitsOf(type_of[moe]).dense_baseline)
        continue;
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

}  // namespace sim
