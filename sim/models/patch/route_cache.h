// Route caching: the separate pMoE's frozen routers choose each sample's
// patches once per run, and steps and evaluations then read only the k * l
// selected patches (bit-identical to routing at every step).
#pragma once

#include <algorithm>
#include <vector>

#include "sim/data/dataset.h"
#include "sim/models/patch/patch_model.h"

namespace sim {

// Each sample's selection (N, k, l) by the model's (frozen) routers.
template <typename Scalar>
std::vector<int> SelectAll(const PatchModel<Scalar>& model,
                           const Dataset<Scalar>& data,
                           Workspace<Scalar>& ws);

// Samples index(0 .. size) of `data` with their cached routes (N, k, l):
// the selection into ws.selected and where the selected patches are into
// ws.expert_rows, as PatchModel::ForwardSelected expects them.
template <typename Scalar, typename Index>
void LoadRoutedBatch(const Dataset<Scalar>& data,
                     const std::vector<int>& routes,
                     int k,
                     int l,
                     Index index,
                     int size,
                     Workspace<Scalar>& ws) {
  for (int b = 0; b < size; ++b) {
    const int i = index(b);
    const int* route = routes.data() + size_t(i) * k * l;
    std::copy_n(route, k * l, ws.selected.begin() + size_t(b) * k * l);
    for (int s = 0; s < k; ++s) {
      for (int t = 0; t < l; ++t) {
        ws.expert_rows[s][b * l + t] =
            data.patches
                .row(Eigen::Index(i) * data.num_patches + route[s * l + t])
                .data();
      }
    }
  }
}

// Asks the caches for the selected patches of samples index(0 .. size)
// (the next minibatch's, while this one trains): a cached route's rows are
// scattered over the whole set, so each would otherwise wait on memory.
template <typename Scalar, typename Index>
void PrefetchRoutedRows(const Dataset<Scalar>& data,
                        const std::vector<int>& routes,
                        int kl,
                        Index index,
                        int size) {
  constexpr size_t kLine = 64;
  const size_t bytes = sizeof(Scalar) * size_t(data.patch_dim);
  for (int b = 0; b < size; ++b) {
    const int i = index(b);
    const int* route = routes.data() + size_t(i) * kl;
    for (int r = 0; r < kl; ++r) {
      const char* row = reinterpret_cast<const char*>(
          data.patches.row(Eigen::Index(i) * data.num_patches + route[r])
              .data());
      for (size_t offset = 0; offset < bytes; offset += kLine)
        __builtin_prefetch(row + offset);
    }
  }
}

}  // namespace sim
