#include "sim/experiment/run/progress.h"

namespace sim {
namespace {

std::string Clock(double seconds) {
  if (seconds < 0) return "--:--:--";
  const long s = static_cast<long>(seconds + 0.5);
  char text[32];
  std::snprintf(text, sizeof(text), "%02ld:%02ld:%02ld", s / 3600,
                (s / 60) % 60, s % 60);
  return text;
}

}  // namespace

Progress::Progress(ProgressMode mode,
                   int total_runs,
                   double total_cost,
                   double interval_seconds,
                   std::FILE* out)
    : mode_(mode),
      total_(total_runs),
      total_cost_(total_cost),
      interval_(interval_seconds),
      out_(out) {}

double Progress::Eta(double done_cost, double total_cost, double elapsed) {
  if (!(done_cost > 0) || !(elapsed > 0)) return -1;
  const double left = total_cost > done_cost ? total_cost - done_cost : 0;
  return left / (done_cost / elapsed);
}

double Progress::Elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                       start_)
      .count();
}

void Progress::Start() {
  start_ = std::chrono::steady_clock::now();
  if (mode_ == ProgressMode::kBar) Draw();
  if (mode_ == ProgressMode::kLines) Line();
}

void Progress::Finished(double cost, bool failed) {
  ++done_;
  failed_ += failed;
  done_cost_ += cost;
  if (mode_ == ProgressMode::kBar) Draw();
  if (mode_ == ProgressMode::kLines && Elapsed() - last_line_ >= interval_)
    Line();
}

void Progress::End() {
  if (mode_ == ProgressMode::kBar) std::fprintf(out_, "\n");
  if (mode_ == ProgressMode::kLines && line_done_ != done_) Line();
  std::fflush(out_);
}

void Progress::Draw() {
  const int width = 30;
  const int filled =
      total_cost_ > 0 ? int(width * done_cost_ / total_cost_) : width;
  const double elapsed = Elapsed();
  std::fprintf(out_, "\r[%.*s%*s] %d/%d runs, %d failed, %s elapsed, ETA %s ",
               filled, "##############################", width - filled, "",
               done_, total_, failed_, Clock(elapsed).c_str(),
               Clock(Eta(done_cost_, total_cost_, elapsed)).c_str());
  std::fflush(out_);
}

void Progress::Line() {
  const double elapsed = Elapsed();
  last_line_ = elapsed;
  line_done_ = done_;
  std::fprintf(out_,
               "progress: %d/%d runs done, %d failed, %.2f runs/s, %s "
               "elapsed, ETA %s\n",
               done_, total_, failed_, elapsed > 0 ? done_ / elapsed : 0.0,
               Clock(elapsed).c_str(),
               Clock(Eta(done_cost_, total_cost_, elapsed)).c_str());
  std::fflush(out_);
}

}  // namespace sim
