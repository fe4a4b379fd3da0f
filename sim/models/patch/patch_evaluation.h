// Loss and error of a trained patch model on a whole data set, in blocks of
// EvalBlock samples, with the router diagnostics of [P Figs. 8-9].
#pragma once

#include <algorithm>
#include <vector>

#include "sim/data/dataset.h"
#include "sim/models/patch/patch_model.h"
#include "sim/train/batch_io.h"
#include "sim/train/train_result.h"

namespace sim {

// Samples per evaluation block. The row kernels read a block's patches once
// per tile of weights (and a routed model once more to route them), so
// their blocks are sized to stay in a core's cache (each sample's output is
// the same whatever its block). Eigen's product (the CNN on small patches)
// keeps blocks of kEvalBatch: its blocking, and so the order of its sums,
// depends on the block's size.
template <typename Scalar>
int EvalBlock(const PatchModel<Scalar>& model, int num_samples) {
  constexpr double kCacheBytes = 512 * 1024;
  const double sample_bytes =
      double(model.num_patches()) * model.patch_dim() * sizeof(Scalar);
  const int block =
      model.uses_row_kernels()
          ? std::clamp(int(kCacheBytes / sample_bytes), 1, kEvalBatch)
          : kEvalBatch;
  return std::max(1, std::min(block, num_samples));
}

// Test loss and error of `model` on `data`, and (if `router` is non-null and
// the model is routed) the router diagnostics. Returns the analytic FLOPs.
// `routes`, if given, holds each sample's patch selection (N, k, l) from
// frozen routers (PatchModel::CanReuseRoutes), so they are not recomputed.
// `ws` is the caller's, for blocks of EvalBlock samples (reused across
// evaluations, so none allocates).
template <typename Scalar>
double Evaluate(const PatchModel<Scalar>& model,
                const Dataset<Scalar>& data,
                double& loss,
                double& error,
                RouterDiagnostics* router,
                const std::vector<int>* routes,
                Workspace<Scalar>& ws);

}  // namespace sim
