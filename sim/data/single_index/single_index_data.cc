#include "sim/data/single_index/single_index_data.h"

#include <cmath>

#include "sim/core/orthonormal.h"
#include "sim/core/rng.h"

namespace sim {

double HermiteNormalized(int k, double z) {
  // He_0 = 1, He_1 = z, He_{i+1} = z He_i - i He_{i-1}.
  double previous = 1, current = z;
  if (k == 0) return 1;
  for (int i = 1; i < k; ++i) {
    const double next = z * current - i * previous;
    previous = current;
    current = next;
  }
  return current / std::sqrt(std::tgamma(k + 1.0));
}

double HermiteNormalizedDerivative(int k, double z) {
  // He_k' = k He_{k-1}.
  if (k == 0) return 0;
  return k * HermiteNormalized(k - 1, z) * std::sqrt(std::tgamma(double(k))) /
         std::sqrt(std::tgamma(k + 1.0));
}

namespace {

template <typename Scalar>
Dataset<Scalar> Draw(const SingleIndexConfig& c,
                     int num_samples,
                     const std::vector<Eigen::VectorXd>& means,
                     const Eigen::MatrixXd& teacher,
                     Rng& rng) {
  Dataset<Scalar> data;
  data.num_samples = num_samples;
  data.num_patches = 1;
  data.patch_dim = c.dim;
  data.patches.resize(num_samples, c.dim);
  data.labels.resize(num_samples);
  data.targets.resize(num_samples);
  data.cluster.resize(num_samples);
  data.signal_position.assign(num_samples, 0);
  data.num_close.assign(num_samples, 0);
  Eigen::VectorXd x(c.dim);
  for (int i = 0; i < num_samples; ++i) {
    const int cluster = static_cast<int>(rng.UniformInt(c.num_clusters));
    for (int j = 0; j < c.dim; ++j) x[j] = rng.Normal();
    x += c.rho * means[cluster];
    const double sign = cluster % 2 == 0 ? 1.0 : -1.0;
    const double y =
        HermiteNormalized(c.info_exponent, teacher.row(cluster).dot(x)) +
        sign * HermiteNormalized(c.info_exponent,
                                 teacher.row(c.num_clusters).dot(x)) +
        c.noise * rng.Normal();
    data.patches.row(i) = x.cast<Scalar>().transpose();
    data.targets[i] = y;
    data.labels[i] = y >= 0 ? 1 : -1;
    data.cluster[i] = cluster;
  }
  return data;
}

}  // namespace

template <typename Scalar>
void GenerateSingleIndexData(const DataConfig& config,
                             uint64_t seed,
                             Dataset<Scalar>& train,
                             Dataset<Scalar>& test,
                             Eigen::MatrixXd& teacher) {
  const SingleIndexConfig& c = *config.source.As<SingleIndexConfig>();
  Rng pattern_rng(DeriveSeed(seed, "patterns"));
  // Orthonormal v_1..v_C, w*_1..w*_C, w*_g by Gram-Schmidt.
  const std::vector<Eigen::VectorXd> basis =
      RandomOrthonormal(2 * c.num_clusters + 1, c.dim, pattern_rng);
  const std::vector<Eigen::VectorXd> means(basis.begin(),
                                           basis.begin() + c.num_clusters);
  teacher.resize(c.num_clusters + 1, c.dim);
  for (int i = 0; i <= c.num_clusters; ++i) {
    teacher.row(i) = basis[c.num_clusters + i].transpose();
  }
  Rng train_rng(DeriveSeed(seed, "train"));
  Rng test_rng(DeriveSeed(seed, "test"));
  train = Draw<Scalar>(c, config.train_size, means, teacher, train_rng);
  test = Draw<Scalar>(c, config.test_size, means, teacher, test_rng);
}

template void GenerateSingleIndexData<float>(const DataConfig&,
                                             uint64_t,
                                             Dataset<float>&,
                                             Dataset<float>&,
                                             Eigen::MatrixXd&);
template void GenerateSingleIndexData<double>(const DataConfig&,
                                              uint64_t,
                                              Dataset<double>&,
                                              Dataset<double>&,
                                              Eigen::MatrixXd&);

}  // namespace sim
