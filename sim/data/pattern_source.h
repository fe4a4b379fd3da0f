// Where patch patterns come from. The sample assembly (generator.cc) is the
// same for every source; a source only draws single patterns.
#pragma once

#include <Eigen/Core>

#include "sim/core/rng.h"

namespace sim {

class PatternSource {
 public:
  virtual ~PatternSource() = default;
  virtual int patch_dim() const = 0;
  virtual int num_sets() const = 0;  // p
  // Class-discriminative pattern: o1 for y = +1, o2 for y = -1.
  virtual void Signal(int y, Rng& rng, Eigen::Ref<Eigen::VectorXd> out) = 0;
  // A plain class-irrelevant pattern from set S_set, 0 <= set < p.
  virtual void Irrelevant(int set,
                          Rng& rng,
                          Eigen::Ref<Eigen::VectorXd> out) = 0;
  // A confuser: irrelevant, but delta'-closer to o1 or o2 (random side).
  virtual void Confuser(Rng& rng, Eigen::Ref<Eigen::VectorXd> out) = 0;
  // Reference o1, o2 used to measure delta_d, delta_r and l* (the exact
  // patterns for synthetic data, the class-mean unit prototypes for images).
  virtual const Eigen::VectorXd& o1() const = 0;
  virtual const Eigen::VectorXd& o2() const = 0;
};

}  // namespace sim
