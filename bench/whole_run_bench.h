// Section 5: whole runs, not just steps. Each of the three models at
// d = 784 and d = 64 (n = 16, m = 40, B = 20; N = 1000 training samples,
// 20 epochs, 1000 test samples evaluated every epoch) as `pmoe-sim` runs
// it, its time split into data generation, routing (router phase and route
// caching), training steps and evaluation, beside the evaluations' share of
// the run's analytic FLOPs (their time at the steps' speed); and the online
// protocol (the same number of steps, B fresh samples each) against the fixed
// set: its steps/s with the draws included, and a draw's cost against a step's.
#pragma once

#include "bench_setup.h"

namespace bench {

// Printed and returned as JSON {"whole_runs": [...], "online": [...]};
// `quick`: N = 200, 3 epochs, 200 test samples, one repetition.
Json WholeRuns(bool quick);

}  // namespace bench
