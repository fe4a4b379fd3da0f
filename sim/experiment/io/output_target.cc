#include "sim/experiment/io/output_target.h"

#include <filesystem>

#include "sim/experiment/spec/json_reader.h"

namespace sim {
namespace fs = std::filesystem;
namespace {

const char* const kRecordFiles[] = {"spec.json", "runs.jsonl", "timings.jsonl",
                                    "provenance.json", ".lock"};
const char* const kAnalysisFiles[] = {
    "analysis.json", "report.md", "report.html", "runs.csv",
    "curves.csv",    "cells.csv", "plots"};

bool Among(const std::string& name,
           const char* const* begin,
           const char* const* end) {
  for (const char* const* n = begin; n != end; ++n)
    if (name == *n) return true;
  return false;
}

bool SameFolder(const fs::path& a, const std::string& b) {
  std::error_code ec;
  return !b.empty() && fs::equivalent(a, b, ec);
}

}  // namespace

bool IsResultsFolder(const std::string& dir) {
  std::error_code ec;
  for (const char* name : {"spec.json", "runs.jsonl", ".lock"}) {
    if (fs::exists(fs::symlink_status(fs::path(dir) / name, ec))) return true;
  }
  return false;
}

void CheckOutputFile(const std::string& path,
                     const std::string& option,
                     const std::string& owner) {
  std::error_code ec;
  fs::path target = fs::absolute(path, ec);
  // A dangling link is where the write would create its target.
  for (int hops = 0;
       hops < 40 && fs::is_symlink(fs::symlink_status(target, ec)); ++hops)
    target = target.parent_path() / fs::read_symlink(target, ec);
  target = fs::weakly_canonical(target, ec);
  if (ec) return;  // the write itself reports what is wrong with the path
  const fs::path folder = target.parent_path();
  const std::string name = target.filename().string();
  if (!IsResultsFolder(folder.string())) return;
  const bool record =
      Among(name, std::begin(kRecordFiles), std::end(kRecordFiles));
  const bool analysis =
      Among(name, std::begin(kAnalysisFiles), std::end(kAnalysisFiles)) &&
      !SameFolder(folder, owner);
  if (!record && !analysis) return;
  throw SpecError(option + ": " + path + " is the file " + name +
                  " of the results folder " + folder.string() +
                  (record ? ", which holds its records"
                          : ", written by analyzing that folder") +
                  "; refusing to overwrite it (choose another file)");
}

void RefuseLinkedOwnFiles(const std::string& dir,
                          const std::vector<std::string>& names) {
  std::error_code ec;
  for (const std::string& name : names) {
    const fs::path path = fs::path(dir) / name;
    if (!fs::is_symlink(fs::symlink_status(path, ec))) continue;
    throw SpecError(path.string() + ": is a symlink; a results folder's " +
                    "own files are written in place, never through a link " +
                    "(remove the link; its target is left as it is)");
  }
}

}  // namespace sim
