// The analysis of one results folder: cells, fits against the theory,
// checks, and their renderings (terminal tables, analysis.json, report.md).
#pragma once

#include <string>
#include <vector>

#include "analysis/complexity.h"
#include "analysis/expectations.h"
#include "analysis/gap_analysis.h"
#include "analysis/plots.h"
#include "analysis/scaling_fit.h"

namespace sim {

struct FitRow {
  std::string model, quantity, axis;  // quantity: "N*", "T*" or "N*_a/N*_b"
  Fit fit;
  size_t index = 0;              // which slope of `fit`
  double theory = std::nan("");  // the theory's exponent, if any
  std::string verdict;           // consistent / exceeds / n/a
  std::string why;               // why a fit's verdict is inconclusive
};

struct Analysis {
  ComplexityOptions options;
  std::vector<Cell> cells;
  std::vector<FitRow> fits;
  std::vector<CheckRow> checks;
  std::vector<PlotFile> plots;
  std::vector<GapRow> gaps;  // top-k MoE models only (Zhao et al. 2024)
};

// Options from the spec's "analysis" object (strict; throws SpecError).
ComplexityOptions ReadAnalysisOptions(const ResultsSet& results);
Analysis Analyze(const ResultsSet& results, const ComplexityOptions& options);

std::string CellsTable(const Analysis& analysis);
std::string FitsTable(const Analysis& analysis);
std::string ChecksTable(const std::vector<CheckRow>& checks);
std::string GapsTable(const Analysis& analysis);
Json AnalysisToJson(const Analysis& analysis);
// The checks as analysis.json holds them ("checks"); `check --json` too.
Json ChecksToJson(const std::vector<CheckRow>& checks);
std::string ReportMarkdown(const ResultsSet& results, const Analysis& analysis);

}  // namespace sim
