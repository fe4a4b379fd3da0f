#include "sim/experiment/results_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/experiment/results_format.h"

namespace sim {
namespace fs = std::filesystem;
namespace {

void SyncAndClose(FILE* file) {
  if (file == nullptr) return;
  std::fflush(file);
  ::fsync(fileno(file));
  std::fclose(file);
}

std::string JoinLines(const std::vector<Json>& records) {
  std::string text;
  for (const Json& r : records) text += r.dump() + "\n";
  return text;
}

std::vector<Json> SortedByRunId(std::vector<Json> records) {
  std::stable_sort(
      records.begin(), records.end(), [](const Json& a, const Json& b) {
        return a.at("run_id").get<int>() < b.at("run_id").get<int>();
      });
  std::vector<Json> unique;
  for (Json& r : records) {
    if (unique.empty() || unique.back()["run_id"] != r["run_id"])
      unique.push_back(std::move(r));
  }
  return unique;
}

FILE* OpenAppend(const std::string& path) {
  FILE* file = std::fopen(path.c_str(), "a");
  if (file == nullptr) throw SpecError(path + ": cannot open for writing");
  return file;
}

}  // namespace

void WriteFileAtomic(const std::string& path, const std::string& text) {
  const std::string temp = path + ".tmp";
  FILE* file = std::fopen(temp.c_str(), "w");
  if (file == nullptr) throw SpecError(temp + ": cannot open for writing");
  const bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  SyncAndClose(file);
  if (!ok) throw SpecError(temp + ": write failed (disk full?)");
  fs::rename(temp, path);
}

std::vector<Json> ReadJsonLines(const std::string& path) {
  std::vector<Json> records;
  std::ifstream in(path);
  if (!in) return records;
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    try {
      Json record = Json::parse(lines[i]);
      if (!record.contains("run_id")) throw std::runtime_error("no run_id");
      records.push_back(std::move(record));
    } catch (const std::exception&) {
      if (i + 1 == lines.size()) break;  // a write cut short by a kill
      throw SpecError(path + ": line " + std::to_string(i + 1) + " is corrupt");
    }
  }
  return records;
}

ResultsStore::ResultsStore(const std::string& directory,
                           const Json& resolved_spec,
                           bool force)
    : directory_(directory) {
  fs::create_directories(directory);
  const std::string spec_path = directory + "/spec.json";
  const std::string runs_path = directory + "/runs.jsonl";
  const std::string timings_path = directory + "/timings.jsonl";
  if (fs::exists(spec_path)) {
    Json stored;
    try {
      std::ifstream in(spec_path);
      stored = Json::parse(in);
    } catch (const std::exception&) {
      stored = nullptr;
    }
    if (!force && !stored.is_null()) CheckResultsFormat(stored, directory);
    if (stored != resolved_spec) {
      if (!force) {
        throw SpecError(directory +
                        " holds results of a different spec; pass --force to "
                        "discard them, or choose another --out");
      }
      fs::remove(runs_path);
      fs::remove(timings_path);
      fs::remove(directory + "/provenance.json");
    }
  }
  WriteFileAtomic(spec_path, resolved_spec.dump(2) + "\n");
  // Keep only complete records (a kill can leave a partial last line).
  const std::vector<Json> runs = SortedByRunId(ReadJsonLines(runs_path));
  for (const Json& r : runs) finished_.insert(r["run_id"].get<int>());
  std::vector<Json> timings;
  for (Json& t : SortedByRunId(ReadJsonLines(timings_path))) {
    if (finished_.count(t["run_id"].get<int>()))
      timings.push_back(std::move(t));
  }
  WriteFileAtomic(runs_path, JoinLines(runs));
  WriteFileAtomic(timings_path, JoinLines(timings));
  runs_ = OpenAppend(runs_path);
  timings_ = OpenAppend(timings_path);
}

ResultsStore::~ResultsStore() {
  SyncAndClose(runs_);
  SyncAndClose(timings_);
}

void ResultsStore::Append(const Json& record, const Json& timing) {
  // The record line goes first: a timing without its record is dropped on
  // reopen, a record without its timing only lacks a wall time.
  const std::string line = record.dump() + "\n";
  std::fwrite(line.data(), 1, line.size(), runs_);
  // fflush hands the line to the kernel: it survives a kill -9. fsync (for a
  // machine crash) costs milliseconds and runs inside the runner's critical
  // section, so it is done at most once a second and at Finalize.
  std::fflush(runs_);
  const auto now = std::chrono::steady_clock::now();
  if (now - last_sync_ > std::chrono::seconds(1)) {
    ::fsync(fileno(runs_));
    last_sync_ = now;
  }
  const std::string timing_line = timing.dump() + "\n";
  std::fwrite(timing_line.data(), 1, timing_line.size(), timings_);
  std::fflush(timings_);
  finished_.insert(record["run_id"].get<int>());
}

void ResultsStore::AddProvenance(const Json& entry) {
  const std::string path = directory_ + "/provenance.json";
  Json all = Json::array();
  try {
    std::ifstream in(path);
    if (in) all = Json::parse(in);
  } catch (const std::exception&) {
    all = Json::array();
  }
  if (!all.is_array()) all = Json::array();
  all.push_back(entry);
  WriteFileAtomic(path, all.dump(2) + "\n");
}

void ResultsStore::Finalize() {
  SyncAndClose(runs_);
  SyncAndClose(timings_);
  runs_ = timings_ = nullptr;
  const std::string runs_path = directory_ + "/runs.jsonl";
  const std::string timings_path = directory_ + "/timings.jsonl";
  WriteFileAtomic(runs_path,
                  JoinLines(SortedByRunId(ReadJsonLines(runs_path))));
  WriteFileAtomic(timings_path,
                  JoinLines(SortedByRunId(ReadJsonLines(timings_path))));
  runs_ = OpenAppend(runs_path);
  timings_ = OpenAppend(timings_path);
}

}  // namespace sim
