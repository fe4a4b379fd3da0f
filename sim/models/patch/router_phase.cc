#include "sim/models/patch/router_phase.h"

#include <algorithm>
#include <numeric>

#include "sim/train/batch_io.h"

namespace sim {

template <typename Scalar>
double TrainRouters(const TrainConfig& cfg,
                    const Dataset<Scalar>& data,
                    Rng& rng,
                    PatchModel<Scalar>& model) {
  const int n = data.num_patches;
  const int samples = cfg.router_samples > 0
                          ? std::min(cfg.router_samples, data.num_samples)
                          : data.num_samples;
  const int batch = std::min(cfg.router_batch_size, samples);
  std::vector<int> order(samples);
  std::iota(order.begin(), order.end(), 0);
  RowMatrix<Scalar> x(batch * n, data.patch_dim);
  Vector<Scalar> signs(batch * n);
  std::vector<int> y(batch);
  double flops = 0;
  for (int epoch = 0; epoch < cfg.router_epochs; ++epoch) {
    rng.Shuffle(order);
    for (int start = 0; start < samples; start += batch) {
      const int size = std::min(batch, samples - start);
      GatherBatch(data, order, start, size, x, y);
      for (int b = 0; b < size; ++b)
        signs.segment(b * n, n).setConstant(Scalar(y[b]));
      // Descent direction for w1: (1/B) sum_b y_b sum_j x_b^(j).
      const Scalar step = Scalar(cfg.router_learning_rate / size);
      auto& router = model.mutable_router();
      router.row(0).noalias() +=
          step * (signs.head(size * n).transpose() * x.topRows(size * n));
      router.row(1).noalias() -=
          step * (signs.head(size * n).transpose() * x.topRows(size * n));
      flops += 4.0 * size * n * data.patch_dim;
    }
  }
  return flops;
}

template double TrainRouters<float>(const TrainConfig&,
                                    const Dataset<float>&,
                                    Rng&,
                                    PatchModel<float>&);
template double TrainRouters<double>(const TrainConfig&,
                                     const Dataset<double>&,
                                     Rng&,
                                     PatchModel<double>&);
}  // namespace sim
