// What figures call a model: the spec's display name for it
// (analysis.labels, e.g. {"pmoe_separate": "pMoE (separate)"}, validated
// by ReadAnalysisOptions), else its key in the spec.
#pragma once

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

}  // namespace sim
