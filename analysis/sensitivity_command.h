// `pmoe-sim sensitivity SPEC`: runs a spec and its budget variants and
// reports whether N* and the fitted exponents survive them.
#pragma once

#include <string>
#include <vector>

namespace sim {

// Exit status 0 robust, 1 budget-dependent, 3 inconclusive, 2 bad input.
int SensitivityCommand(const std::vector<std::string>& args);

}  // namespace sim
