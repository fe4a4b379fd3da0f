// The single-index MoE's router learned from the task's loss (the notes'
// recipe for Kawata et al. 2025, an inferred design): the experts frozen,
// each expert's second layer fitted by ridge regression on the samples
// routed to it, and linear logits theta_m^T x (top-1 routing) trained by
// SGD on the squared loss, either straight through the top-1 choice (the
// backward pass through the softmax mixture) or towards the expert of
// lowest loss on each sample (a multinomial logistic step), each step
// normalised by |x|^2. Training runs
// in rounds: round 0 routes at random and only fits the heads; every later
// round routes by the logits, steps them, and refits the heads on what it
// routed (so a slight routing bias grows into specialisation, as in hard
// EM).
#pragma once

#include <Eigen/Core>
#include <vector>

#include "sim/core/rng.h"
#include "sim/models/index/index_network.h"

namespace sim {

enum class IndexRouterRule { kCompetitive, kStraightThrough, kLowestLoss };

class LossRouter {
 public:
  LossRouter(
      int experts, int per_expert, int dim, IndexRouterRule rule, double ridge);

  // argmax_m theta_m^T x, ties (theta = 0 at first) uniformly at random.
  int Route(const Eigen::VectorXd& x, Rng& ties) const;
  // One sample of stage 2 routed to `expert`: its head statistics and, past
  // round 0, one step of the logits.
  void Learn(const IndexNetwork& net,
             int expert,
             const Eigen::VectorXd& x,
             double y,
             int k,
             double rate,
             bool step);
  // Refits every head on the statistics since the last refit.
  void RefitHeads();

 private:
  // phi_m(x): the activations of expert m's neurons, into phi_[m].
  void Features(const IndexNetwork& net, const Eigen::VectorXd& x, int k);

  int experts_, per_expert_;
  IndexRouterRule rule_;
  double ridge_;
  Eigen::MatrixXd theta_;                // (M, d)
  std::vector<Eigen::VectorXd> head_;    // M x (J) second layers
  std::vector<Eigen::MatrixXd> gram_;    // M x (J, J) sum phi phi^T
  std::vector<Eigen::VectorXd> moment_;  // M x (J) sum phi y
  std::vector<int> count_;               // samples per expert
  std::vector<Eigen::VectorXd> phi_;     // scratch
};

}  // namespace sim
