// The converged protocol's stopping rule: training on a fixed set ends when
// the optimiser is done, so that the final error measures what N samples
// allow and not what a step budget allowed. Checked at each evaluation on
// the full training set: either every sample is fitted with a small loss
// (zero training error and mean loss <= stop_train_loss), or the loss has
// stopped falling: after stop_min_epochs epochs, its fall since the
// evaluation at half the steps is less than the fraction stop_plateau of
// its whole fall since the first evaluation (and not negative: a loss that
// rose is not converged). A slowly but steadily falling loss (a too small
// step) is therefore never taken for convergence.
#pragma once

#include <string>
#include <vector>

#include "sim/train/run_config.h"

namespace sim {

class ConvergenceRule {
 public:
  ConvergenceRule(const TrainConfig& config, long steps_per_epoch);
  // Records the training set's loss and error at `step`; returns the rule
  // that fired ("zero_error", "plateau") or "" if training should go on.
  std::string Check(long step, double train_loss, double train_error);

 private:
  double loss_threshold_, plateau_;
  long min_steps_;
  std::vector<long> steps_;
  std::vector<double> losses_;
};

}  // namespace sim
