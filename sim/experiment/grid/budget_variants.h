// The budget-sensitivity variants of a spec: the same grid with twice the
// SGD steps, and with the learning rate (or every candidate of a selection)
// scaled by each factor. A sample-complexity figure that is a property of
// the data and the model, not of the optimiser's budget, must not move
// under these changes (docs/protocols.md, "pmoe-sim sensitivity").
#pragma once

#include <string>
#include <vector>

#include "sim/experiment/spec/json_reader.h"

namespace sim {

struct SpecVariant {
  std::string label;  // "steps_x2", "eta_x0.5", ...
  Json spec;          // the spec with its name suffixed by the label
};

// Twice the budget means epochs x steps_factor under the budget protocol
// and max_steps x steps_factor under online/converged. Every model's
// effective training options (spec training merged with the model's own)
// are changed. Throws SpecError for a grid axis on the learning rate,
// epochs or max_steps (the variant would be ambiguous), and naming
// --steps-factor when a model's scaled epochs or max_steps is not in
// [1, 1e8].
std::vector<SpecVariant> BudgetVariants(const Json& spec,
                                        double steps_factor,
                                        const std::vector<double>& eta_factors);

}  // namespace sim
