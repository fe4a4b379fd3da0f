// Where each router puts the discriminative patch: its rank among a
// sample's n patches by routing value (1 = largest, ties to the lower
// index, as PatchModel routes). A router routes it for a sample when the
// rank is at most l, so the ranks a router gives say which l it would need
// (Lemma 4.1: l >= l* suffices after the router phase).
#pragma once

#include <vector>

#include "sim/data/dataset.h"
#include "sim/models/patch/patch_model.h"

namespace sim {

// Entry [s][c][r]: samples of `data` of class c (0: y = +1, 1: y = -1)
// whose discriminative patch has rank r + 1 under router s. Empty for a
// model without routers or data without a signal position.
template <typename Scalar>
std::vector<std::vector<std::vector<long>>> SignalRanks(
    const PatchModel<Scalar>& model, const Dataset<Scalar>& data);

}  // namespace sim
