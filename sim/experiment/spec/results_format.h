// The version of the records a results folder holds (docs/results.md, "Results
// format versions"). It is written into spec.json ("results_format"), and
// a folder of another version is refused on resume: appending records of
// one format to those of another would mix, for example, unmeasured
// step-0 training metrics written as 0 (version 1) and as null (2).
#pragma once

#include <string>

#include "sim/experiment/spec/json_reader.h"

namespace sim {

inline constexpr int kResultsFormatVersion = 5;

// Throws SpecError("`path`: not a results spec ...") unless `stored_spec`
// is what `run` writes into spec.json: an object with a "models" object.
void CheckResultsSpec(const Json& stored_spec, const std::string& path);

// The version a stored spec.json names (1 if it names none: folders
// written before versions existed).
int StoredResultsFormat(const Json& stored_spec);

// Throws SpecError naming both versions if `stored_spec` (the spec.json
// of `directory`) is of another results format.
void CheckResultsFormat(const Json& stored_spec, const std::string& directory);

// Reads a spec's optional "results_format" (a copied spec.json names it):
// it may name only the version this build writes. Throws SpecError.
void ValidateResultsFormat(const Json* member);

}  // namespace sim
