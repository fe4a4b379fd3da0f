// Section 3: cost scaling, training time per run as n, d, m and N grow from
// n = 16, d = 128, m = 40, N = 400, with fitted exponents.
#pragma once

#include "bench_setup.h"

namespace bench {

// Printed and returned as JSON; `quick`: the three smallest values, once.
Json CostScaling(bool quick);

}  // namespace bench
