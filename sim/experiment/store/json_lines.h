// JSON-lines files (runs.jsonl, timings.jsonl): one JSON object per line,
// each with an integer "run_id". A process killed mid-append leaves at most
// a last line without its newline; that line alone may be dropped. Any other
// line that does not parse is a damaged file, never skipped silently.
#pragma once

#include <string>
#include <vector>

#include "sim/experiment/spec/json_reader.h"

namespace sim {

struct JsonLine {
  long number = 0;  // 1-based line number in the file
  Json value;
};

// The objects of a JSON-lines file with their line numbers. Empty lines are
// skipped; a last line without a newline that does not parse is dropped (a
// write cut short by a kill). Throws SpecError("PATH line N: ...") on any
// other line that does not parse, is not an object or has no integer
// run_id, and on a path that is not a regular file (a FIFO would block). A
// missing file reads as no lines.
std::vector<JsonLine> ReadNumberedJsonLines(const std::string& path);

// ReadNumberedJsonLines without the line numbers.
std::vector<Json> ReadJsonLines(const std::string& path);

}  // namespace sim
