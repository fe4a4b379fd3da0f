// Analyze: cells, fits against the theory, savings, the exponent in 1/eps
// and Zhao et al.'s gap rows of one results folder.
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "analysis/checks/fit_checks.h"
#include "analysis/estimate/cell_conditions.h"
#include "analysis/estimate/rate_selection.h"
#include "analysis/estimate/test_set_size.h"
#include "analysis/fits/epsilon_fit.h"
#include "analysis/fits/theory_basis.h"
#include "analysis/fits/total_samples.h"
#include "analysis/report/report.h"
#include "analysis/report/report_text.h"
#include "analysis/theory/theory.h"

namespace sim {

std::vector<std::string> VaryingAxes(const std::vector<std::string>& grid_axes,
                                     const std::vector<Cell>& cells,
                                     const std::string& model) {
  std::vector<std::string> axes;
  for (const std::string& axis : grid_axes) {
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

namespace {

std::vector<std::string> VaryingAxes(const ResultsSet& results,
                                     const std::vector<Cell>& cells,
                                     const std::string& model) {
  return VaryingAxes(results.axes, cells, model);
}

}  // namespace

// A fitted exponent against the theory's upper-bound order, judged on its
// 95% interval: consistent when the whole interval lies at or below it,
// exceeds when the whole interval lies above it, inconclusive when the
// interval straddles it or the fit cannot support a verdict (fit_checks.h).
void JudgeAgainstTheory(FitRow& row) {
  double lo = 0, hi = 0;
  SlopeInterval(row.fit, row.index, lo, hi);
  if (!row.fit.ok || std::isnan(row.theory)) {
    row.verdict = row.fit.ok ? "no theory" : "no fit";
    if (row.fit.ok && !row.theory_basis.empty() &&
        row.theory_basis.rfind("B*T (B varies", 0) == 0)
      row.why = row.theory_basis;
  } else if (!(row.why = FitInconclusiveReason(row.fit, lo, hi)).empty()) {
    row.verdict = "inconclusive";
  } else if (lo > row.theory) {
    row.verdict = "exceeds";
  } else if (hi <= row.theory) {
    row.verdict = "consistent";
  } else {
    row.verdict = "inconclusive";
    row.why = "the interval straddles the theory's exponent";
  }
}

namespace {

FitRow NewRow(const std::string& model,
              const std::string& quantity,
              const std::string& axis,
              Fit fit,
              size_t index) {
  FitRow row;
  row.model = model;
  row.quantity = quantity;
  row.axis = axis;
  row.fit = std::move(fit);
  row.index = index;
  return row;
}

// The theory's exponent and its basis for a row (theory_basis.h).
void SetTheory(const TheoryComparison& theory, FitRow& row) {
  row.theory = theory.exponent;
  row.theory_basis = theory.basis;
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
      FitRow row = NewRow(
          model, samples ? "N*" : "T*", "1/eps",
          FitEpsilon(results, options, results.targets, model, axes, quantity),
          0);
      SetTheory(TheoryFor(results, model, "1/eps", quantity), row);
      JudgeAgainstTheory(row);
      a.fits.push_back(row);
    }
  }
}

// Whether `model` is a dense baseline (a CNN) that savings are taken over.
bool IsDense(const std::map<std::string, std::string>& type_of,
             const std::string& model) {
  const auto it = type_of.find(model);
  return it != type_of.end() && TraitsOf(it->second).dense_baseline;
}

// The saving N*_cnn / N*_moe (written `moe_n` in the quantity) against one
// axis, judged on its interval.
FitRow SavingRow(const std::vector<Cell>& cells,
                 const std::string& cnn,
                 const std::string& moe,
                 const std::string& moe_n,
                 const std::string& axis) {
  FitRow row = NewRow(moe, "N*_" + cnn + "/" + moe_n, axis,
                      FitSaving(cells, cnn, moe, {axis}), 0);
  double lo = 0, hi = 0;
  SlopeInterval(row.fit, 0, lo, hi);
  if (row.fit.ok) row.why = FitInconclusiveReason(row.fit, lo, hi);
  // On the interval: grows when it lies above 0, shrinks when below.
  if (row.fit.ok && row.why.empty() && lo <= 0 && hi >= 0)
    row.why = "the interval contains 0";
  row.verdict = !row.fit.ok        ? "no fit"
                : !row.why.empty() ? "inconclusive"
                : lo > 0           ? "saving grows"
                                   : "saving shrinks";
  return row;
}

// Every (dense, routed) pair of models a saving is taken for: each routed
// model over each dense baseline (a CNN).
std::vector<std::pair<std::string, std::string>> SavingPairs(
    const ResultsSet& results,
    const std::map<std::string, std::string>& type_of) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const std::string& cnn : results.models) {
    if (!IsDense(type_of, cnn)) continue;
    for (const std::string& moe : results.models)
      if (type_of.count(moe) && !IsDense(type_of, moe))
        pairs.emplace_back(cnn, moe);
  }
  return pairs;
}

