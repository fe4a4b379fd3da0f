#include "sim/experiment/store/results_store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/experiment/grid/grid_growth.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/grid/record_check.h"
#include "sim/experiment/spec/results_format.h"
#include "sim/experiment/store/record_shape.h"

namespace sim {
namespace fs = std::filesystem;
namespace {

std::string JoinLines(const std::vector<Json>& records) {
  std::string text;
  for (const Json& r : records) text += r.dump() + "\n";
  return text;
}

std::vector<Json> SortedByRunId(std::vector<Json> records) {
  std::stable_sort(
      records.begin(), records.end(), [](const Json& a, const Json& b) {
        return a.at("run_id").get<long>() < b.at("run_id").get<long>();
      });
  return records;
}

// The file's bytes; "" if it does not exist.
std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Rewrites `path` only when its bytes change: a resumed folder on a nearly
// full disk is not rewritten needlessly.
void Rewrite(const std::string& path, const std::string& text) {
  if (!fs::exists(path) || Slurp(path) != text) WriteFileAtomic(path, text);
}

void RemoveResults(const std::string& directory) {
  for (const char* name : {"runs.jsonl", "timings.jsonl", "provenance.json"})
    fs::remove(directory + "/" + name);
}

// A temp file left by a process killed mid-write (we hold the lock, so no
// one else is writing it).
void RemoveStaleTempFiles(const std::string& directory) {
  for (const char* name :
       {"spec.json", "runs.jsonl", "timings.jsonl", "provenance.json",
        "analysis.json", "report.md", "report.html"})
    fs::remove(directory + "/" + name + ".tmp");
}

std::string Advice() {
  return "; pass --force to discard them, or choose another --out";
}

}  // namespace

void CheckResultsFiles(const std::string& directory) {
  for (const char* name : {"spec.json", "runs.jsonl", "timings.jsonl",
                           "provenance.json", ".lock"}) {
    const std::string path = directory + "/" + name;
    std::error_code ec;
    const fs::file_type type = fs::symlink_status(path, ec).type();
    if (type == fs::file_type::not_found || type == fs::file_type::regular)
      continue;
    throw SpecError(
        path +
        (type == fs::file_type::symlink
             ? ": is a symlink"
             : ": not a regular file (a FIFO, device or folder)") +
        "; a results folder holds its own files only (remove it, or choose "
        "another --out)");
  }
}

namespace {

// Why the results in `directory` cannot be kept for `grid`; "" if they
// can. Without `force`, a spec.json that is no results spec or of another
// results format is an error of its own.
std::string StoredSpecRefusal(const std::string& directory,
                              const GridSpec& grid,
                              bool force) {
  const std::string spec_path = directory + "/spec.json";
  Json stored;
  try {
    stored = ParseJsonText(Slurp(spec_path), spec_path);
  } catch (const std::exception&) {
    return "its spec.json is unreadable";
  }
  try {
    CheckResultsSpec(stored, spec_path);
  } catch (const SpecError& e) {
    if (!force)
      throw SpecError(std::string(e.what()) +
                      "; pass --force to discard the folder's results, or "
                      "choose another --out");
    return "its spec.json is not a results spec";
  }
  if (!force) CheckResultsFormat(stored, directory);
  // Kept when only keys that do not change what runs differ, or when the
  // grid grew (grid_growth.h); the new spec.json is written by the caller.
  return stored == grid.resolved ? std::string() : GrowthRefusal(stored, grid);
}

// The folder's records, sorted, once each line parses, has a record's shape
// and is a run of the spec; with `force`, a folder where one does not is
// emptied instead.
std::vector<Json> KeptRecords(const std::string& directory,
                              const std::vector<Json>& identities,
                              bool force) {
  const std::string runs_path = directory + "/runs.jsonl";
  std::vector<Json> runs;
  try {
    runs = SortedByRunId(ReadRecords(runs_path));
    ReadJsonLines(directory + "/timings.jsonl");  // refused the same way
  } catch (const SpecError& e) {
    if (!force)
      throw SpecError(std::string(e.what()) +
                      " (the folder's records are never dropped unasked: "
                      "repair or delete that line" +
                      Advice() + ")");
    RemoveResults(directory);
    runs.clear();
  }
  try {
    CheckRecordsBelong(runs, identities, runs_path);
  } catch (const SpecError& e) {
    if (!force)
      throw SpecError(std::string(e.what()) +
                      ": the folder holds records of another spec" + Advice());
    RemoveResults(directory);
    runs.clear();
  }
  return runs;
}

}  // namespace

ResultsStore::ResultsStore(const std::string& directory,
                           const GridSpec& grid,
                           bool force)
    : directory_(directory) {
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec || !fs::is_directory(directory)) {
    throw SpecError(directory + ": cannot create the results folder" +
                    (ec ? ": " + ec.message() : " (not a folder)"));
  }
  CheckResultsFiles(directory);
  lock_ = std::make_unique<FolderLock>(directory);
  RemoveStaleTempFiles(directory);
  for (const GridRun& run : grid.runs)
    identities_.push_back(RecordIdentity(run));
  const std::string spec_path = directory + "/spec.json";
  const std::string runs_path = directory + "/runs.jsonl";
  if (fs::exists(spec_path)) {
    const std::string refusal = StoredSpecRefusal(directory, grid, force);
    if (!refusal.empty()) {
      if (!force)
        throw SpecError(directory + " holds results of a different spec: " +
                        refusal + Advice());
      RemoveResults(directory);
    }
  } else if (!Slurp(runs_path).empty()) {
    // Even one line, or one without its newline: records are never dropped
    // unasked.
    if (!force)
      throw SpecError(directory +
                      " holds records but no spec.json, so they cannot be "
                      "matched to this spec" +
                      Advice());
    RemoveResults(directory);
  }
  const std::vector<Json> runs = KeptRecords(directory, identities_, force);
  Rewrite(spec_path, grid.resolved.dump(2) + "\n");
  for (const Json& r : runs) finished_.insert(r["run_id"].get<int>());
  OpenFiles();
}

