#include "sim/train/eval_schedule.h"

#include <algorithm>
#include <cmath>

namespace sim {

EvalSchedule::EvalSchedule(long every, int per_decade)
    : every_(every), per_decade_(per_decade) {}

bool EvalSchedule::Due(long step) {
  if (per_decade_ <= 0) return step % every_ == 0;
  if (step < next_) return false;
  // Advance to the first point beyond `step`, skipping duplicates.
  while (next_ <= step) {
    ++index_;
    const double t = std::pow(10.0, double(index_) / per_decade_);
    next_ = std::max(next_ + 1, static_cast<long>(std::ceil(t - 1e-9)));
  }
  return true;
}

}  // namespace sim
