// `pmoe-sim analyze` and `pmoe-sim check`: the analysis edge.
#pragma once

#include <string>
#include <vector>

#include "sim/experiment/json_reader.h"

namespace sim {

int AnalyzeCommand(const std::vector<std::string>& args);
int CheckCommand(const std::vector<std::string>& args);
// Throws SpecError if a spec's "expect" or "analysis" entries are malformed.
void ValidateExpectations(const Json& resolved_spec);

}  // namespace sim
