// SGD training of the three models: Algorithm 1 (separate: router phase on
// the linear loss of eq. 6, then experts with routers frozen), Algorithm 2
// (joint: routers and experts together) and the CNN, all on the logistic
// loss log(1 + exp(-y f)) averaged over the minibatch [P eq. 10].
#pragma once

#include "sim/data/fashion_mnist.h"
#include "sim/data/generator.h"
#include "sim/models/patch_model.h"
#include "sim/train/evaluation.h"
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
