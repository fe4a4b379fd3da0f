#include "analysis/estimate/cell_conditions.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "sim/experiment/grid/grid_axes.h"

namespace sim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ParamOr(const Cell& cell, const char* name, double fallback) {
  const auto it = cell.params.find(name);
  return it != cell.params.end() ? it->second : fallback;
}

// The number at dotted `path` below `node`, NaN if there is none.
double NumberAt(const Json& node, const std::string& path) {
  const Json* at = &node;
  std::istringstream parts(path);
  std::string key;
  while (std::getline(parts, key, '.')) {
    if (!at->is_object() || !at->contains(key)) return kNaN;
    at = &(*at)[key];
  }
  return at->is_number() ? at->get<double>() : kNaN;
}

// spec[key], an empty object where the spec (a planted one) has none.
Json SpecSection(const Json& spec, const char* key) {
  if (!spec.is_object() || !spec.contains(key)) return Json::object();
  return spec[key];
}

// A spec option of the cell ("data.synthetic.num_sets",
// "model.router_init_std", "training.router_samples"): its grid coordinate
// where an axis sets it, else the model's own value, else the spec's.
double CellSetting(const ResultsSet& results,
                   const Cell& cell,
                   const std::string& path) {
  for (const auto& [axis, value] : cell.coords) {
    try {
      if (AxisPath(axis, "grid.axes") == path) return value;
    } catch (const SpecError&) {  // a derived axis ("delta")
    }
  }
  const std::string section = path.substr(0, path.find('.'));
  const std::string rest = path.substr(path.find('.') + 1);
  const Json models = SpecSection(results.spec, "models");
  const Json model =
      models.is_object() ? models.value(cell.model, Json::object()) : Json();
  if (section == "model") return NumberAt(model, rest);
  if (section == "training") {
    const double own = NumberAt(model, "training." + rest);
    if (!std::isnan(own)) return own;
  }
  return NumberAt(results.spec, path);
}

bool InCell(const RunRecord& run, const Cell& cell) {
  if (run.model != cell.model) return false;
  auto coords = run.coords;
  coords.erase("N");
  return coords == cell.coords;
}

// Step size, delta_d, delta_r and l*: the largest over the cell's runs.
void ReadRuns(const ResultsSet& results,
              const Cell& cell,
              ConditionInputs& in) {
  for (const RunRecord& run : results.runs) {
    if (!InCell(run, cell)) continue;
    const auto eta = run.params.find("eta");
    const double used = !std::isnan(run.eta_chosen) ? run.eta_chosen
                        : eta != run.params.end()   ? eta->second
                                                    : kNaN;
    in.eta = std::fmax(in.eta, used);  // fmax skips NaN
    in.delta_d = std::fmax(in.delta_d, run.data_delta_d);
    in.delta_r = std::fmax(in.delta_r, run.data_delta_r);
    in.l_star = std::fmax(in.l_star, run.data_l_star);
  }
}

void ReadPatterns(const ResultsSet& results,
                  const Cell& cell,
                  ConditionInputs& in) {
  const Json data = SpecSection(results.spec, "data");
  const std::string source =
      data.is_object() ? data.value("source", std::string()) : std::string();
  if (source == "fashion_mnist") in.p = 8;  // the other eight classes
  if (source != "synthetic") return;
  auto setting = [&](const char* name) {
    return CellSetting(results, cell, std::string("data.synthetic.") + name);
  };
  in.p = setting("num_sets");
  // Records without data statistics: the generator's exact separations.
  if (std::isnan(in.delta_d)) in.delta_d = setting("delta_d");
  if (std::isnan(in.delta_r)) in.delta_r = setting("delta_r");
  in.set_diameter = SyntheticSetDiameter(
      setting("delta_d"), setting("delta_r"), setting("set_radius"),
      static_cast<int>(setting("num_confusers")), setting("confuser_strength"));
}

}  // namespace

ConditionInputs CellConditionInputs(const ResultsSet& results,
                                    const Cell& cell,
                                    double eps) {
  ConditionInputs in;
  in.eps = eps;
  in.n = ParamOr(cell, "n", kNaN);
  in.d = ParamOr(cell, "d", kNaN);
  in.m = ParamOr(cell, "m", kNaN);
  in.k = ParamOr(cell, "k", 1);
  in.l = ParamOr(cell, "l", in.n);
  in.B = ParamOr(cell, "B", kNaN);
  ReadRuns(results, cell, in);
  ReadPatterns(results, cell, in);
  // N_r: the spec's router_samples; 0 means all N (the cell's largest).
  in.router_samples = CellSetting(results, cell, "training.router_samples");
  if (!(in.router_samples > 0) && !cell.points.empty())
    in.router_samples = cell.points.back().N;
  // sigma_r: the spec's router_init_std, negative for the simulator's
  // default 1 / (n^2 ln n sqrt d) (sim/models/patch/patch_model.cc).
  in.router_init_std = CellSetting(results, cell, "model.router_init_std");
  if (!(in.router_init_std >= 0)) {
    in.router_init_std =
        1 / (in.n * in.n * std::log(std::max(in.n, 2.0)) * std::sqrt(in.d));
  }
  return in;
}

void AttachTheoremConditions(const ResultsSet& results,
                             double eps,
                             std::vector<Cell>& cells) {
  for (Cell& cell : cells) {
    cell.conditions =
        EvaluateConditions(cell.type, CellConditionInputs(results, cell, eps));
  }
}

bool WithinTheoremConditions(const Cell& cell) {
  return cell.conditions.within.value_or(false);
}

std::string TheoremConditionsSummary(const Cell& cell) {
  return cell.conditions.summary;
}

std::string OutsideConditionsNote(const std::vector<Cell>& cells,
                                  const std::string& model) {
  int total = 0, outside = 0;
  std::string theorem;
  for (const Cell& cell : cells) {
    if (cell.model != model || cell.conditions.theorem.empty()) continue;
    theorem = cell.conditions.theorem;
    ++total;
    outside += !WithinTheoremConditions(cell);
  }
  if (outside == 0) return "";
  return "outside the theorem's conditions in " + std::to_string(outside) +
         " of " + std::to_string(total) + " cells (" + theorem + ")";
}

}  // namespace sim
