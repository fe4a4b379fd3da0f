#include "sim/experiment/run/eta.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <queue>

namespace sim {
namespace {

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

// Seconds per unit of work on one thread, per kind (every finished run's
// for a kind with none finished).
class Rates {
 public:
  explicit Rates(const EtaInputs& in)
      : in_(in),
        pooled_(
            std::accumulate(
                in.done_seconds.begin(), in.done_seconds.end(), 0.0) /
            std::accumulate(in.done_work.begin(), in.done_work.end(), 0.0)) {}
  bool Known() const { return std::isfinite(pooled_) && pooled_ > 0; }
  double Seconds(const EtaRun& run) const {
    const size_t k = static_cast<size_t>(run.kind);
    const bool own = k < in_.done_work.size() && k < in_.done_seconds.size() &&
                     in_.done_work[k] > 0 && in_.done_seconds[k] > 0;
    return run.work * (own ? in_.done_seconds[k] / in_.done_work[k] : pooled_);
  }

 private:
  const EtaInputs& in_;
  double pooled_;
};

}  // namespace

double EtaSeconds(const EtaInputs& in) {
  const Rates rates(in);
  if (!rates.Known()) return -1;
  std::vector<double> busy;
  for (const EtaInputs::InFlight& f : in.in_flight)
    busy.push_back(std::max(0.0, rates.Seconds(f.run) - f.seconds));
  const auto seconds_of = [&rates](const std::vector<EtaRun>& runs) {
    std::vector<double> seconds;
    for (const EtaRun& run : runs) seconds.push_back(rates.Seconds(run));
    return seconds;
  };
  const std::vector<EtaRun> current =
      in.waiting.empty() ? std::vector<EtaRun>{} : in.waiting[0];
  double eta = ListSchedule(busy, seconds_of(current), in.threads);
  for (size_t grid = 1; grid < in.waiting.size(); ++grid)
    eta += ListSchedule({}, seconds_of(in.waiting[grid]), in.threads);
  return eta;
}

}  // namespace sim
