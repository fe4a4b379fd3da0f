#include "sim/experiment/run/progress.h"

#include <algorithm>

namespace sim {
namespace {

std::string ClockText(double seconds) {
  if (seconds < 0) return "--:--:--";
  const long s = static_cast<long>(seconds + 0.5);
  char text[32];
  std::snprintf(text, sizeof(text), "%02ld:%02ld:%02ld", s / 3600,
                (s / 60) % 60, s % 60);
  return text;
}

}  // namespace

double EtaSeconds(const EtaInputs& in) {
  if (!(in.done_work > 0) || !(in.done_seconds > 0)) return -1;
  const double rate = in.done_work / in.done_seconds;  // per thread
  double left = in.waiting_work / rate, longest = 0;
  for (const EtaInputs::InFlight& run : in.in_flight) {
    const double run_left = std::max(0.0, run.work / rate - run.seconds);
    left += run_left;
    longest = std::max(longest, run_left);
  }
  return std::max(left / std::max(1, in.threads), longest);
}

Progress::Progress(ProgressMode mode,
                   int total_runs,
                   double total_work,
                   double interval_seconds,
                   int threads,
                   std::FILE* out)
    : mode_(mode),
      total_(total_runs),
      threads_(threads),
      total_work_(total_work),
      interval_(interval_seconds),
      out_(out) {}

double Progress::Elapsed() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

double Progress::Eta() const {
  EtaInputs in;
  in.done_work = done_work_;
  in.done_seconds = done_seconds_;
  in.waiting_work = std::max(0.0, total_work_ - done_work_ - started_work_);
  in.threads = threads_;
  const Clock::time_point now = Clock::now();
  for (const auto& [token, run] : in_flight_)
    in.in_flight.push_back(
        {run.first, std::chrono::duration<double>(now - run.second).count()});
  return EtaSeconds(in);
}

void Progress::Start() {
  start_ = Clock::now();
  if (mode_ == ProgressMode::kBar) Draw();
  if (mode_ == ProgressMode::kLines) Line();
}

int Progress::Started(double work) {
  started_work_ += work;
  in_flight_[next_token_] = {work, Clock::now()};
  return next_token_++;
}

void Progress::Finished(int token, double wall_seconds, bool failed) {
  const auto it = in_flight_.find(token);
  if (it == in_flight_.end()) return;
  const double work = it->second.first;
  in_flight_.erase(it);
  started_work_ -= work;
  ++done_;
  failed_ += failed;
  done_work_ += work;
  done_seconds_ += wall_seconds;
  if (mode_ == ProgressMode::kBar) Draw();
  if (mode_ == ProgressMode::kLines && Elapsed() - last_line_ >= interval_)
    Line();
}

void Progress::Skip(int runs, double work) {
  total_ -= runs;
  total_work_ -= work;
}

void Progress::End() {
  if (mode_ == ProgressMode::kBar) std::fprintf(out_, "\n");
  if (mode_ == ProgressMode::kLines && line_done_ != done_) Line();
  std::fflush(out_);
}

void Progress::Draw() {
  const int width = 30;
  const int filled =
      total_work_ > 0
          ? std::clamp(int(width * done_work_ / total_work_), 0, width)
          : width;
  std::fprintf(out_, "\r[%.*s%*s] %d/%d runs, %d failed, %s elapsed, ETA %s ",
               filled, "##############################", width - filled, "",
               done_, total_, failed_, ClockText(Elapsed()).c_str(),
               ClockText(Eta()).c_str());
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
               ClockText(elapsed).c_str(), ClockText(Eta()).c_str());
  std::fflush(out_);
}

}  // namespace sim
