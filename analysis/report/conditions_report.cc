#include "analysis/report/conditions_report.h"

#include <cmath>
#include <sstream>

#include "analysis/text/format_number.h"

namespace sim {
namespace {

Json Number(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

// The table's columns: condition name and header.
const std::pair<const char*, const char*> kColumns[] = {
    {"log10_width_ratio", "log10 m/M"},
    {"log10_batch_ratio", "log10 B/B_thm"},
    {"log10_router_samples_ratio", "log10 N_r/(n^2/(1-delta_d)^3)"},
    {"eta_times_m", "eta*m (bound)"},
    {"l_minus_l_star", "l - l*"},
    {"separation_delta", "delta"},
    {"set_diameter", "set diameter (ball)"},
    {"router_init_std", "router init std (bound)"},
};

// "-35.2", "12 (<= 3.1e-09)" with a failing one in bold; "n/a" where not
// computable, "" where the theorem has no such condition.
std::string ConditionCell(const Condition* c) {
  if (c == nullptr) return "";
  if (!c->holds) return "n/a";
  const bool ratio = c->name.rfind("log10_", 0) == 0;
  std::string text = FormatNumber(c->value, ratio ? "%.1f" : "%.3g");
  if (c->rule.rfind("<=", 0) == 0)
    text += " (" + FormatNumber(c->required, "%.3g") + ")";
  return *c->holds ? text : "**" + text + "**";
}

std::string WithinText(const TheoremConditions& t) {
  if (t.theorem.empty()) return "no theorem";
  if (!t.within) return "n/a";
  return *t.within ? "yes" : "**no**";
}

}  // namespace

Json ConditionsJson(const TheoremConditions& t) {
  Json j = Json::object();
  j["theorem"] = t.theorem.empty() ? Json(nullptr) : Json(t.theorem);
  for (const Condition& c : t.conditions) {
    j[c.name] = {{"value", Number(c.value)},
                 {"required", Number(c.required)},
                 {"holds", c.holds ? Json(*c.holds) : Json(nullptr)},
                 {"rule", c.rule},
                 {"source", c.source}};
  }
  j["within"] = t.within ? Json(*t.within) : Json(nullptr);
  j["summary"] = t.summary;
  return j;
}

std::string ConditionsIntro(const Analysis& a) {
  return "Each cell's settings against the conditions of the theorem for "
         "its model type (Chowdhury et al., ICML 2023: Theorem 4.3 for the "
         "CNN, Theorem 4.2 with Lemma 4.1 for the separate pMoE, Theorem 4.5 "
         "for the joint pMoE), with constants 1 and log factors dropped, at "
         "eps = " +
         FormatNumber(a.options.target, "%g") +
         ". Ratios are log10 of the setting over the theorem's requirement "
         "(>= 0 holds); bounds in parentheses are upper limits; a failing "
         "condition is in bold, n/a is not computable from the records. A "
         "cell *outside the theorem's conditions* is outside its guarantee: "
         "an exponent consistent with the theory there is \"not refuted\", "
         "not \"verified\". Definitions in docs/analysis.md (\"Theorem "
         "conditions\").";
}

ReportTable ConditionsTable(const Analysis& a) {
  ReportTable table;
  table.header = {"cell", "theorem"};
  for (const auto& column : kColumns) table.header.push_back(column.second);
  table.header.push_back("within");
  for (const Cell& c : a.cells) {
    const TheoremConditions& t = c.conditions;
    std::vector<std::string> row = {c.Label(),
                                    t.theorem.empty() ? "none" : t.theorem};
    for (const auto& column : kColumns)
      row.push_back(ConditionCell(t.Find(column.first)));
    row.push_back(WithinText(t));
    table.rows.push_back(row);
  }
  return table;
}

std::string ConditionsSection(const Analysis& a) {
  return "\n## Theorem conditions per cell\n\n" + ConditionsIntro(a) + "\n\n" +
         MarkdownTable(ConditionsTable(a));
}

std::string ConditionsLines(const Analysis& a) {
  if (a.cells.empty()) return "";
  std::string out =
      "Theorem conditions per cell (constants 1, logs dropped; outside "
      "them a consistent exponent is not refuted, not verified):\n";
  for (const Cell& c : a.cells)
    out += "  " + c.Label() + ": " + c.conditions.summary + "\n";
  return out;
}

}  // namespace sim
