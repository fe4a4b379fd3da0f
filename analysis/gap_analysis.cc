#include "analysis/gap_analysis.h"

#include <map>

#include "analysis/theory.h"
#include "analysis/zhao_bound.h"

namespace sim {

std::vector<GapRow> GapRows(const ResultsSet& results) {
  std::map<std::pair<std::string, std::map<std::string, double>>, GapRow> rows;
  for (const RunRecord& run : results.runs) {
    // Runs without both final errors and losses (null: not measured) are
    // left out rather than read as zero gaps.
    if (!TraitsOf(run.type).gap_bound || !run.ok || !run.test_error_measured ||
        !run.train_error_measured || !run.losses_measured)
      continue;
    GapRow& row = rows[{run.model, run.coords}];
    row.model = run.model;
    row.coords = run.coords;
    row.N = run.N();
    row.T = run.params.at("k");
    row.k = run.params.count("top_k") ? run.params.at("top_k") : 1;
    row.d = run.params.at("d");
    row.runs++;
    row.error_gap += run.test_error - run.train_error;
    row.loss_gap += run.test_loss - run.train_loss;
  }
  std::vector<GapRow> out;
  for (auto& [key, row] : rows) {
    row.error_gap /= row.runs;
    row.loss_gap /= row.runs;
    row.bound = ZhaoRouterTerm(row.N, row.T, row.k, row.T * row.d);
    out.push_back(row);
  }
  return out;
}

}  // namespace sim