// The saving N*_cnn / N*_moe of every routed model over every dense one
// along shared axes; on `cells` with N* + N_r when `totals`.
void AddSavings(const ResultsSet& results,
                const std::vector<Cell>& cells,
                const std::map<std::string, std::string>& type_of,
                bool totals,
                Analysis& a) {
  for (const auto& [cnn, moe] : SavingPairs(results, type_of)) {
    if (totals && !CountsRouterSamples(cells, results, moe)) continue;
    const std::vector<std::string> cnn_axes = VaryingAxes(results, cells, cnn);
    const std::string moe_n = totals ? "(N*_" + moe + "+N_r)" : "N*_" + moe;
    for (const std::string& axis : VaryingAxes(results, cells, moe)) {
      if (std::find(cnn_axes.begin(), cnn_axes.end(), axis) == cnn_axes.end())
        continue;
      a.fits.push_back(SavingRow(cells, cnn, moe, moe_n, axis));
    }
  }
}

// N*, T* and, for models whose routers have samples of their own, N* + N_r
// of every model against its varying axes, jointly.
void AddModelFits(const ResultsSet& results,
                  const std::vector<Cell>& totals,
                  Analysis& a) {
  for (const std::string& model : results.models) {
    const std::vector<std::string> axes = VaryingAxes(results, a.cells, model);
    if (axes.empty()) continue;
    for (const Quantity quantity : {Quantity::kNStar, Quantity::kTStar}) {
      const Fit fit = FitCells(a.cells, model, axes, quantity);
      for (size_t i = 0; i < axes.size(); ++i) {
        FitRow row = NewRow(model, QuantityLabel(quantity), axes[i], fit, i);
        row.shape = ShapeOf(a.cells, model, axes, i, quantity, fit);
        SetTheory(TheoryFor(results, model, axes[i], quantity), row);
        JudgeAgainstTheory(row);
        a.fits.push_back(row);
      }
    }
    if (!CountsRouterSamples(totals, results, model)) continue;
    const Fit fit = FitCells(totals, model, axes, Quantity::kNStar);
    for (size_t i = 0; i < axes.size(); ++i) {
      FitRow row = NewRow(model, kTotalSamplesQuantity, axes[i], fit, i);
      row.shape = ShapeOf(totals, model, axes, i, Quantity::kNStar, fit);
      SetTheory(TheoryForTotal(results, model, axes[i]), row);
      JudgeAgainstTheory(row);
      a.fits.push_back(row);
    }
  }
}

// Whether `axis` takes two or more values among `model`'s cells.
bool VariesFor(const std::vector<Cell>& cells,
               const std::string& model,
               const std::string& axis) {
  std::set<double> values;
  for (const Cell& c : cells) {
    double v = 0;
    if (c.model == model && CellAxisValue(c, axis, v)) values.insert(v);
  }
  return values.size() >= 2;
}

