// The students' weights and update rules (Kawata et al. 2025, the notes'
// inferred recipe): unit-norm first-layer neurons w (J per expert) with
// activation He_k*/sqrt(k*!) and fixed output signs a = +-1, learning by
// online spherical SGD on the correlation loss -y sum_j a_j sigma(<w_j, x>):
// w <- unit(w - eta (g - <g, w> w)); and, for the MoE, one router
// prototype per expert.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "sim/core/rng.h"

namespace sim {

class IndexNetwork {
 public:
  // w_j ~ unit(N(0, I_d)) drawn from `init` row by row; a_j = +1 for the
  // first half of each expert's neurons, -1 for the rest.
  IndexNetwork(int neurons, int experts, int dim, Rng& init);

  int experts() const { return experts_; }
  int per_expert() const { return per_expert_; }

  // sigma(<w_j, x>) for `expert`'s neurons, into out (J).
  void Activations(int expert,
                   const Eigen::VectorXd& x,
                   int k,
                   Eigen::VectorXd& out) const;
  // f = sum_j a_j sigma(z_j) over `expert`'s neurons, keeping z_j for Step.
  double Forward(int expert, const Eigen::VectorXd& x, int k);
  // One spherical SGD step on `expert`'s neurons for (x, y), after Forward
  // on the same x.
  void SphericalStep(
      int expert, const Eigen::VectorXd& x, double y, int k, double eta);

  int NearestPrototype(const Eigen::VectorXd& x) const;
  void SetPrototype(int m, const Eigen::VectorXd& x) { prototypes_.row(m) = x; }
  // theta_m <- theta_m + rate (x - theta_m) (online competitive learning).
  void MovePrototype(int m, const Eigen::VectorXd& x, double rate);

  // Mean over clusters of the best |<w, w*_c>| (local) and the best
  // |<w, w*_g>| (global); `teacher` rows w*_1..w*_C, w*_g.
  void Alignments(const Eigen::MatrixXd& teacher,
                  double& local,
                  double& global) const;
  bool Finite() const { return w_.allFinite(); }

 private:
  int experts_, per_expert_;
  Eigen::MatrixXd w_;           // (M*J, d), unit rows
  Eigen::VectorXd a_;           // (M*J), +-1
  Eigen::MatrixXd prototypes_;  // (M, d) router (MoE only)
  std::vector<double> z_;       // (J) <w_j, x> of the last Forward
};

}  // namespace sim
