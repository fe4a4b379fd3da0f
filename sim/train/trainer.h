// One training run of any model type: its data generated from the run's
// seeds, its learner in the SGD loop (ModelOptions::Train), learning-rate
// selection over candidates, and the run's exception boundary.
#pragma once

#include "sim/data/fashion_mnist/fashion_mnist.h"
#include "sim/data/generator.h"
#include "sim/train/run_config.h"
#include "sim/train/train_result.h"

namespace sim {

// Trains on already generated data. Never throws for numerical trouble: a
// non-finite loss stops the run with status kDiverged.
// With learning-rate candidates, trains once per candidate and keeps the run
// with the lowest validation error (TrainResult::learning_rate_trials).
// `images` is needed only by the online protocol on Fashion-MNIST patterns.
template <typename Scalar>
TrainResult Train(const RunConfig& config,
                  const DataBundle<Scalar>& data,
                  const FashionMnist* images = nullptr);

// Generates the data and trains in the configured precision. Catches every
// exception and reports it as status kFailed with its message; safe to call
// from many threads at once (`images` is only read).
TrainResult RunOne(const RunConfig& config, const FashionMnist* images);

}  // namespace sim
