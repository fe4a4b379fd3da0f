#include "sim/train/eval_schedule.h"

#include <algorithm>
#include <cmath>

namespace sim {

EvalSchedule::EvalSchedule(long every, int per_decade)
    : every_(every), per_decade_(per_decade) {}

void EvalSchedule::Advance(long step) {
  // To the first point beyond `step`, skipping duplicates.
  while (next_ <= step) {
    ++index_;
    const double t = std::pow(10.0, double(index_) / per_decade_);
    next_ = std::max(next_ + 1, static_cast<long>(std::ceil(t - 1e-9)));
  }
}

bool EvalSchedule::Due(long step) {
  if (per_decade_ <= 0) return step % every_ == 0;
  if (step < next_) return false;
  Advance(step);
  return true;
}

long CountEvalPoints(long every, int per_decade, long steps) {
  if (per_decade <= 0) return every > 0 ? steps / every : 0;
  EvalSchedule schedule(every, per_decade);
  long count = 0;
  for (long point = 1; point <= steps; point = schedule.next_) {
    ++count;
    schedule.Advance(point);
  }
  return count;
}

}  // namespace sim
