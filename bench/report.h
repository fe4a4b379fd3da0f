// The benchmark's report: the machine it ran on, and the JSON file every
// section's results go to (so runs can be compared).
#pragma once

#include <string>

#include "bench_setup.h"
#include "machine_peak.h"

namespace bench {

// Prints the machine and its peak; returns them (with the build's
// provenance) as JSON.
Json MachineReport(const sim::MachinePeak& peak, int threads);

// Writes `report` to `path` (creating its folder), and says so.
void WriteReport(const std::string& path, const Json& report);

}  // namespace bench