// N* and T* of every model, and the saving of every routed model over every
// dense one, against each composite the spec names (analysis.composite_axes),
// alone; the theory states no exponent in a composite ("no theory").
void AddCompositeFits(const ResultsSet& results,
                      const std::map<std::string, std::string>& type_of,
                      Analysis& a) {
  for (const std::string& axis : a.options.composite_axes) {
    for (const std::string& model : results.models) {
      // A composite that does not move for this model (the CNN reads every
      // patch: its l is n, n/l is 1) has nothing to fit.
      if (!VariesFor(a.cells, model, axis)) continue;
      for (const Quantity quantity : {Quantity::kNStar, Quantity::kTStar}) {
        FitRow row = NewRow(model, QuantityLabel(quantity), axis,
                            FitCells(a.cells, model, {axis}, quantity), 0);
        row.shape = ShapeOf(a.cells, model, {axis}, 0, quantity, row.fit);
        JudgeAgainstTheory(row);
        a.fits.push_back(row);
      }
    }
    for (const auto& [cnn, moe] : SavingPairs(results, type_of))
      a.fits.push_back(SavingRow(a.cells, cnn, moe, "N*_" + moe, axis));
  }
}

// Each line of `text` ("warning: ..." lines) as one warning.
void AddWarnings(const std::string& text, Analysis& a) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("warning: ", 0) == 0) line = line.substr(9);
    if (!line.empty()) a.warnings.push_back(line);
  }
}

// The folder's sensitivity.json, if `pmoe-sim sensitivity` wrote one for
// these records (a check made on other records is stale: warned, not used).
void ReadSensitivity(const ResultsSet& results, Analysis& a) {
  const std::string path = results.directory + "/sensitivity.json";
  std::ifstream in(path);
  if (!in) return;
  Json s = Json::parse(in, nullptr, false);
  if (s.is_discarded() || !s.is_object()) {
    a.warnings.push_back(path + " is not valid JSON: left out of the report");
    return;
  }
  const size_t made_on = s.value("records", size_t{0});
  if (made_on != results.runs.size()) {
    a.warnings.push_back(path + " was made on " + std::to_string(made_on) +
                         " records, the folder now has " +
                         std::to_string(results.runs.size()) +
                         ": rerun `pmoe-sim sensitivity` (left out)");
    return;
  }
  a.sensitivity = std::move(s);
}

}  // namespace

Analysis Analyze(const ResultsSet& results, const ComplexityOptions& options) {
  Analysis a;
  a.options = options;
  a.cells = SummariseCells(results, options);
  a.gaps = GapRows(results, options.seed);
  a.validation_samples = results.validation_samples;
  AddWarnings(RateEdgeWarnings(RateEdges(results)), a);
  AddWarnings(TestSetWarning(results, options.target), a);
  ReadSensitivity(results, a);
  std::map<std::string, std::string> type_of;
  for (const Cell& c : a.cells) type_of[c.model] = c.type;
  const std::vector<Cell> totals = WithRouterSamples(a.cells, results);
  AddModelFits(results, totals, a);
  AddEpsilonFits(results, options, type_of, a);
  AddSavings(results, a.cells, type_of, false, a);
  AddSavings(results, totals, type_of, true, a);
  AddCompositeFits(results, type_of, a);
  AddMechanismFits(results, a);
  // Every verdict says when its cells lie outside the theorem's conditions.
  for (FitRow& row : a.fits) {
    row.conditions = OutsideConditionsNote(a.cells, row.model);
    const size_t over = row.quantity.find("N*_");
    if (row.conditions.empty() && over == 0) {
      const std::string dense =
          row.quantity.substr(3, row.quantity.find('/') - 3);
      row.conditions = OutsideConditionsNote(a.cells, dense);
    }
  }
  return a;
}

}  // namespace sim
