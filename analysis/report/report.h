// The analysis of one results folder: cells, fits against the theory,
// checks, and their renderings (terminal tables, analysis.json, report.md).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analysis/checks/expectations.h"
#include "analysis/estimate/analysis_options.h"
#include "analysis/estimate/complexity.h"
#include "analysis/fits/fit_shape.h"
#include "analysis/fits/gap_analysis.h"
#include "analysis/fits/scaling_fit.h"
#include "analysis/plots/plots.h"

namespace sim {

struct FitRow {
  std::string model, quantity, axis;  // quantity: "N*", "T*" or "N*_a/N*_b"
  Fit fit;
  size_t index = 0;              // which slope of `fit`
  double theory = std::nan("");  // the theory's exponent, if any
  std::string theory_basis;      // which exponent (theory_basis.h)
  std::string verdict;           // consistent / exceeds / n/a
  std::string why;               // why a fit's verdict is inconclusive
  // "outside the theorem's conditions in ..." (cell_conditions.h), or "".
  std::string conditions;
  FitShape shape;  // local slopes, and whether one end carries the slope
};

struct Analysis {
  ComplexityOptions options;
  std::vector<Cell> cells;
  // N_r* per cell of the grid's other axes, where it has an N_r axis
  // (router_samples.h).
  std::vector<Cell> router_cells;
  std::vector<FitRow> fits;
  std::vector<CheckRow> checks;
  std::vector<PlotFile> plots;
  std::vector<GapRow> gaps;  // top-k MoE models only (Zhao et al. 2024)
  // Per model: the validation samples that chose each run's learning rate
  // (counted in neither N* nor N* + N_r).
  std::map<std::string, double> validation_samples;
  // What analyze warns of (edge learning rates, a small test set, missing
  // runs, a stale sensitivity check), one line each, as stderr shows them.
  std::vector<std::string> warnings;
  // The budget-sensitivity check of this folder (sensitivity.json, written
  // by `pmoe-sim sensitivity`), or null.
  Json sensitivity;
};

Analysis Analyze(const ResultsSet& results, const ComplexityOptions& options);

// Axes of `axes` (other than N) that take two or more positive values
// among `model`'s cells; of axes zipped in lockstep, the first.
std::vector<std::string> VaryingAxes(const std::vector<std::string>& axes,
                                     const std::vector<Cell>& cells,
                                     const std::string& model);
// A fitted exponent against the theory's order (consistent, exceeds,
// inconclusive, no theory, no fit), judged on its 95% interval.
void JudgeAgainstTheory(FitRow& row);
// The fits of the proofs' mechanisms (mechanism_fits.cc): N_r*, T' and the
// cost to reach eps.
void AddMechanismFits(const ResultsSet& results, Analysis& a);

std::string CellsTable(const Analysis& analysis);
std::string FitsTable(const Analysis& analysis);
std::string ChecksTable(const std::vector<CheckRow>& checks);
std::string GapsTable(const Analysis& analysis);
Json AnalysisToJson(const Analysis& analysis);
// The checks as analysis.json holds them ("checks"); `check --json` too.
Json ChecksToJson(const std::vector<CheckRow>& checks);
std::string ReportMarkdown(const ResultsSet& results, const Analysis& analysis);

}  // namespace sim
