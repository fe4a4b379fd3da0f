#include "analysis/report/report_table.h"

#include "analysis/report/html_escape.h"

namespace sim {
namespace {

bool Emphasised(const std::string& cell) {
  return cell.size() > 4 && cell.rfind("**", 0) == 0 &&
         cell.compare(cell.size() - 2, 2, "**") == 0;
}

std::string HtmlCell(const std::string& tag, const std::string& cell) {
  const std::string text =
      Emphasised(cell)
          ? "<strong>" + HtmlEscape(cell.substr(2, cell.size() - 4)) +
                "</strong>"
          : HtmlEscape(cell);
  return "<" + tag + ">" + text + "</" + tag + ">";
}

}  // namespace

std::string MarkdownTable(const ReportTable& table) {
  if (table.rows.empty()) return "";
  std::string out = "|", rule = "|";
  for (const std::string& h : table.header) {
    out += " " + h + " |";
    rule += "---|";
  }
  out += "\n" + rule + "\n";
  for (const auto& row : table.rows) {
    out += "|";
    for (const std::string& cell : row) out += " " + cell + " |";
    out += "\n";
  }
  return out;
}

std::string HtmlTable(const ReportTable& table) {
  if (table.rows.empty()) return "";
  std::string out = "<table>\n<thead><tr>";
  for (const std::string& h : table.header) out += HtmlCell("th", h);
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (const std::string& cell : row) out += HtmlCell("td", cell);
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace sim
