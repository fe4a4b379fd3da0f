// Wall-clock seconds since a start, for the timing split of a run.
#pragma once

#include <chrono>

namespace sim {

class Stopwatch {
 public:
  double Seconds() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point start_ = Clock::now();
};

}  // namespace sim
