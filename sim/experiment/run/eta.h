// The ETA of a grid, as a pure function of what the progress has seen.
// Each model's runs take the seconds per unit of work (run_work.h) that its
// finished runs took on their thread (their own wall times, so idle threads
// at the start and runs in flight do not bias it); a model with no run
// finished yet takes every finished run's. Measured on the demo, a pMoE run
// needs about 1.25 times a CNN's CPU seconds per unit of work, the same at
// every n, so one rate for all made the ETA optimistic while the CNNs ran.
// With few threads and runs of unequal size the time left is not the work
// left over the threads (the last long runs leave threads idle), so the ETA
// replays the runner's hand-out of the runs not started: in its order, each
// to the first thread free, after what the runs in flight have left.
#pragma once

#include <vector>

namespace sim {

// A run as the ETA sees it: its work and its kind (index of its model).
struct EtaRun {
  double work;
  int kind;
};

struct EtaInputs {
  // Per kind: the finished runs' work and their wall times summed
  // (thread-seconds).
  std::vector<double> done_work, done_seconds;
  struct InFlight {
    EtaRun run;
    double seconds;  // how long it has run
  };
  std::vector<InFlight> in_flight;
  // The runs not started, in the order the runner hands them out: the
  // current grid's, then each later grid's (grids run one after another).
  std::vector<std::vector<EtaRun>> waiting;
  int threads = 1;
};

// Seconds until the last run ends: each run not started goes to the first
// thread free (a run in flight holds its thread for what it has left, never
// less than 0), and a later grid starts when the one before has ended; < 0
// if no run has finished yet.
double EtaSeconds(const EtaInputs& in);

}  // namespace sim
