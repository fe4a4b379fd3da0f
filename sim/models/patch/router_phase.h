// Algorithm 1, step 2: the separate pMoE's router phase.
#pragma once

#include <vector>

#include "sim/core/rng.h"
#include "sim/data/dataset.h"
#include "sim/models/patch/patch_model.h"
#include "sim/train/run_config.h"

namespace sim {

// SGD on l_r = -(1/B_r) sum y <w1 - w2, sum_j x^(j)> over the first
// router_samples samples of `data` (the router split if the data has one,
// else the training set). The gradient does not depend on w (pmoe-paper.md
// §2.5). Returns the analytic FLOPs.
template <typename Scalar>
double TrainRouters(const TrainConfig& cfg,
                    const Dataset<Scalar>& data,
                    Rng& rng,
                    PatchModel<Scalar>& model);

}  // namespace sim
