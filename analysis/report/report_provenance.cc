// The provenance table of report.md and report.html.
#include <fstream>

#include "analysis/report/report_rows.h"
#include "analysis/text/format_number.h"

namespace sim {
namespace {

std::string Text(const Json& entry, const char* key) {
  const auto it = entry.find(key);
  if (it == entry.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string CommitText(const Json& entry) {
  std::string commit = Text(entry, "git_commit");
  if (commit.empty()) return "unknown";
  if (entry.value("git_dirty", false)) commit += " (uncommitted changes)";
  return commit;
}

std::string MachineText(const Json& entry) {
  return Text(entry, "host") + ": " + Text(entry, "cpu") + ", " +
         Text(entry, "cores") + " cores, " + Text(entry, "threads") +
         " threads";
}

std::string WallText(const Json& entry) {
  const auto it = entry.find("seconds");
  if (it == entry.end() || !it->is_number()) return "";
  return FormatNumber(it->get<double>(), "%.1f") + " s";
}

}  // namespace

ReportTable ProvenanceRows(const std::string& results_dir) {
  ReportTable table;
  table.header = {"session", "commit", "command",  "machine",
                  "start",   "end",    "wall time"};
  std::ifstream in(results_dir + "/provenance.json");
  if (!in) return table;
  const Json sessions = Json::parse(in, nullptr, false);
  if (!sessions.is_array()) return table;
  for (size_t i = 0; i < sessions.size(); ++i) {
    const Json& e = sessions[i];
    if (!e.is_object()) continue;
    const std::string command = Text(e, "command");
    table.rows.push_back({std::to_string(i + 1), CommitText(e),
                          command.empty() ? "not recorded" : command,
                          MachineText(e), Text(e, "start"), Text(e, "end"),
                          WallText(e)});
  }
  return table;
}

}  // namespace sim
