#include "sim/experiment/spec/results_format.h"

namespace sim {

void CheckResultsSpec(const Json& stored_spec, const std::string& path) {
  if (stored_spec.is_object() && stored_spec.contains("models") &&
      stored_spec["models"].is_object())
    return;
  throw SpecError(path +
                  ": not a results spec (expected the object with \"models\" "
                  "that 'pmoe-sim run' writes, got " +
                  DescribeJson(stored_spec) + ")");
}

int StoredResultsFormat(const Json& stored_spec) {
  if (!stored_spec.is_object() || !stored_spec.contains("results_format"))
    return 1;
  const Json& v = stored_spec["results_format"];
  return v.is_number_integer() ? v.get<int>() : -1;
}

void CheckResultsFormat(const Json& stored_spec, const std::string& directory) {
  const int stored = StoredResultsFormat(stored_spec);
  if (stored == kResultsFormatVersion) return;
  throw SpecError(
      directory + " holds results in format version " + std::to_string(stored) +
      "; this pmoe-sim writes format version " +
      std::to_string(kResultsFormatVersion) +
      " (docs/results.md, \"Results format versions\"); pass --force to "
      "discard them, or choose another --out");
}

void ValidateResultsFormat(const Json* member) {
  if (member == nullptr) return;
  if (!member->is_number_integer() ||
      member->get<int>() != kResultsFormatVersion) {
    ThrowSpecError("results_format",
                   "may only be " + std::to_string(kResultsFormatVersion) +
                       ", the results format this pmoe-sim writes (got " +
                       member->dump() + ")");
  }
}

}  // namespace sim
