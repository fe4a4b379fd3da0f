// report.html: report.md's content as one self-contained page for a
// browser: tables as HTML, every figure inline as SVG (no file beside it,
// no script, no remote resource), and the folder's provenance.
#pragma once

#include <string>

#include "analysis/report/report.h"

namespace sim {

// The page; figures are read from `report_dir`/plots/NAME.svg (a figure
// whose SVG is missing is named as missing, not left out silently).
std::string ReportHtml(const ResultsSet& results,
                       const Analysis& analysis,
                       const std::string& report_dir);

}  // namespace sim
