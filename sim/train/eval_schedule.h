// When the SGD loop evaluates on the test set: every `every` steps (one
// epoch by default, the budget protocol's curves), or on a geometric grid
// of about `per_decade` points per decade of steps (1, 2, 3, ..., then
// ceil(10^(j / per_decade))), so that T* is resolved to a few percent at
// any scale while the number of evaluations grows only as log(steps).
#pragma once

namespace sim {

class EvalSchedule {
 public:
  EvalSchedule(long every, int per_decade);
  // True if `step` (>= 1, called for every step in order) is an
  // evaluation point.
  bool Due(long step);

 private:
  friend long CountEvalPoints(long every, int per_decade, long steps);
  void Advance(long step);

  long every_;
  int per_decade_;
  int index_ = 0;  // geometric: index of the next point
  long next_ = 1;  // geometric: the next point
};

// The evaluation points EvalSchedule(every, per_decade) accepts in steps
// 1 .. steps, counted without visiting every step (for estimates).
long CountEvalPoints(long every, int per_decade, long steps);

}  // namespace sim
