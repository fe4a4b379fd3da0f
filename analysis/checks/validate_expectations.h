// A spec's analysis section and "expect" rules, checked without results:
// `validate`, `run` and `sensitivity` refuse a bad one before any run.
#pragma once

#include "sim/experiment/spec/json_reader.h"

namespace sim {

// Throws SpecError if a resolved spec's "expect" or "analysis" entries are
// malformed (a rule naming a model or axis not in the grid included).
void ValidateExpectations(const Json& resolved_spec);

}  // namespace sim
