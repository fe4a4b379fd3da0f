// A results folder results/NAME/ (layout in README.md, "Results"):
//   spec.json        the resolved spec; a different spec is refused
//   provenance.json  one entry per invocation (version, commit, compiler, ...)
//   runs.jsonl       one deterministic record per finished run
//   timings.jsonl    wall time and GFLOP/s per run (not deterministic)
// Records are appended one line at a time and flushed to the kernel (fsync'd
// at most once a second), so a killed grid loses at most the line being
// written; reopening drops a partial last
// line and the runner redoes only the runs without a record. Finalize()
// rewrites both files sorted by run_id (temp file + rename), so the final
// runs.jsonl is the same bytes whatever the thread count or interruptions.
#pragma once

#include <chrono>
#include <cstdio>
#include <set>
#include <string>

#include "sim/experiment/json_reader.h"

namespace sim {

class ResultsStore {
 public:
  // Creates or reopens `directory`. Throws SpecError if it holds results of
  // a different spec and `force` is false; with `force` they are discarded.
  ResultsStore(const std::string& directory,
               const Json& resolved_spec,
               bool force);
  ~ResultsStore();
  ResultsStore(const ResultsStore&) = delete;
  ResultsStore& operator=(const ResultsStore&) = delete;

  const std::set<int>& finished() const { return finished_; }
  // Not thread-safe: callers serialise (the runner uses a critical section).
  void Append(const Json& record, const Json& timing);
  void AddProvenance(const Json& entry);
  // Sorts runs.jsonl and timings.jsonl by run_id.
  void Finalize();
  const std::string& directory() const { return directory_; }

 private:
  std::string directory_;
  std::set<int> finished_;
  FILE* runs_ = nullptr;
  FILE* timings_ = nullptr;
  std::chrono::steady_clock::time_point last_sync_{};
};

// Reads a JSON-lines file, skipping a partial last line. Throws on a corrupt
// line elsewhere.
std::vector<Json> ReadJsonLines(const std::string& path);

// Writes `text` to `path` atomically (temp file, fsync, rename).
void WriteFileAtomic(const std::string& path, const std::string& text);

}  // namespace sim
