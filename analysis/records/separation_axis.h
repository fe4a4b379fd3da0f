// The theorems' separation parameter delta = 1 / (1 - max(delta_d^2,
// delta_r^2)) ([P] eq. 9) as a derived grid axis "delta" wherever a spec's
// grid moves delta_d or delta_r, so that fits test the theory's orders in it
// (N ~ delta^6, T ~ delta^3, Thms 4.2, 4.3, 4.5) rather than in delta_d.
#pragma once

#include <string>
#include <vector>

#include "analysis/records/records.h"

namespace sim {

constexpr const char* kSeparationAxis = "delta";

// Adds "delta" to `axes` before the first axis that moves delta_d or
// delta_r (so that a fit over the lockstep pair keeps delta).
void AddSeparationAxis(std::vector<std::string>& axes);

// Each run's delta, from its coordinates and the spec's data section.
void AddSeparationCoords(ResultsSet& set);

}  // namespace sim
