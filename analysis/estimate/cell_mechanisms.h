// A cell's measurements of the proofs' mechanisms beside N* and T*: the
// jointly trained routers' T' (router_properness.h), the cost to reach eps
// (cost_to_target.h) and the l its routers need (router_samples.h).
#pragma once

#include <vector>

#include "analysis/estimate/complexity.h"
#include "analysis/records/records.h"

namespace sim {

// From the runs T* is estimated on (all of an online cell's, else those at
// its largest N), after T*.
void EstimateMechanisms(const std::vector<const RunRecord*>& runs,
                        const ComplexityOptions& options,
                        Cell& cell);

}  // namespace sim
