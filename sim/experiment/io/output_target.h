// Where a command may write. A results folder's records (spec.json,
// runs.jsonl, timings.jsonl, provenance.json, .lock) are written by `run`
// and `merge` alone, through the results store; its analysis files
// (analysis.json, report.md, plots/, the exported tables) by `analyze` and
// `export` of that same folder. Every other --out that would land on one of
// them is refused before any work starts, so a mistyped path never replaces
// a folder's records.
#pragma once

#include <string>
#include <vector>

namespace sim {

// True if `dir` holds a results folder's records (spec.json, runs.jsonl or
// .lock).
bool IsResultsFolder(const std::string& dir);

// Throws SpecError("`option`: ...") if writing `path` (symlinks followed, as
// the write would follow them) would replace a results folder's record, or
// an analysis file of a results folder other than `owner` (the folder the
// command reads; empty: none).
void CheckOutputFile(const std::string& path,
                     const std::string& option,
                     const std::string& owner = "");

// Throws SpecError if any of `names` in `dir` is a symlink: a folder's own
// files are written in place, never through a link to somewhere else.
void RefuseLinkedOwnFiles(const std::string& dir,
                          const std::vector<std::string>& names);

}  // namespace sim
