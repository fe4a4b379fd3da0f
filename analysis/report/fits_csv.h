// fits.csv of `pmoe-sim export --format csv`: one row per fit of a results
// folder's analysis.json (written by `analyze`): model, quantity, axis, the
// exponent and its interval, the theory's exponent and the verdict.
#pragma once

#include <string>

#include "sim/experiment/spec/json_reader.h"

namespace sim {

// `fits`: analysis.json's "fits" array (null or absent: the header only).
// Fields a fit lacks (no slope where the fit failed) are empty cells.
std::string FitsCsv(const Json& fits);

}  // namespace sim
