#include "analysis/rate_selection.h"

#include <cmath>

namespace sim {

std::vector<RateEdge> RateEdges(const ResultsSet& results) {
  std::vector<RateEdge> edges;
  for (const std::string& model : results.models) {
    RateEdge e{model};
    for (const RunRecord& r : results.runs) {
      if (r.model != model || std::isnan(r.eta_chosen)) continue;
      ++e.runs;
      if (r.eta_highest > r.eta_lowest) {
        e.highest += r.eta_chosen == r.eta_highest;
        e.lowest += r.eta_chosen == r.eta_lowest;
      }
    }
    if (e.runs > 0) edges.push_back(e);
  }
  return edges;
}

std::string RateEdgeWarnings(const std::vector<RateEdge>& edges,
                             double fraction) {
  std::string text;
  for (const RateEdge& e : edges) {
    for (const auto& [count, which] :
         {std::pair{e.highest, "largest"}, std::pair{e.lowest, "smallest"}}) {
      if (count == 0 || count < fraction * e.runs) continue;
      text += "warning: " + e.model + " chose the " + which +
              " learning-rate candidate in " + std::to_string(count) + " of " +
              std::to_string(e.runs) +
              " runs; its N* may be limited by the candidates (widen "
              "training.learning_rate.select)\n";
    }
  }
  return text;
}

}  // namespace sim
