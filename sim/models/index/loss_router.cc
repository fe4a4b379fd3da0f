#include "sim/models/index/loss_router.h"

#include <Eigen/Cholesky>
#include <cmath>

namespace sim {

LossRouter::LossRouter(
    int experts, int per_expert, int dim, IndexRouterRule rule, double ridge)
    : experts_(experts),
      per_expert_(per_expert),
      rule_(rule),
      ridge_(ridge),
      theta_(Eigen::MatrixXd::Zero(experts, dim)),
      head_(experts, Eigen::VectorXd::Zero(per_expert)),
      gram_(experts, Eigen::MatrixXd::Zero(per_expert, per_expert)),
      moment_(experts, Eigen::VectorXd::Zero(per_expert)),
      count_(experts, 0),
      phi_(experts, Eigen::VectorXd(per_expert)) {}

int LossRouter::Route(const Eigen::VectorXd& x, Rng& ties) const {
  const Eigen::VectorXd logits = theta_ * x;
  const double best = logits.maxCoeff();
  std::vector<int> argmax;
  for (int m = 0; m < experts_; ++m)
    if (logits[m] == best) argmax.push_back(m);
  return argmax.size() == 1
             ? argmax[0]
             : argmax[static_cast<size_t>(ties.UniformInt(argmax.size()))];
}

void LossRouter::Features(const IndexNetwork& net,
                          const Eigen::VectorXd& x,
                          int k) {
  for (int m = 0; m < experts_; ++m) net.Activations(m, x, k, phi_[m]);
}

void LossRouter::Learn(const IndexNetwork& net,
                       int expert,
                       const Eigen::VectorXd& x,
                       double y,
                       int k,
                       double rate,
                       bool step) {
  Features(net, x, k);
  gram_[expert] += phi_[expert] * phi_[expert].transpose();
  moment_[expert] += y * phi_[expert];
  ++count_[expert];
  if (!step) return;
  Eigen::VectorXd f(experts_), p = theta_ * x;
  for (int m = 0; m < experts_; ++m) f[m] = head_[m].dot(phi_[m]);
  p = (p.array() - p.maxCoeff()).exp();
  p /= p.sum();
  Eigen::VectorXd grad(experts_);  // dLoss / dlogit_m
  if (rule_ == IndexRouterRule::kStraightThrough) {
    // Forward: the routed expert's output; backward: the softmax mixture.
    const double residual = y - f[expert];
    const double mean = p.dot(f);
    for (int m = 0; m < experts_; ++m)
      grad[m] = -residual * p[m] * (f[m] - mean);
  } else {
    int lowest = 0;
    for (int m = 1; m < experts_; ++m)
      if (std::abs(y - f[m]) < std::abs(y - f[lowest])) lowest = m;
    grad = p;
    grad[lowest] -= 1;
  }
  // Normalised by |x|^2 (as normalised LMS), so that one rate serves every
  // dimension d (|x|^2 is about d + rho^2).
  theta_ -= (rate / x.squaredNorm()) * grad * x.transpose();
}

void LossRouter::RefitHeads() {
  for (int m = 0; m < experts_; ++m) {
    if (count_[m] > 0) {
      const Eigen::MatrixXd a =
          gram_[m] + ridge_ * count_[m] *
                         Eigen::MatrixXd::Identity(per_expert_, per_expert_);
      head_[m] = a.ldlt().solve(moment_[m]);
    }
    gram_[m].setZero();
    moment_[m].setZero();
    count_[m] = 0;
  }
}

}  // namespace sim
