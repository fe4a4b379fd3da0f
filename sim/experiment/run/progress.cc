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

Progress::Progress(ProgressMode mode,
                   std::vector<std::vector<PlannedRun>> grids,
                   double interval_seconds,
                   int threads,
                   std::FILE* out)
    : mode_(mode), threads_(threads), interval_(interval_seconds), out_(out) {
  for (const std::vector<PlannedRun>& grid : grids) {
    planned_.emplace_back();
    for (const PlannedRun& run : grid) planned_.back().push_back(Intern(run));
    total_ += static_cast<int>(grid.size());
    for (const PlannedRun& run : grid) total_work_ += run.work;
  }
}

EtaRun Progress::Intern(const PlannedRun& run) {
  const auto [it, added] =
      kinds_.emplace(run.model, static_cast<int>(kinds_.size()));
  if (added) {
    kind_work_.push_back(0);
    kind_seconds_.push_back(0);
  }
  return {run.work, it->second};
}

double Progress::Elapsed() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

double Progress::Eta() const {
  EtaInputs in;
  in.done_work = kind_work_;
  in.done_seconds = kind_seconds_;
  in.waiting.emplace_back(waiting_.begin(), waiting_.end());
  in.waiting.insert(in.waiting.end(), planned_.begin(), planned_.end());
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

void Progress::BeginGrid(const std::vector<PlannedRun>& pending, int threads) {
  if (!planned_.empty()) {
    total_ -= static_cast<int>(planned_.front().size());
    for (const EtaRun& run : planned_.front()) total_work_ -= run.work;
    planned_.pop_front();
  }
  total_ += static_cast<int>(pending.size());
  for (const PlannedRun& run : pending) {
    total_work_ += run.work;
    waiting_.push_back(Intern(run));
  }
  threads_ = threads;
}

int Progress::Started(const PlannedRun& planned) {
  const EtaRun run = Intern(planned);
  // Nearly always the first: threads may take their runs out of order.
  const auto it =
      std::find_if(waiting_.begin(), waiting_.end(), [&run](const EtaRun& w) {
        return w.work == run.work && w.kind == run.kind;
      });
  if (it != waiting_.end()) waiting_.erase(it);
  in_flight_[next_token_] = {run, Clock::now()};
  return next_token_++;
}

void Progress::Finished(int token, double wall_seconds, bool failed) {
  const auto it = in_flight_.find(token);
  if (it == in_flight_.end()) return;
  const EtaRun run = it->second.first;
  in_flight_.erase(it);
  ++done_;
  failed_ += failed;
  done_work_ += run.work;
  kind_work_[run.kind] += run.work;
  kind_seconds_[run.kind] += wall_seconds;
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
      total_work_ > 0
          ? std::clamp(int(width * done_work_ / total_work_), 0, width)
          : width;
  // Replaying the hand-out costs a pass over the runs left: at most once a
  // second, counted down in between (grids of many short runs).
  const double elapsed = Elapsed();
  if (bar_eta_ < 0 || elapsed - bar_eta_at_ >= 1 || done_ == total_) {
    bar_eta_ = Eta();
    bar_eta_at_ = elapsed;
  }
  const double eta =
      bar_eta_ < 0 ? -1 : std::max(0.0, bar_eta_ - (elapsed - bar_eta_at_));
  std::fprintf(out_, "\r[%.*s%*s] %d/%d runs, %d failed, %s elapsed, ETA %s ",
               filled, "##############################", width - filled, "",
               done_, total_, failed_, ClockText(elapsed).c_str(),
               ClockText(eta).c_str());
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
