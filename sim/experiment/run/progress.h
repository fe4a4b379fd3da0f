// Progress of a grid on stderr: a redrawn bar on a terminal, or, when
// stderr is a file or pipe (Slurm, nohup), one line every so often. The ETA
// comes from the runs' cost (epochs x N x patches touched x d x m), not
// their count: the runner starts with the largest runs, so a count-based
// ETA would start far too high.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace sim {

enum class ProgressMode { kNone, kBar, kLines };

class Progress {
 public:
  // `total_cost`: sum of the pending runs' costs. In line mode a line is
  // printed when `interval_seconds` have passed since the last one.
  Progress(ProgressMode mode,
           int total_runs,
           double total_cost,
           double interval_seconds,
           std::FILE* out = stderr);
  void Start();
  // One run finished (not thread-safe: the runner serialises).
  void Finished(double cost, bool failed);
  // The final line (line mode) or the bar's newline.
  void End();

  // Seconds left at the rate so far, from cost; < 0 if not yet known.
  static double Eta(double done_cost, double total_cost, double elapsed);

 private:
  double Elapsed() const;
  void Draw();
  void Line();

  ProgressMode mode_;
  int total_, done_ = 0, failed_ = 0;
  int line_done_ = -1;  // runs done at the last line
  double total_cost_, done_cost_ = 0, interval_, last_line_ = 0;
  std::FILE* out_;
  std::chrono::steady_clock::time_point start_ =
      std::chrono::steady_clock::now();
};

}  // namespace sim
