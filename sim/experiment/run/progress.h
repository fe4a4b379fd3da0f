// Progress of a grid on stderr: a redrawn bar on a terminal, or, when
// stderr is a file or pipe (Slurm, nohup), one line every so often. The ETA
// comes from the runs' work (run_work.h: training cost plus drawing the
// samples), not their count, at the rate per thread measured on finished
// runs (their own wall times, so idle threads at the start and runs in
// flight do not bias it), with the runs in flight counted at what they
// have left. One Progress may span several grids (sensitivity).
#pragma once

#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace sim {

enum class ProgressMode { kNone, kBar, kLines };

// What the ETA is computed from (a pure function of it: EtaSeconds).
struct EtaInputs {
  double done_work = 0;     // finished runs' work
  double done_seconds = 0;  // their wall times, summed (thread-seconds)
  double waiting_work = 0;  // runs not started
  struct InFlight {
    double work, seconds;  // its work, and how long it has run
  };
  std::vector<InFlight> in_flight;
  int threads = 1;
};

// Seconds left: the waiting work and what the runs in flight have left,
// spread over the threads, but never less than the longest run in flight
// has left; < 0 if no run has finished yet.
double EtaSeconds(const EtaInputs& in);

class Progress {
 public:
  // `total_work`: sum of the pending runs' work. In line mode a line is
  // printed when `interval_seconds` have passed since the last one.
  Progress(ProgressMode mode,
           int total_runs,
           double total_work,
           double interval_seconds,
           int threads,
           std::FILE* out = stderr);
  void Start();
  // A run started; returns its token for Finished (not thread-safe: the
  // runner serialises both).
  int Started(double work);
  void Finished(int token, double wall_seconds, bool failed);
  // Runs counted in the total that will not run (already recorded).
  void Skip(int runs, double work);
  // The final line (line mode) or the bar's newline.
  void End();

 private:
  double Elapsed() const;
  double Eta() const;
  void Draw();
  void Line();

  ProgressMode mode_;
  int total_, done_ = 0, failed_ = 0, threads_, next_token_ = 0;
  int line_done_ = -1;  // runs done at the last line
  double total_work_, done_work_ = 0, done_seconds_ = 0, started_work_ = 0;
  double interval_, last_line_ = 0;
  std::FILE* out_;
  using Clock = std::chrono::steady_clock;
  std::map<int, std::pair<double, Clock::time_point>> in_flight_;
  Clock::time_point start_ = Clock::now();
};

}  // namespace sim
