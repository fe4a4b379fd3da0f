// The options of N* and T* a spec's "analysis" object sets.
#pragma once

#include "analysis/estimate/complexity.h"
#include "analysis/records/records.h"

namespace sim {

// Options from the spec's "analysis" object (strict; throws SpecError).
ComplexityOptions ReadAnalysisOptions(const ResultsSet& results);

}  // namespace sim
