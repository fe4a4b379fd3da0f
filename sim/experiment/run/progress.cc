#include "sim/experiment/run/progress.h"

#include <algorithm>
#include <functional>
#include <queue>

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

// When the last of `seconds` ends, each started on the first thread free;
// `busy` holds when each thread is free (missing threads are free now).
double ListSchedule(std::vector<double> busy,
                    const std::vector<double>& seconds,
                    int threads) {
  busy.resize(std::max<size_t>(busy.size(), std::max(1, threads)), 0.0);
  std::priority_queue<double, std::vector<double>, std::greater<double>> free(
      busy.begin(), busy.end());
  double last = *std::max_element(busy.begin(), busy.end());
  for (double run : seconds) {
    const double end = free.top() + run;
    free.pop();
    free.push(end);
    last = std::max(last, end);
  }
  return last;
}

}  // namespace

double EtaSeconds(const EtaInputs& in) {
  if (!(in.done_work > 0) || !(in.done_seconds > 0)) return -1;
  const double per_work = in.done_seconds / in.done_work;  // on one thread
  std::vector<double> busy;
  for (const EtaInputs::InFlight& run : in.in_flight)
    busy.push_back(std::max(0.0, run.work * per_work - run.seconds));
  const auto seconds_of = [per_work](const std::vector<double>& works) {
    std::vector<double> seconds;
    for (double work : works) seconds.push_back(work * per_work);
    return seconds;
  };
  const std::vector<double> current =
      in.waiting.empty() ? std::vector<double>{} : in.waiting[0];
  double eta = ListSchedule(busy, seconds_of(current), in.threads);
  for (size_t grid = 1; grid < in.waiting.size(); ++grid)
    eta += ListSchedule({}, seconds_of(in.waiting[grid]), in.threads);
  return eta;
}

Progress::Progress(ProgressMode mode,
                   std::vector<std::vector<double>> grids,
                   double interval_seconds,
                   int threads,
                   std::FILE* out)
    : mode_(mode),
      threads_(threads),
      planned_(grids.begin(), grids.end()),
      interval_(interval_seconds),
      out_(out) {
  for (const std::vector<double>& grid : grids) {
    total_ += static_cast<int>(grid.size());
    for (double work : grid) total_work_ += work;
  }
}

double Progress::Elapsed() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

double Progress::Eta() const {
  EtaInputs in;
  in.done_work = done_work_;
  in.done_seconds = done_seconds_;
  in.waiting.push_back(waiting_);
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

void Progress::BeginGrid(const std::vector<double>& pending, int threads) {
  if (!planned_.empty()) {
    total_ -= static_cast<int>(planned_.front().size());
    for (double work : planned_.front()) total_work_ -= work;
    planned_.pop_front();
  }
  total_ += static_cast<int>(pending.size());
  for (double work : pending) total_work_ += work;
  waiting_.insert(waiting_.end(), pending.begin(), pending.end());
  threads_ = threads;
}

int Progress::Started(double work) {
  // Nearly always the first: threads may take their runs out of order.
  const auto it = std::find(waiting_.begin(), waiting_.end(), work);
  if (it != waiting_.end()) waiting_.erase(it);
  in_flight_[next_token_] = {work, Clock::now()};
  return next_token_++;
}

void Progress::Finished(int token, double wall_seconds, bool failed) {
  const auto it = in_flight_.find(token);
  if (it == in_flight_.end()) return;
  const double work = it->second.first;
  in_flight_.erase(it);
  ++done_;
  failed_ += failed;
  done_work_ += work;
  done_seconds_ += wall_seconds;
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
