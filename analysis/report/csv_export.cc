#include "analysis/report/csv_export.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

namespace sim {
namespace {

// Flattens the scalar leaves of a record ("final.test_error" -> value),
// leaving out arrays (curves, router matrices): they go to curves.csv or
// stay in runs.jsonl.
void Flatten(const Json& j,
             const std::string& prefix,
             std::map<std::string, const Json*>& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it)
      Flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(),
              out);
  } else if (!j.is_array()) {
    out[prefix] = &j;
  }
}

std::string JsonCsv(const Json* j, const std::string& column) {
  if (j == nullptr || j->is_null()) return "";
  // Coordinates as cells.csv writes them (6, not 6.0 in one and 6 in the
  // other).
  if (column.rfind("coords.", 0) == 0 && j->is_number())
    return CoordinateCsv(j->get<double>());
  if (j->is_string()) return CsvField(j->get<std::string>());
  if (j->is_boolean()) return j->get<bool>() ? "true" : "false";
  if (j->is_number_float()) return CsvNumber(j->get<double>());
  return j->dump();  // integers exactly as recorded
}

// Column order: identity, then the record's groups in a fixed order, then
// any other field alphabetically.
int GroupRank(const std::string& column) {
  static const std::vector<std::string> kFirst = {
      "run_id", "model", "type", "repeat", "status", "message", "steps", "eta"};
  for (size_t i = 0; i < kFirst.size(); ++i)
    if (column == kFirst[i]) return int(i);
  static const std::vector<std::string> kGroups = {
      "coords.", "params.", "seeds.", "final.", "first_hit_step."};
  for (size_t i = 0; i < kGroups.size(); ++i)
    if (column.rfind(kGroups[i], 0) == 0) return 10 + int(i);
  return 20;
}

}  // namespace

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string CsvNumber(double x) {
  if (std::isnan(x)) return "";
  if (std::isinf(x)) return x > 0 ? "Inf" : "-Inf";
  return Json(x).dump();  // shortest text that reads back to the same double
}

std::string CoordinateCsv(double x) {
  // Whole numbers below 2^53 are exact as integers.
  if (std::isfinite(x) && x == std::trunc(x) &&
      std::fabs(x) < 9007199254740992.0)
    return std::to_string(static_cast<long long>(x));
  return CsvNumber(x);
}

std::string RunsCsv(const std::vector<Json>& records) {
  std::vector<std::map<std::string, const Json*>> rows(records.size());
  std::set<std::string> names;
  for (size_t i = 0; i < records.size(); ++i) {
    Flatten(records[i], "", rows[i]);
    // `eta`: the learning rate the run trained with. A run that selected
    // one records it as "eta" (so does params.eta from results format 4; in
    // older formats the first candidate); a fixed rate is params.eta.
    const auto fixed = rows[i].find("params.eta");
    if (!rows[i].count("eta") && fixed != rows[i].end())
      rows[i]["eta"] = fixed->second;
    for (const auto& [name, value] : rows[i]) names.insert(name);
  }
  std::vector<std::string> columns(names.begin(), names.end());
  std::stable_sort(columns.begin(), columns.end(),
                   [](const std::string& a, const std::string& b) {
                     return GroupRank(a) < GroupRank(b);
                   });
  std::ostringstream out;
  for (size_t c = 0; c < columns.size(); ++c)
    out << (c ? "," : "") << CsvField(columns[c]);
  out << "\n";
  for (const auto& row : rows) {
    for (size_t c = 0; c < columns.size(); ++c) {
      const auto it = row.find(columns[c]);
      out << (c ? "," : "")
          << JsonCsv(it == row.end() ? nullptr : it->second, columns[c]);
    }
    out << "\n";
  }
  return out.str();
}

std::string CurvesCsv(const std::vector<Json>& records) {
  std::ostringstream out;
  out << "run_id,step,metric,value\n";
  for (const Json& r : records) {
    if (!r.contains("curve") || !r["curve"].contains("step")) continue;
    const Json& curve = r["curve"];
    const Json& steps = curve["step"];
    const std::string id = r.at("run_id").dump();
    for (auto it = curve.begin(); it != curve.end(); ++it) {
      if (it.key() == "step" || !it.value().is_array()) continue;
      for (size_t i = 0; i < it.value().size() && i < steps.size(); ++i) {
        out << id << "," << steps[i].dump() << "," << CsvField(it.key()) << ","
            << JsonCsv(&it.value()[i], it.key()) << "\n";
      }
    }
  }
  return out.str();
}

std::string CellsCsv(const std::vector<double>& targets,
                     const std::vector<std::vector<Cell>>& cells_by_target,
                     double success) {
  std::set<std::string> axes;
  for (const auto& cells : cells_by_target)
    for (const Cell& c : cells)
      for (const auto& [axis, value] : c.coords) axes.insert(axis);
  std::ostringstream out;
  out << "model,type";
  for (const std::string& axis : axes) out << "," << CsvField("coords." + axis);
  out << ",target,q,N_min,N_max,runs,failed";
  // The proofs' mechanisms (docs/analysis.md): T' and the cost to reach
  // eps as N* and T* are written, then the l the routers need.
  for (const char* q : {"n_star", "t_star", "t_prime", "cost"})
    out << "," << q << "," << q << "_lo," << q << "_hi," << q << "_censored,"
        << q << "_boot_censored";
  out << ",router_l_needed\n";
  static const char* const kCensor[] = {"none", "below", "above"};
  for (size_t t = 0; t < targets.size(); ++t) {
    for (const Cell& c : cells_by_target[t]) {
      out << CsvField(c.model) << "," << CsvField(c.type);
      for (const std::string& axis : axes) {
        const auto it = c.coords.find(axis);
        out << "," << (it == c.coords.end() ? "" : CoordinateCsv(it->second));
      }
      int runs = 0, failed = 0;
      for (const GridPoint& p : c.points) runs += p.runs, failed += p.failed;
      out << "," << CsvNumber(targets[t]) << "," << CsvNumber(success) << ","
          << (c.points.empty() ? "" : CsvNumber(c.points.front().N)) << ","
          << (c.points.empty() ? "" : CsvNumber(c.points.back().N)) << ","
          << runs << "," << failed;
      for (const Estimate* e :
           {&c.n_star, &c.t_star, &c.t_prime.estimate, &c.cost.estimate}) {
        // A mechanism the cell does not measure (no router curve, no
        // FLOPs) is empty, not "none".
        const bool mechanism =
            e == &c.t_prime.estimate || e == &c.cost.estimate;
        const bool has = !mechanism || !std::isnan(e->value);
        out << "," << CsvNumber(e->Reported()) << "," << CsvNumber(e->lo) << ","
            << CsvNumber(e->hi) << "," << (has ? kCensor[int(e->censor)] : "")
            << "," << (has ? CsvNumber(e->boot_censored) : "");
      }
      out << "," << CsvNumber(c.router_l_needed) << "\n";
    }
  }
  return out.str();
}

}  // namespace sim