// Keeps only complete records (a kill can leave a partial last line) and
// the timings of finished runs, sorted, then opens both files for appending.
void ResultsStore::OpenFiles() {
  const std::string runs_path = directory_ + "/runs.jsonl";
  const std::string timings_path = directory_ + "/timings.jsonl";
  const std::vector<Json> runs = SortedByRunId(ReadJsonLines(runs_path));
  std::vector<Json> timings;
  std::set<long> timed;
  for (Json& t : SortedByRunId(ReadJsonLines(timings_path))) {
    const long id = t["run_id"].get<long>();
    if (finished_.count(static_cast<int>(id)) && timed.insert(id).second)
      timings.push_back(std::move(t));
  }
  failed_records_ = 0;
  for (const Json& r : runs) failed_records_ += r.value("status", "") != "ok";
  Rewrite(runs_path, JoinLines(runs));
  Rewrite(timings_path, JoinLines(timings));
  runs_ = std::make_unique<AppendFile>(runs_path);
  timings_ = std::make_unique<AppendFile>(timings_path);
}

ResultsStore::~ResultsStore() {
  // Errors here were already reported by Append or Finalize, or the process
  // is unwinding from another error; the records written are complete lines.
  try {
    if (runs_) runs_->Close();
    if (timings_) timings_->Close();
  } catch (const std::exception&) {
  }
}

void ResultsStore::Append(const Json& record, const Json& timing) {
  // Never stores a record that reading the folder back would refuse.
  CheckRecordShape(record, directory_ + "/runs.jsonl");
  CheckRecordBelongs(record, identities_, directory_ + "/runs.jsonl");
  const int id = record["run_id"].get<int>();
  if (finished_.count(id)) {
    throw SpecError(directory_ + "/runs.jsonl: run_id " + std::to_string(id) +
                    " is recorded already");
  }
  // The record line goes first: a timing without its record is dropped on
  // reopen, a record without its timing only lacks a wall time.
  runs_->Append(record.dump() + "\n");
  // fsync (for a machine crash) costs milliseconds and runs inside the
  // runner's critical section, so it is done at most once a second and at
  // Finalize; the line already survives a kill -9.
  const auto now = std::chrono::steady_clock::now();
  if (now - last_sync_ > std::chrono::seconds(1)) {
    runs_->Sync();
    last_sync_ = now;
  }
  finished_.insert(id);
  timings_->Append(timing.dump() + "\n");
}

namespace {

// "20250102T030405Z": now in UTC, for a file name.
std::string UtcStamp() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

// Moves a damaged provenance.json aside, keeping its history for a person
// to read, and says so on stderr.
void MoveAside(const std::string& path, const std::string& why) {
  std::string aside = path + ".corrupt-" + UtcStamp();
  for (int i = 2; fs::exists(fs::symlink_status(aside)); ++i)
    aside = path + ".corrupt-" + UtcStamp() + "-" + std::to_string(i);
  std::error_code ec;
  fs::rename(path, aside, ec);
  if (ec)
    throw SpecError(path + ": " + why +
                    ", and moving it aside failed: " + ec.message());
  std::fprintf(stderr,
               "warning: %s: %s; moved it to %s and started a new one\n",
               path.c_str(), why.c_str(), aside.c_str());
}

// The entries of provenance.json; [] if there is none or it was moved aside.
Json ReadProvenance(const std::string& path) {
  if (!fs::exists(path)) return Json::array();
  std::string why;
  try {
    const Json all = ParseJsonText(Slurp(path), path);
    if (all.is_array()) return all;
    why = "not a JSON array of entries";
  } catch (const SpecError& e) {
    std::string reason = e.what();  // "PATH: ...": the path is said once
    if (reason.rfind(path + ": ", 0) == 0) reason.erase(0, path.size() + 2);
    why = "unreadable (" + reason + ")";
  }
  MoveAside(path, why);
  return Json::array();
}

}  // namespace

void ResultsStore::AddProvenance(const Json& entry) {
  const std::string path = directory_ + "/provenance.json";
  Json all = ReadProvenance(path);
  all.push_back(entry);
  WriteFileAtomic(path, all.dump(2) + "\n");
}

void ResultsStore::Finalize() {
  runs_->Close();
  timings_->Close();
  runs_.reset();
  timings_.reset();
  OpenFiles();
}

}  // namespace sim
