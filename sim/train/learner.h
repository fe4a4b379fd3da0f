// The contract between a model and the SGD loop (sgd_loop.h), in the style
// of ensmallen's function types: the loop owns the schedule (protocol,
// batches, evaluations, stopping, divergence); a learner owns its model,
// its workspaces and its update rule. A learner is constructed as
// L(const LearnerSetup&, const L::Config&) (Config: what the model type
// passes it) and then, in this order:
//   Prepare(data, rng, result)   once: phases before SGD (Algorithm 1's
//                                router phase, route caching)
//   per step:
//     LoadBatch(set, order, first, size, x, y)  samples order[first ..
//                                first + size) of `set` into x and labels y
//                                (under the online protocol the loop draws
//                                fresh samples into x itself: a learner
//                                that trains online gathers plainly)
//     Forward(x, size)           -> outputs f (size)
//     Loss(f, y, size, dloss, errors) -> summed loss; dL/df into dloss and
//                                misclassified samples added to errors
//     Step(x, size, dloss)       one update from dL/df
//     Finite()                   false once a weight is not finite
//     StepFlops(size)            analytic FLOPs of that step
//   Evaluate(set, loss, error, router)  mean loss and error on a whole
//                                set (router diagnostics if non-null);
//                                returns the analytic FLOPs
//   Annotate(point)              adds the model's own metrics to a curve
//                                point after its evaluation
//   routed()                     whether Evaluate fills router diagnostics
//   RoutersTrain()               whether the routers move during SGD (the
//                                loop then records their diagnostics at
//                                every evaluation)
//   Finish(train, result)        once: the model type's own diagnostics
#pragma once

#include <concepts>
#include <vector>

#include "sim/core/rng.h"
#include "sim/data/dataset.h"
#include "sim/data/generator.h"
#include "sim/train/batch_io.h"
#include "sim/train/run_config.h"
#include "sim/train/train_result.h"

namespace sim {

// What the SGD loop gives a learner to build itself with.
struct LearnerSetup {
  const RunConfig& config;
  int num_patches;  // n
  int patch_dim;    // d
  int batch;        // the largest minibatch B
  Rng& init;        // the run's weight-initialisation stream
};

template <typename L, typename Scalar>
concept Learner = requires(L learner,
                           const LearnerSetup& setup,
                           const typename L::Config& options,
                           const L& frozen,
                           const DataBundle<Scalar>& data,
                           const Dataset<Scalar>& set,
                           const std::vector<int>& order,
                           int size,
                           RowMatrix<Scalar>& x,
                           std::vector<int>& y,
                           const Vector<Scalar>& dloss,
                           Vector<Scalar>& x_dloss,
                           CurvePoint& point,
                           double& value,
                           RouterDiagnostics* router,
                           Rng& rng,
                           TrainResult& result) {
  L(setup, options);
  { frozen.routed() } -> std::convertible_to<bool>;
  learner.Prepare(data, rng, result);
  learner.LoadBatch(set, order, size, size, x, y);
  { learner.Forward(x, size) } -> std::same_as<const Vector<Scalar>&>;
  { learner.Loss(dloss, y, size, x_dloss, value) } -> std::same_as<double>;
  learner.Step(x, size, dloss);
  { frozen.Finite() } -> std::convertible_to<bool>;
  { frozen.StepFlops(size) } -> std::convertible_to<double>;
  {
    learner.Evaluate(set, value, value, router)
    } -> std::convertible_to<double>;
  frozen.Annotate(point);
  learner.Finish(set, result);
  { L::kMeasuresLoss } -> std::convertible_to<bool>;
};

// Defaults a learner may inherit: the logistic loss log(1 + exp(-y f))
// averaged over the minibatch [P eq. 10], no phases before SGD, no router
// diagnostics, nothing to add to curve points or results.
template <typename Scalar>
struct LearnerBase {
  // Whether Evaluate measures a loss (a non-finite final loss then means
  // the run diverged).
  static constexpr bool kMeasuresLoss = true;
  bool routed() const { return false; }
  bool RoutersTrain() const { return false; }
  void Prepare(const DataBundle<Scalar>&, Rng&, TrainResult&) {}
  double Loss(const Vector<Scalar>& f,
              const std::vector<int>& y,
              int size,
              Vector<Scalar>& dloss,
              double& errors) const {
    double loss = 0;
    for (int b = 0; b < size; ++b) {
      const double margin = y[b] * double(f[b]);
      loss += Softplus(-margin);
      errors += margin <= 0;
      // dL/df = -y v / B with v = 1 / (1 + exp(y f)) [Def. F.1].
      dloss[b] = Scalar(-y[b] * Sigmoid(-margin) / size);
    }
    return loss;
  }
  void Annotate(CurvePoint&) const {}
  void Finish(const Dataset<Scalar>&, TrainResult&) {}
};

}  // namespace sim
