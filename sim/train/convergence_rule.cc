#include "sim/train/convergence_rule.h"

namespace sim {

ConvergenceRule::ConvergenceRule(const TrainConfig& config,
                                 long steps_per_epoch)
    : loss_threshold_(config.stop_train_loss),
      plateau_(config.stop_plateau),
      min_steps_(long(config.stop_min_epochs) * steps_per_epoch) {}

std::string ConvergenceRule::Check(long step,
                                   double train_loss,
                                   double train_error) {
  steps_.push_back(step);
  losses_.push_back(train_loss);
  if (train_error == 0 && train_loss <= loss_threshold_) return "zero_error";
  if (step < min_steps_ || step < 2) return "";
  // The loss at the last evaluation at or before step / 2.
  double earlier = -1;
  for (size_t i = 0; i < steps_.size() && 2 * steps_[i] <= step; ++i)
    earlier = losses_[i];
  // Diminishing returns: the last doubling of steps gained little against
  // the whole fall so far. A loss that falls slowly but steadily (a small
  // step size) keeps a constant share and never counts as a plateau; a loss
  // that never fell gives no evidence either way and runs to the cap, and
  // so does one that rose over the last doubling (an unstable step, as
  // Adam's can be): a rise is not convergence.
  const double total = losses_.front() - train_loss;
  if (earlier < 0 || !(total > 0)) return "";
  const double fall = earlier - train_loss;
  return fall >= 0 && fall < plateau_ * total ? "plateau" : "";
}

}  // namespace sim
