// Progress of a grid on stderr: a redrawn bar on a terminal, or, when
// stderr is a file or pipe (Slurm, nohup), one line every so often, with an
// ETA (eta.h) from the runs' work (run_work.h), their models and the order
// the runner hands them out. One Progress may span several grids
// (sensitivity), which run one after another.
#pragma once

#include <chrono>
#include <cstdio>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "sim/experiment/run/eta.h"

namespace sim {

enum class ProgressMode { kNone, kBar, kLines };

// A run as planned: its work and its model (runs of a model share a rate).
struct PlannedRun {
  double work;
  std::string model;
};

class Progress {
 public:
  // `grids`: each grid's runs' work in the order the runner hands them out
  // (grid_runner.h: HandOutPlan), grids in the order they run. In line mode
  // a line is printed when `interval_seconds` have passed since the last.
  Progress(ProgressMode mode,
           std::vector<std::vector<PlannedRun>> grids,
           double interval_seconds,
           int threads,
           std::FILE* out = stderr);
  void Start();
  // The next grid starts with these runs pending (in hand-out order) on
  // `threads`; its planned runs beyond them (already recorded) leave the
  // total.
  void BeginGrid(const std::vector<PlannedRun>& pending, int threads);
  // A run started; returns its token for Finished (not thread-safe: the
  // runner serialises both).
  int Started(const PlannedRun& run);
  void Finished(int token, double wall_seconds, bool failed);
  // The final line (line mode) or the bar's newline.
  void End();

 private:
  double Elapsed() const;
  EtaRun Intern(const PlannedRun& run);
  double Eta() const;
  void Draw();
  void Line();

  ProgressMode mode_;
  int total_ = 0, done_ = 0, failed_ = 0, threads_, next_token_ = 0;
  int line_done_ = -1;  // runs done at the last line
  double total_work_ = 0, done_work_ = 0;
  std::map<std::string, int> kinds_;              // a model's kind for the ETA
  std::vector<double> kind_work_, kind_seconds_;  // finished, per kind
  std::deque<EtaRun> waiting_;                    // the current grid's
  std::deque<std::vector<EtaRun>> planned_;       // grids not begun
  double bar_eta_ = -1, bar_eta_at_ = -1;  // the bar's last ETA, and when
  double interval_, last_line_ = 0;
  std::FILE* out_;
  using Clock = std::chrono::steady_clock;
  std::map<int, std::pair<EtaRun, Clock::time_point>> in_flight_;
  Clock::time_point start_ = Clock::now();
};

}  // namespace sim
