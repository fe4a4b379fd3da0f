// The contract between a model and the SGD loop (sgd_loop.h), in the style
// of ensmallen's function types: the loop owns the schedule (protocol,
// batches, evaluations, stopping, divergence); a learner owns its model,
// its workspaces and its update rule. A learner is constructed as
// L(const RunConfig&, int num_patches, int patch_dim, int batch, Rng& init)
// and then, in this order:
//   Prepare(data, rng, result)   once: phases before SGD (Algorithm 1's
//                                router phase, route caching)
//   per step:
//     LoadBatch(set, order, first, size, x, y)  samples order[first ..
//                                first + size) of `set` into x and labels y
//     Forward(x, size)           -> outputs f (size)
//     Step(x, size, dloss)       one update from dL/df
//     Finite()                   false once a weight is not finite
//     StepFlops(size)            analytic FLOPs of that step
//   Evaluate(set, loss, error, router)  mean logistic loss and error on a
//                                whole set (router diagnostics if non-null);
//                                returns the analytic FLOPs
//   Finish(train, result)        once: model-specific diagnostics
#pragma once

#include <concepts>
#include <vector>

#include "sim/core/rng.h"
#include "sim/data/dataset.h"
#include "sim/data/generator.h"
#include "sim/train/train_result.h"

namespace sim {

template <typename L, typename Scalar>
concept Learner = requires(L learner,
                           const L& frozen,
                           const DataBundle<Scalar>& data,
                           const Dataset<Scalar>& set,
                           const std::vector<int>& order,
                           int size,
                           RowMatrix<Scalar>& x,
                           std::vector<int>& y,
                           const Vector<Scalar>& dloss,
                           double& value,
                           RouterDiagnostics* router,
                           Rng& rng,
                           TrainResult& result) {
  { frozen.routed() } -> std::convertible_to<bool>;
  learner.Prepare(data, rng, result);
  learner.LoadBatch(set, order, size, size, x, y);
  { learner.Forward(x, size) } -> std::same_as<const Vector<Scalar>&>;
  learner.Step(x, size, dloss);
  { frozen.Finite() } -> std::convertible_to<bool>;
  { frozen.StepFlops(size) } -> std::convertible_to<double>;
  {
    learner.Evaluate(set, value, value, router)
    } -> std::convertible_to<double>;
  learner.Finish(set, result);
};

}  // namespace sim
