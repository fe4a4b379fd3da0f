#include "sim/models/patch/patch_evaluation.h"

#include <algorithm>

#include "sim/core/check.h"
#include "sim/models/patch/route_cache.h"
#include "sim/train/batch_io.h"

namespace sim {
namespace {

template <typename Scalar>
void RouterStats(const PatchModel<Scalar>& model,
                 const Workspace<Scalar>& ws,
                 const Dataset<Scalar>& data,
                 int first,
                 int batch,
                 std::vector<std::vector<double>>& in_top_l,
                 std::vector<std::vector<double>>& top_gated) {
  const int k = model.num_experts(), l = model.top_l();
  for (int b = 0; b < batch; ++b) {
    const int i = first + b;
    const int c = data.labels[i] > 0 ? 0 : 1;
    const int signal = data.signal_position[i];
    for (int s = 0; s < k; ++s) {
      const int* sel = ws.selected.data() + (size_t(b) * k + s) * l;
      in_top_l[s][c] += std::find(sel, sel + l, signal) != sel + l;
      top_gated[s][c] += sel[0] == signal;
    }
  }
}

}  // namespace

template <typename Scalar>
double Evaluate(const PatchModel<Scalar>& model,
                const Dataset<Scalar>& data,
                double& loss,
                double& error,
                RouterDiagnostics* router,
                const std::vector<int>* routes,
                Workspace<Scalar>& ws) {
  const int batch = EvalBlock(model, data.num_samples);
  SIM_CHECK(ws.capacity >= batch);
  const int n = data.num_patches;
  const int k = model.num_experts();
  std::vector<std::vector<double>> in_top_l(k, std::vector<double>(2, 0.0));
  std::vector<std::vector<double>> top_gated = in_top_l;
  double loss_sum = 0, errors = 0, flops = 0;
  for (int first = 0; first < data.num_samples; first += batch) {
    const int size = std::min(batch, data.num_samples - first);
    if (routes != nullptr) {
      LoadRoutedBatch(
          data, *routes, k, model.top_l(), [&](int b) { return first + b; },
          size, ws);
      model.ForwardSelected(size, ws);
    } else {
      model.Forward(data.patches.middleRows(Eigen::Index(first) * n, size * n),
                    size, ws);
    }
    flops += model.ForwardFlops(size);
    for (int b = 0; b < size; ++b) {
      const double margin = data.labels[first + b] * double(ws.f[b]);
      loss_sum += Softplus(-margin);
      errors += margin <= 0;
    }
    if (router != nullptr && model.routed()) {
      RouterStats(model, ws, data, first, size, in_top_l, top_gated);
    }
  }
  loss = loss_sum / data.num_samples;
  error = errors / data.num_samples;
  if (router != nullptr && model.routed()) {
    int count[2] = {0, 0};
    for (int y : data.labels) ++count[y > 0 ? 0 : 1];
    router->num_experts = k;
    for (int s = 0; s < k; ++s) {
      for (int c = 0; c < 2; ++c) {
        in_top_l[s][c] /= std::max(count[c], 1);
        top_gated[s][c] /= std::max(count[c], 1);
      }
    }
    router->recall = 0;
    router->top_gated_best = 0;
    const bool separate =
        model.architecture().routed && !model.architecture().soft_gates;
    for (int c = 0; c < 2; ++c) {
      double best_hit = 0, best_top = 0;
      for (int s = 0; s < k; ++s) {
        best_hit = std::max(best_hit, in_top_l[s][c]);
        best_top = std::max(best_top, top_gated[s][c]);
      }
      router->recall += 0.5 * (separate ? in_top_l[c][c] : best_hit);
      router->top_gated_best += 0.5 * best_top;
    }
    router->in_top_l = std::move(in_top_l);
    router->top_gated = std::move(top_gated);
  }
  return flops;
}

template double Evaluate<float>(const PatchModel<float>&,
                                const Dataset<float>&,
                                double&,
                                double&,
                                RouterDiagnostics*,
                                const std::vector<int>*,
                                Workspace<float>&);
template double Evaluate<double>(const PatchModel<double>&,
                                 const Dataset<double>&,
                                 double&,
                                 double&,
                                 RouterDiagnostics*,
                                 const std::vector<int>*,
                                 Workspace<double>&);

}  // namespace sim
