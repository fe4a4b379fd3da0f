// Generator of the clustered single-index regression data of Kawata et al.
// 2025 (single_index_config.h; a reconstruction).
#pragma once

#include <cstdint>

#include "sim/data/data_config.h"
#include "sim/data/dataset.h"
#include "sim/data/single_index/single_index_config.h"

namespace sim {

// The normalised probabilists' Hermite polynomial He_k(z) / sqrt(k!) and
// its derivative.
double HermiteNormalized(int k, double z);
double HermiteNormalizedDerivative(int k, double z);

// Fills train and test (labels = sign of y, targets = y, cluster) and the
// teacher directions (rows w*_1..w*_C, w*_g).
template <typename Scalar>
void GenerateSingleIndexData(const DataConfig& config,
                             uint64_t seed,
                             Dataset<Scalar>& train,
                             Dataset<Scalar>& test,
                             Eigen::MatrixXd& teacher);

}  // namespace sim
