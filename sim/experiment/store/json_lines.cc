#include "sim/experiment/store/json_lines.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sim {
namespace fs = std::filesystem;
namespace {

// The file's bytes; "" if it cannot be opened (a missing file).
std::string ReadText(const std::string& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    throw SpecError(path +
                    ": not a regular file (a FIFO, device or folder, or a "
                    "symlink to one); refusing to read it");
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// One complete line as an object with an integer run_id.
Json ParseLine(const std::string& line, const std::string& where) {
  Json value = ParseJsonText(line, where);
  if (!value.is_object())
    throw SpecError(where + ": expected a JSON object, got " +
                    DescribeJson(value));
  const auto id = value.find("run_id");
  if (id == value.end() || !id->is_number_integer())
    throw SpecError(where + ": no integer run_id");
  return value;
}

}  // namespace

std::vector<JsonLine> ReadNumberedJsonLines(const std::string& path) {
  const std::string text = ReadText(path);
  std::vector<JsonLine> lines;
  long number = 0;
  for (size_t start = 0; start < text.size();) {
    const size_t end = text.find('\n', start);
    const bool complete = end != std::string::npos;
    const std::string line =
        text.substr(start, complete ? end - start : std::string::npos);
    start = complete ? end + 1 : text.size();
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path + " line " + std::to_string(number);
    // A kill mid-append leaves a prefix of a record, which never parses.
    if (!complete && !Json::accept(line)) break;
    lines.push_back({number, ParseLine(line, where)});
  }
  return lines;
}

std::vector<Json> ReadJsonLines(const std::string& path) {
  std::vector<Json> values;
  for (JsonLine& line : ReadNumberedJsonLines(path))
    values.push_back(std::move(line.value));
  return values;
}

}  // namespace sim
