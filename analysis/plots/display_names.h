// What figures call a model: the spec's display name for it
// (analysis.labels, e.g. {"pmoe_separate": "pMoE (separate)"}, validated
// by ReadAnalysisOptions), else its key in the spec.
#pragma once

#include <set>
#include <string>

#include "analysis/records/records.h"

namespace sim {

inline std::string ModelLabel(const ResultsSet& results,
                              const std::string& model) {
  const Json& spec = results.spec;
  if (!spec.is_object() || !spec.contains("analysis")) return model;
  const Json& analysis = spec["analysis"];
  if (!analysis.is_object() || !analysis.contains("labels")) return model;
  const Json& labels = analysis["labels"];
  const auto it = labels.find(model);
  return it != labels.end() && it->is_string() ? it->get<std::string>() : model;
}

// "online protocol", "budget protocol" or "budget and online protocols":
// how the runs drawn were trained, for figure titles.
inline std::string ProtocolText(const ResultsSet& results) {
  std::set<std::string> protocols;
  for (const RunRecord& r : results.runs) protocols.insert(r.protocol);
  std::string text;
  for (const std::string& p : protocols)
    text += (text.empty() ? "" : " and ") + p;
  if (text.empty()) return "no runs";
  return text + (protocols.size() > 1 ? " protocols" : " protocol");
}

}  // namespace sim
