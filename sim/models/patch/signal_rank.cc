#include "sim/models/patch/signal_rank.h"

namespace sim {

template <typename Scalar>
std::vector<std::vector<std::vector<long>>> SignalRanks(
    const PatchModel<Scalar>& model, const Dataset<Scalar>& data) {
  const int n = data.num_patches, k = model.num_experts();
  if (!model.routed() ||
      data.signal_position.size() != size_t(data.num_samples))
    return {};
  std::vector<std::vector<std::vector<long>>> counts(
      k, std::vector<std::vector<long>>(2, std::vector<long>(n, 0)));
  for (int i = 0; i < data.num_samples; ++i) {
    const int signal = data.signal_position[i];
    if (signal < 0 || signal >= n) continue;
    const int c = data.labels[i] > 0 ? 0 : 1;
    // (n, k): every patch's routing value under every router.
    const RowMatrix<Scalar> scores =
        data.patches.middleRows(Eigen::Index(i) * n, n) *
        model.router().transpose();
    for (int s = 0; s < k; ++s) {
      const Scalar g = scores(signal, s);
      int above = 0;
      for (int j = 0; j < n; ++j)
        above += scores(j, s) > g || (scores(j, s) == g && j < signal);
      ++counts[s][c][above];
    }
  }
  return counts;
}

template std::vector<std::vector<std::vector<long>>> SignalRanks<float>(
    const PatchModel<float>&, const Dataset<float>&);
template std::vector<std::vector<std::vector<long>>> SignalRanks<double>(
    const PatchModel<double>&, const Dataset<double>&);

}  // namespace sim
