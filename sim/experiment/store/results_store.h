// A results folder results/NAME/ (layout in docs/results.md, "Results
// folders"):
//   spec.json        the resolved spec; a different spec is refused
//   provenance.json  one entry per invocation (version, commit, compiler, ...)
//   runs.jsonl       one deterministic record per finished run
//   timings.jsonl    wall time and GFLOP/s per run (not deterministic)
//   .lock            flock'd while a process writes the folder; names it
// Records are appended one line at a time and handed to the kernel at once
// (fsync'd at most once a second and at Finalize), so a killed grid loses at
// most the line being written; reopening drops a partial last line (one
// without its newline) and the runner redoes only the runs without a record.
// Any other line that does not parse, or a record without a record's shape
// (record_shape.h), is refused naming its line: records are never dropped
// unasked. A provenance.json that does not parse is moved aside
// (provenance.json.corrupt-UTCSTAMP), never overwritten. Every write is
// checked: the first failure
// (a full disk) throws SpecError and leaves the finished records readable.
// Records must belong to the spec (run id, model, coordinates, repeat, seeds
// and params): a foreign or duplicated record is refused. Every results
// file must be a regular file of the folder: a symlink, FIFO or device in
// its place is refused before anything runs. Finalize() rewrites
// both files sorted by run_id (temp file + rename), so the final runs.jsonl
// is the same bytes whatever the thread count or interruptions.
#pragma once

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "sim/experiment/io/safe_file.h"
#include "sim/experiment/spec/json_reader.h"
#include "sim/experiment/store/folder_lock.h"
#include "sim/experiment/store/json_lines.h"

namespace sim {

struct GridSpec;

class ResultsStore {
 public:
  // Creates or reopens `directory` and locks it (SpecError naming the holder
  // if another process has it). Throws SpecError if it holds results of a
  // different spec, or records that are not runs of this one, and `force` is
  // false; with `force` they are discarded.
  ResultsStore(const std::string& directory, const GridSpec& grid, bool force);
  ~ResultsStore();
  ResultsStore(const ResultsStore&) = delete;
  ResultsStore& operator=(const ResultsStore&) = delete;

  const std::set<int>& finished() const { return finished_; }
  // Records whose status is not "ok" (diverged, failed), as of the opening
  // or the last Finalize().
  int failed_records() const { return failed_records_; }
  int expected_runs() const { return static_cast<int>(identities_.size()); }
  // Not thread-safe: callers serialise (the runner uses a critical section).
  // Throws SpecError if `record` is not a run of the spec or a write fails.
  void Append(const Json& record, const Json& timing);
  void AddProvenance(const Json& entry);
  // Sorts runs.jsonl and timings.jsonl by run_id.
  void Finalize();
  const std::string& directory() const { return directory_; }

 private:
  void OpenFiles();

  std::string directory_;
  std::unique_ptr<FolderLock> lock_;
  std::vector<Json> identities_;  // index = run id
  std::set<int> finished_;
  int failed_records_ = 0;
  std::unique_ptr<AppendFile> runs_, timings_;
  std::chrono::steady_clock::time_point last_sync_{};
};

// Throws SpecError naming the file if a results file of `directory`
// (spec.json, runs.jsonl, timings.jsonl, provenance.json, .lock) is a
// symlink or anything else than a regular file.
void CheckResultsFiles(const std::string& directory);

}  // namespace sim
