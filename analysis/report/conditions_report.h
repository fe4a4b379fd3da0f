// The theorems' conditions per cell (analysis/theory/conditions.h) as
// analysis.json, report.md and the terminal show them.
#pragma once

#include <string>

#include "analysis/report/report.h"

namespace sim {

// {"theorem", one {value, required, holds, rule, source} per condition,
// "within", "summary"}; numbers that are not finite are null.
Json ConditionsJson(const TheoremConditions& conditions);

// report.md's section "Theorem conditions per cell".
std::string ConditionsSection(const Analysis& analysis);

// One line per cell for `analyze`'s terminal output.
std::string ConditionsLines(const Analysis& analysis);

}  // namespace sim
