// Section 2: whole-grid throughput (runs/s) on 1 thread and on all
// threads, and the parallel efficiency, at d = 64 and at the section 5.1
// size. Each grid is warmed up once, then timed `repeats` times with the 1-
// and all-thread measurements interleaved (ABBA), and reported as median
// and spread. An efficiency above 100% cannot be a property of the code
// (the same runs, split over threads, do no less work): it means the
// machine's load changed between measurements, and is flagged, not
// reported as a result.
#pragma once

#include "bench_setup.h"

namespace bench {

Json GridEfficiency(int threads, bool quick);

}  // namespace bench
