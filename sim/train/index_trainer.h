// Online training for the clustered single-index regression of Kawata et
// al. 2025 (other-seeds.md §2.6: an INFERRED recipe, not the paper's exact
// algorithm). Both students have unit-norm first-layer neurons w (J per
// expert), activation He_k*/sqrt(k*!) and fixed output signs a = +-1, and
// learn by online spherical SGD on the correlation loss -y sum_j a_j
// sigma(<w_j, x>): one sample per step, w <- unit(w - eta (g - <g, w> w)).
//   index_vanilla: one network of `neurons` neurons on every sample.
//   index_moe: `num_experts` experts of neurons/num_experts neurons, in
//     three stages over the samples: 40% with uniformly random routing
//     (experts weakly recover the local directions w*_c), 20% training the
//     router by online competitive learning of one prototype per expert
//     (theta_m <- theta_m + eta_r (x - theta_m) for the nearest), 40% with
//     routing to the nearest prototype (within a cluster the global term
//     s_c g* no longer cancels, so w*_g becomes learnable).
// Reported: local and global alignments along the way, router purity,
// dispatch; final test_error = 1 - global alignment and final train_error =
// 1 - local alignment, so N*(eps) is the number of samples needed to
// recover the global (or local) direction to 1 - eps.
#pragma once

#include "sim/data/generator.h"
#include "sim/train/run_config.h"
#include "sim/train/train_result.h"

namespace sim {

template <typename Scalar>
TrainResult TrainSingleIndex(const RunConfig& config,
                             const DataBundle<Scalar>& data);

}  // namespace sim
