// Loss and error of a trained patch model on a whole data set, in blocks of
// kEvalBatch samples, with the router diagnostics of [P Figs. 8-9].
#pragma once

#include <vector>

#include "sim/data/dataset.h"
#include "sim/models/patch/patch_model.h"
#include "sim/train/batch_io.h"
#include "sim/train/train_result.h"

namespace sim {

// Test loss and error of `model` on `data`, and (if `router` is non-null and
// the model is routed) the router diagnostics. Returns the analytic FLOPs.
// `routes`, if given, holds each sample's patch selection (N, k, l) from
// frozen routers (PatchModel::CanReuseRoutes), so they are not recomputed.
// `ws` is the caller's, for blocks of min(kEvalBatch, N) samples (reused
// across evaluations, so none allocates).
template <typename Scalar>
double Evaluate(const PatchModel<Scalar>& model,
                const Dataset<Scalar>& data,
                double& loss,
                double& error,
                RouterDiagnostics* router,
                const std::vector<int>* routes,
                Workspace<Scalar>& ws);

}  // namespace sim
