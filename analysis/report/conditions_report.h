// The theorems' conditions per cell (analysis/theory/conditions.h) as
// analysis.json, report.md and the terminal show them.
#pragma once

#include <string>

#include "analysis/report/report.h"
#include "analysis/report/report_table.h"

namespace sim {

// {"theorem", one {value, required, holds, rule, source} per condition,
// "within", "summary"}; numbers that are not finite are null.
Json ConditionsJson(const TheoremConditions& conditions);

// What the conditions table shows (Markdown emphasis in *...*).
std::string ConditionsIntro(const Analysis& analysis);
// One row per cell: its theorem, each condition, and whether all hold.
ReportTable ConditionsTable(const Analysis& analysis);

// report.md's section "Theorem conditions per cell".
std::string ConditionsSection(const Analysis& analysis);

// One line per cell for `analyze`'s terminal output.
std::string ConditionsLines(const Analysis& analysis);

}  // namespace sim
