#include "sim/models/patch/router_phase.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/models/patch/signed_patch_sums.h"

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
  // Lemma 4.1's schedule scales the step as 1/n and the batch as n^2.
  const bool lemma = cfg.router_schedule == RouterSchedule::kLemma41;
  const long scaled_batch =
      lemma ? long(cfg.router_batch_size) * n * n : cfg.router_batch_size;
  const int batch = int(std::min<long>(scaled_batch, samples));
  const double rate =
      lemma ? cfg.router_learning_rate / n : cfg.router_learning_rate;
  std::vector<int> order(samples);
  std::iota(order.begin(), order.end(), 0);
  // The update does not depend on the routers: each sample's signed patch
  // sums are taken once, and every epoch only adds them up.
  SignedPatchSums<Scalar> sums(data, samples, batch);
  auto& router = model.mutable_router();
  double flops = 0;
  for (int epoch = 0; epoch < cfg.router_epochs; ++epoch) {
    rng.Shuffle(order);
    for (int start = 0; start < samples; start += batch) {
      const int size = std::min(batch, samples - start);
      // Descent direction for w1: (1/B) sum_b y_b sum_j x_b^(j).
      const Scalar step = Scalar(rate / size);
      sums.AddBatch(data, order.data() + start, size, step,
                    router.row(0).data(), router.row(1).data());
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
