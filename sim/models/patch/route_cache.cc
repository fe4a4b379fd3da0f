#include "sim/models/patch/route_cache.h"

#include <algorithm>

namespace sim {

template <typename Scalar>
std::vector<int> SelectAll(const PatchModel<Scalar>& model,
                           const Dataset<Scalar>& data,
                           Workspace<Scalar>& ws) {
  const int kl = model.num_experts() * model.top_l();
  const int n = data.num_patches;
  std::vector<int> routes(size_t(data.num_samples) * kl);
  for (int first = 0; first < data.num_samples; first += ws.capacity) {
    const int size = std::min(ws.capacity, data.num_samples - first);
    model.SelectPatches(
        data.patches.middleRows(Eigen::Index(first) * n, size * n), size, ws);
    std::copy_n(ws.selected.begin(), size_t(size) * kl,
                routes.begin() + size_t(first) * kl);
  }
  return routes;
}

template std::vector<int> SelectAll<float>(const PatchModel<float>&,
                                           const Dataset<float>&,
                                           Workspace<float>&);
template std::vector<int> SelectAll<double>(const PatchModel<double>&,
                                            const Dataset<double>&,
                                            Workspace<double>&);

}  // namespace sim
