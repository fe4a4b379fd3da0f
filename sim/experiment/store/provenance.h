// Where and how a result was made: version, git commit, compiler, flags,
// machine, threads and times (cf. google/benchmark's context block).
#pragma once

#include <string>

#include "sim/experiment/spec/json_reader.h"

namespace sim {

Json MakeProvenance(int threads);
std::string NowIso8601();
// The machine's CPU model name from /proc/cpuinfo ("unknown" if absent).
std::string CpuModelName();

}  // namespace sim
