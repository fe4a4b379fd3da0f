// Generator of the K-cluster patch data of Chen et al. 2022 (see
// cluster_config.h and other-seeds.md §1.1).
#pragma once

#include <cstdint>

#include "sim/data/clusters/cluster_config.h"
#include "sim/data/data_config.h"
#include "sim/data/dataset.h"

namespace sim {

// Train and test sets share the orthonormal vectors (stream "patterns").
// signal_position is the position of the feature-signal patch y alpha v_k.
template <typename Scalar>
void GenerateClusterData(const DataConfig& config,
                         uint64_t seed,
                         Dataset<Scalar>& train,
                         Dataset<Scalar>& test);

}  // namespace sim
