#include "sim/data/synthetic/synthetic_patterns.h"

#include <cmath>

#include "sim/core/orthonormal.h"

namespace sim {
namespace {

Eigen::VectorXd GaussianVector(int d, Rng& rng) {
  Eigen::VectorXd x(d);
  for (int i = 0; i < d; ++i) x[i] = rng.Normal();
  return x;
}

// Removes the components along each (orthonormal) vector in `basis`.
void ProjectOut(const std::vector<const Eigen::VectorXd*>& basis,
                Eigen::VectorXd& x) {
  for (const Eigen::VectorXd* b : basis) x -= b->dot(x) * (*b);
}

}  // namespace

SyntheticPatterns::SyntheticPatterns(const SyntheticConfig& config, Rng& rng)
    : config_(config) {
  const int d = config.patch_dim;
  // Gram-Schmidt (done twice for numerical orthogonality) on Gaussian draws.
  const std::vector<Eigen::VectorXd> basis =
      RandomOrthonormal(config.num_sets + 2, d, rng);
  u_ = basis[0];
  v_ = basis[1];
  centres_.assign(basis.begin() + 2, basis.end());
  const double a = std::sqrt((1.0 + config.delta_d) / 2.0);
  const double b = std::sqrt((1.0 - config.delta_d) / 2.0);
  o1_ = a * v_ + b * u_;
  o2_ = a * v_ - b * u_;
}

void SyntheticPatterns::Signal(int y,
                               Rng& /*rng*/,
                               Eigen::Ref<Eigen::VectorXd> out) {
  out = y > 0 ? o1_ : o2_;
}

Eigen::VectorXd SyntheticPatterns::BallDirection(int set, Rng& rng) const {
  Eigen::VectorXd z = GaussianVector(config_.patch_dim, rng);
  ProjectOut({&u_, &v_, &centres_[set]}, z);
  const double radius = config_.set_radius * rng.Uniform();
  return (centres_[set] + radius * z.normalized()).normalized();
}

void SyntheticPatterns::Irrelevant(int set,
                                   Rng& rng,
                                   Eigen::Ref<Eigen::VectorXd> out) {
  const double a = std::sqrt((1.0 + config_.delta_d) / 2.0);
  const double g = config_.delta_r / a;
  const double sign = (set % 2 == 0) ? 1.0 : -1.0;
  out = sign * g * v_ + std::sqrt(1.0 - g * g) * BallDirection(set, rng);
}

void SyntheticPatterns::Confuser(Rng& rng, Eigen::Ref<Eigen::VectorXd> out) {
  const int set = static_cast<int>(rng.UniformInt(config_.num_sets));
  const double alpha = config_.confuser_strength;
  const double side = rng.Sign();
  out = side * alpha * u_ +
        std::sqrt(1.0 - alpha * alpha) * BallDirection(set, rng);
}

}  // namespace sim
