// Synthetic patterns that follow the data model of [P §3] exactly
// (pmoe-paper.md §1.1, data-difficulty.md).
//
// Construction, with an orthonormal basis {u, v, e_1..e_p} drawn once per
// data seed (shared by train and test data):
//   o1 = a v + b u,  o2 = a v - b u,  a = sqrt((1+delta_d)/2),
//   b = sqrt((1-delta_d)/2), so <o1, o2> = delta_d exactly.
//   plain irrelevant q from S_j: q = s_j g v + sqrt(1-g^2) c, g = delta_r/a,
//     s_j = +-1 alternating over sets, c = unit(e_j + r z) with z a unit
//     vector orthogonal to u, v, e_j, uniform on that sphere (a projected
//     Gaussian vector, drawn by PhiloxNormals), and r ~ U(0, set_radius); so
//     |<o_i, q>| = delta_r exactly and <o1 - o2, q> = 0.
//   confuser: q = t alpha u + sqrt(1-alpha^2) c, t = +-1 at random, so
//     |<o_i, q>| = alpha b <= delta_r and |<o1 - o2, q>| = 2 alpha b, which
//     exceeds delta' = (1-delta_d)/2 = b^2 iff alpha > b/2.
#pragma once

#include <vector>

#include "sim/data/pattern_source.h"
#include "sim/data/synthetic/synthetic_config.h"

namespace sim {

class SyntheticPatterns : public PatternSource {
 public:
  // Requires ValidateDataConfig to have passed. `rng` draws the basis.
  SyntheticPatterns(const SyntheticConfig& config, Rng& rng);

  int patch_dim() const override { return config_.patch_dim; }
  int num_sets() const override { return config_.num_sets; }
  void Signal(int y, Rng& rng, Eigen::Ref<Eigen::VectorXd> out) override;
  void Irrelevant(int set, Rng& rng, Eigen::Ref<Eigen::VectorXd> out) override;
  void Confuser(Rng& rng, Eigen::Ref<Eigen::VectorXd> out) override;
  const Eigen::VectorXd& o1() const override { return o1_; }
  const Eigen::VectorXd& o2() const override { return o2_; }

 private:
  // ball_ = unit(e_set + r z) with z orthogonal to u, v and e_set.
  void BallDirection(int set, Rng& rng);

  SyntheticConfig config_;
  Eigen::VectorXd u_, v_, o1_, o2_;
  std::vector<Eigen::VectorXd> centres_;  // e_1..e_p
  Eigen::VectorXf g_;                     // scratch, sized once:
  Eigen::VectorXd gd_, z_, ball_;         // g, g in double, z, the ball
};

}  // namespace sim
