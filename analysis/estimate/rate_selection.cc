#include "analysis/estimate/rate_selection.h"

#include <cmath>
#include <map>
#include <tuple>
#include <vector>

#include "analysis/estimate/complexity.h"

namespace sim {

namespace {

// The cell a run's N* belongs to: its coordinates except N (a map, so that
// cells sort by value: n=6 before n=12).
using CellKey = std::map<std::string, double>;

CellKey CellOf(const RunRecord& r) {
  CellKey key = r.coords;
  key.erase("N");
  return key;
}

// As the cell tables print it; runs whose axes are all null form a cell of
// their own.
std::string CellLabel(const CellKey& key) {
  return key.empty() ? "(no coordinates)" : CoordsText(key);
}

// Runs that selected a rate, and how many chose each edge of their list.
struct Tally {
  int runs = 0, highest = 0, lowest = 0;
  void Add(const RunRecord& r) {
    if (std::isnan(r.eta_chosen)) return;
    ++runs;
    if (r.eta_highest > r.eta_lowest) {
      highest += r.eta_chosen == r.eta_highest;
      lowest += r.eta_chosen == r.eta_lowest;
    }
  }
  // The edge most of the runs chose: "largest", "smallest" or "".
  std::string Edge() const {
    if (2 * highest > runs) return "largest";
    if (2 * lowest > runs) return "smallest";
    return "";
  }
};

}  // namespace

std::string RateEdgeOf(const std::vector<const RunRecord*>& runs) {
  Tally tally;
  for (const RunRecord* r : runs) tally.Add(*r);
  return tally.Edge();
}

namespace {

// Below-censors an estimate not censored otherwise; its interval goes
// (a bound has none).
void CensorBelow(Estimate& e) {
  if (e.censor != Censor::kNone || !std::isfinite(e.value)) return;
  e.censor = Censor::kBelow;
  e.lo = e.hi = std::nan("");
}

void CensorReplicatesBelow(const std::vector<double>& values,
                           std::vector<Censor>& censor) {
  censor.resize(values.size(), Censor::kNone);
  for (size_t b = 0; b < values.size(); ++b) {
    if (censor[b] == Censor::kNone && std::isfinite(values[b]))
      censor[b] = Censor::kBelow;
  }
}

}  // namespace

void CensorAtRateEdge(const std::vector<const RunRecord*>& runs, Cell& cell) {
  cell.rate_edge = RateEdgeOf(runs);
  if (cell.rate_edge.empty()) return;
  CensorBelow(cell.n_star);
  CensorBelow(cell.t_star);
  CensorReplicatesBelow(cell.n_star_boot, cell.n_star_boot_censor);
  CensorReplicatesBelow(cell.t_star_boot, cell.t_star_boot_censor);
}

std::vector<RateEdge> RateEdges(const ResultsSet& results) {
  std::vector<RateEdge> edges;
  for (const std::string& model : results.models) {
    RateEdge e;
    e.model = model;
    std::map<CellKey, Tally> cells;
    for (const RunRecord& r : results.runs)
      if (r.model == model && !std::isnan(r.eta_chosen))
        cells[CellOf(r)].Add(r);
    for (const auto& [key, cell] : cells) {
      e.runs += cell.runs;
      e.highest += cell.highest;
      e.lowest += cell.lowest;
      // A cell most of whose runs sit at one edge is named even when the
      // model's other cells dilute the pooled count (one cell: the pooled
      // count says it).
      if (cells.size() == 1) continue;
      const std::string edge = cell.Edge();
      if (edge == "largest") e.cells_highest.push_back(CellLabel(key));
      if (edge == "smallest") e.cells_lowest.push_back(CellLabel(key));
    }
    if (e.runs > 0) edges.push_back(e);
  }
  return edges;
}

std::string RateEdgeWarnings(const std::vector<RateEdge>& edges,
                             double fraction) {
  std::string text;
  for (const RateEdge& e : edges) {
    for (const auto& [count, cells, which] :
         {std::tuple{e.highest, &e.cells_highest, "largest"},
          std::tuple{e.lowest, &e.cells_lowest, "smallest"}}) {
      if (count == 0 || (count < fraction * e.runs && cells->empty())) {
        continue;
      }
      std::string where;
      for (const std::string& cell : *cells) {
        where += (where.empty() ? "" : ", ") + cell;
      }
      text += "warning: " + e.model + " chose the " + which +
              " learning-rate candidate in " + std::to_string(count) + " of " +
              std::to_string(e.runs) + " runs" +
              (where.empty() ? "" : " (most runs of " + where + ")") +
              "; its N* may be limited by the candidates (widen "
              "training.learning_rate.select)\n";
    }
  }
  return text;
}

}  // namespace sim
