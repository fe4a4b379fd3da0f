#include "analysis/checks/validate_expectations.h"

#include <string>
#include <vector>

#include "analysis/checks/expectations.h"
#include "analysis/estimate/analysis_options.h"
#include "analysis/records/records.h"

namespace sim {

void ValidateExpectations(const Json& spec) {
  std::vector<std::string> models;
  if (spec.contains("models")) {
    for (auto it = spec["models"].begin(); it != spec["models"].end(); ++it)
      models.push_back(it.key());
  }
  if (spec.contains("expect"))
    ValidateRules(spec["expect"], models, GridAxes(spec));
  if (spec.contains("analysis")) {
    ResultsSet fake;
    fake.spec = spec;
    ReadAnalysisOptions(fake);
  }
}

}  // namespace sim
