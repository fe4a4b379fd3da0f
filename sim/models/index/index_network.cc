#include "sim/models/index/index_network.h"

#include <cmath>

#include "sim/data/single_index/single_index_data.h"

namespace sim {

IndexNetwork::IndexNetwork(int neurons, int experts, int dim, Rng& init)
    : experts_(experts),
      per_expert_(neurons / experts),
      w_(neurons, dim),
      a_(neurons),
      prototypes_(Eigen::MatrixXd::Zero(experts, dim)),
      z_(per_expert_) {
  for (int j = 0; j < w_.rows(); ++j) {
    for (int c = 0; c < dim; ++c) w_(j, c) = init.Normal();
    w_.row(j).normalize();
    a_[j] = (j % per_expert_) < per_expert_ / 2 ? 1.0 : -1.0;
  }
}

void IndexNetwork::Activations(int expert,
                               const Eigen::VectorXd& x,
                               int k,
                               Eigen::VectorXd& out) const {
  for (int r = 0; r < per_expert_; ++r)
    out[r] = HermiteNormalized(k, w_.row(expert * per_expert_ + r).dot(x));
}

double IndexNetwork::Forward(int expert, const Eigen::VectorXd& x, int k) {
  double f = 0;
  for (int r = 0; r < per_expert_; ++r) {
    const int j = expert * per_expert_ + r;
    z_[r] = w_.row(j).dot(x);
    f += a_[j] * HermiteNormalized(k, z_[r]);
  }
  return f;
}

void IndexNetwork::SphericalStep(
    int expert, const Eigen::VectorXd& x, double y, int k, double eta) {
  for (int r = 0; r < per_expert_; ++r) {
    const int j = expert * per_expert_ + r;
    // Gradient of -y a_j sigma(z) in w_j: -y a_j sigma'(z) x.
    const double coef = -y * a_[j] * HermiteNormalizedDerivative(k, z_[r]);
    Eigen::VectorXd g = coef * x;
    g -= g.dot(w_.row(j).transpose()) * w_.row(j).transpose();
    w_.row(j) -= eta * g.transpose();
    w_.row(j).normalize();
  }
}

int IndexNetwork::NearestPrototype(const Eigen::VectorXd& x) const {
  int best = 0;
  double best_distance = INFINITY;
  for (int m = 0; m < experts_; ++m) {
    const double distance = (prototypes_.row(m).transpose() - x).squaredNorm();
    if (distance < best_distance) {
      best_distance = distance;
      best = m;
    }
  }
  return best;
}

void IndexNetwork::MovePrototype(int m, const Eigen::VectorXd& x, double rate) {
  prototypes_.row(m) += rate * (x.transpose() - prototypes_.row(m));
}

void IndexNetwork::Alignments(const Eigen::MatrixXd& teacher,
                              double& local,
                              double& global) const {
  const int C = static_cast<int>(teacher.rows()) - 1;
  const Eigen::MatrixXd overlaps = (w_ * teacher.transpose()).cwiseAbs();
  local = 0;
  for (int c = 0; c < C; ++c) local += overlaps.col(c).maxCoeff() / C;
  global = overlaps.col(C).maxCoeff();
}

}  // namespace sim
