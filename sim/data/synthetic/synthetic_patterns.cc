#include "sim/data/synthetic/synthetic_patterns.h"

#include <cmath>

#include "sim/core/orthonormal.h"
#include "sim/core/philox.h"

namespace sim {
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
  g_.resize(d);
  gd_.resize(d);
  z_.resize(d);
  ball_.resize(d);
}

void SyntheticPatterns::Signal(int y,
                               Rng& /*rng*/,
                               Eigen::Ref<Eigen::VectorXd> out) {
  out = y > 0 ? o1_ : o2_;
}

void SyntheticPatterns::BallDirection(int set, Rng& rng) {
  // z: a Gaussian vector g (d counter-based draws keyed by one word of the
  // data stream) with its components along u, v and e_set removed; as e_set
  // and z are orthogonal, |e_set + r z / |z|| = sqrt(1 + r^2).
  const Eigen::VectorXd& centre = centres_[set];
  PhiloxNormals(rng.NextU64(), g_.data(), size_t(g_.size()));
  const double radius = config_.set_radius * rng.Uniform();
  gd_ = g_.cast<double>();
  const double ug = u_.dot(gd_), vg = v_.dot(gd_), eg = centre.dot(gd_);
  z_ = gd_ - ug * u_ - vg * v_ - eg * centre;
  const double scale = 1.0 / std::sqrt(1.0 + radius * radius);
  ball_ = scale * centre + (scale * radius / z_.norm()) * z_;
}

void SyntheticPatterns::Irrelevant(int set,
                                   Rng& rng,
                                   Eigen::Ref<Eigen::VectorXd> out) {
  const double a = std::sqrt((1.0 + config_.delta_d) / 2.0);
  const double g = config_.delta_r / a;
  const double sign = (set % 2 == 0) ? 1.0 : -1.0;
  BallDirection(set, rng);
  out = sign * g * v_ + std::sqrt(1.0 - g * g) * ball_;
}

void SyntheticPatterns::Confuser(Rng& rng, Eigen::Ref<Eigen::VectorXd> out) {
  const int set = static_cast<int>(rng.UniformInt(config_.num_sets));
  const double alpha = config_.confuser_strength;
  const double side = rng.Sign();
  BallDirection(set, rng);
  out = side * alpha * u_ + std::sqrt(1.0 - alpha * alpha) * ball_;
}

}  // namespace sim
