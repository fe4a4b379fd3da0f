// Progress of a grid on stderr: a redrawn bar on a terminal, or, when
// stderr is a file or pipe (Slurm, nohup), one line every so often. The ETA
// comes from the runs' work (run_work.h: training cost plus drawing the
// samples), not their count, at the rate per thread measured on finished
// runs (their own wall times, so idle threads at the start and runs in
// flight do not bias it). With few threads and runs of unequal size the
// time left is not the work left over the threads (the last long runs
// leave threads idle), so the ETA replays the runner's hand-out of the runs
// not started: in its order, each to the first thread free, after what the
// runs in flight have left. One Progress may span several grids
// (sensitivity), which run one after another.
#pragma once

#include <chrono>
#include <cstdio>
#include <deque>
#include <map>
#include <string>
#include <vector>

namespace sim {

enum class ProgressMode { kNone, kBar, kLines };

// What the ETA is computed from (a pure function of it: EtaSeconds).
struct EtaInputs {
  double done_work = 0;     // finished runs' work
  double done_seconds = 0;  // their wall times, summed (thread-seconds)
  struct InFlight {
    double work, seconds;  // its work, and how long it has run
  };
  std::vector<InFlight> in_flight;
  // The work of the runs not started, in the order the runner hands them
  // out: the current grid's, then each later grid's.
  std::vector<std::vector<double>> waiting;
  int threads = 1;
};

// Seconds until the last run ends: each run not started goes to the first
// thread free (a run in flight holds its thread for what it has left, never
// less than 0), and a later grid starts when the one before has ended; < 0
// if no run has finished yet.
double EtaSeconds(const EtaInputs& in);

class Progress {
 public:
  // `grids`: each grid's runs' work in the order the runner hands them out
  // (grid_runner.h: HandOutWork), grids in the order they run. In line mode
  // a line is printed when `interval_seconds` have passed since the last.
  Progress(ProgressMode mode,
           std::vector<std::vector<double>> grids,
           double interval_seconds,
           int threads,
           std::FILE* out = stderr);
  void Start();
  // The next grid starts with these runs pending (in hand-out order) on
  // `threads`; its planned runs beyond them (already recorded) leave the
  // total.
  void BeginGrid(const std::vector<double>& pending, int threads);
  // A run started; returns its token for Finished (not thread-safe: the
  // runner serialises both).
  int Started(double work);
  void Finished(int token, double wall_seconds, bool failed);
  // The final line (line mode) or the bar's newline.
  void End();

 private:
  double Elapsed() const;
  double Eta() const;
  void Draw();
  void Line();

  ProgressMode mode_;
  int total_ = 0, done_ = 0, failed_ = 0, threads_, next_token_ = 0;
  int line_done_ = -1;  // runs done at the last line
  double total_work_ = 0, done_work_ = 0, done_seconds_ = 0;
  std::vector<double> waiting_;              // the current grid's, in order
  std::deque<std::vector<double>> planned_;  // grids not begun
  double interval_, last_line_ = 0;
  std::FILE* out_;
  using Clock = std::chrono::steady_clock;
  std::map<int, std::pair<double, Clock::time_point>> in_flight_;
  Clock::time_point start_ = Clock::now();
};

}  // namespace sim
