#include "sim/data/clusters/cluster_data.h"

#include <cmath>
#include <numeric>

#include "sim/core/orthonormal.h"
#include "sim/core/rng.h"

namespace sim {
namespace {

template <typename Scalar>
Dataset<Scalar> Draw(const DataConfig& config,
                     int num_samples,
                     const std::vector<Eigen::VectorXd>& v,
                     const std::vector<Eigen::VectorXd>& c,
                     Rng& rng) {
  const ClusterConfig& cc = *config.source.As<ClusterConfig>();
  const int n = config.num_patches, d = cc.patch_dim, K = cc.num_clusters;
  auto uniform = [&](double lo, double hi) {
    return lo + (hi - lo) * rng.Uniform();
  };
  Dataset<Scalar> data;
  data.num_samples = num_samples;
  data.num_patches = n;
  data.patch_dim = d;
  data.patches.resize(Eigen::Index(num_samples) * n, d);
  data.labels.resize(num_samples);
  data.signal_position.resize(num_samples);
  data.num_close.assign(num_samples, 0);
  data.cluster.resize(num_samples);
  std::vector<int> order(n);
  Eigen::VectorXd patch(d);
  const double noise = cc.noise / std::sqrt(double(d));
  for (int i = 0; i < num_samples; ++i) {
    const int y = rng.Sign();
    const int k = static_cast<int>(rng.UniformInt(K));
    int other = static_cast<int>(rng.UniformInt(K - 1));
    if (other >= k) ++other;
    const int eps = rng.Sign();
    const double alpha = uniform(cc.alpha_min, cc.alpha_max);
    const double beta = uniform(cc.beta_min, cc.beta_max);
    const double gamma = uniform(cc.gamma_min, cc.gamma_max);
    std::iota(order.begin(), order.end(), 0);
    rng.Shuffle(order);
    for (int slot = 0; slot < n; ++slot) {
      if (slot == 0) {
        patch = y * alpha * v[k];
        data.signal_position[i] = order[slot];
      } else if (slot == 1) {
        patch = beta * c[k];
      } else if (slot == 2) {
        patch = eps * gamma * v[other];
      } else {
        for (int j = 0; j < d; ++j) patch[j] = noise * rng.Normal();
      }
      data.patches.row(Eigen::Index(i) * n + order[slot]) =
          (cc.scale * patch).cast<Scalar>().transpose();
    }
    data.labels[i] = y;
    data.cluster[i] = k;
  }
  return data;
}

}  // namespace

template <typename Scalar>
void GenerateClusterData(const DataConfig& config,
                         uint64_t seed,
                         Dataset<Scalar>& train,
                         Dataset<Scalar>& test) {
  const ClusterConfig& cc = *config.source.As<ClusterConfig>();
  // v_1..v_K then c_1..c_K, Gram-Schmidt on Gaussian draws (as the code).
  Rng pattern_rng(DeriveSeed(seed, "patterns"));
  const std::vector<Eigen::VectorXd> basis =
      RandomOrthonormal(2 * cc.num_clusters, cc.patch_dim, pattern_rng);
  const std::vector<Eigen::VectorXd> v(basis.begin(),
                                       basis.begin() + cc.num_clusters);
  const std::vector<Eigen::VectorXd> c(basis.begin() + cc.num_clusters,
                                       basis.end());
  Rng train_rng(DeriveSeed(seed, "train"));
  Rng test_rng(DeriveSeed(seed, "test"));
  train = Draw<Scalar>(config, config.train_size, v, c, train_rng);
  test = Draw<Scalar>(config, config.test_size, v, c, test_rng);
}

template void GenerateClusterData<float>(const DataConfig&,
                                         uint64_t,
                                         Dataset<float>&,
                                         Dataset<float>&);
template void GenerateClusterData<double>(const DataConfig&,
                                          uint64_t,
                                          Dataset<double>&,
                                          Dataset<double>&);

}  // namespace sim
