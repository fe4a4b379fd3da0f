// A table of report text, rendered to Markdown (report.md) or HTML
// (report.html) from the same rows. A cell written "**x**" is emphasised
// (a failing condition, a flagged cell).
#pragma once

#include <string>
#include <vector>

namespace sim {

struct ReportTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// "| a | b |" lines with the "|---|" rule under the header; "" when the
// table has no rows (no header over nothing).
std::string MarkdownTable(const ReportTable& table);
// <table> with every cell HTML-escaped; "" when the table has no rows.
std::string HtmlTable(const ReportTable& table);

}  // namespace sim
