#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/experiment/run/grid_runner.h"
#include "sim/experiment/run/progress.h"
#include "sim/experiment/run/speed_probe.h"

using namespace sim;

namespace {

// 40 units finished in 4 thread-seconds: a unit takes 0.1 s on a thread.
EtaInputs TenUnitsASecond(int threads) {
  EtaInputs in;
  in.done_work = {40};
  in.done_seconds = {4};
  in.threads = threads;
  return in;
}

// Runs of kind 0 with this work each.
std::vector<EtaRun> Runs(const std::vector<double>& work) {
  std::vector<EtaRun> runs;
  for (double w : work) runs.push_back({w, 0});
  return runs;
}

std::string ReadAll(std::FILE* out) {
  std::rewind(out);
  std::string text;
  char buffer[256];
  while (std::fgets(buffer, sizeof(buffer), out)) text += buffer;
  std::fclose(out);
  return text;
}

}  // namespace

TEST_CASE("The ETA comes from the rate per thread of finished runs",
          "[progress]") {
  EtaInputs in = TenUnitsASecond(2);
  in.waiting = {Runs({30, 30})};  // side by side: 3 s, not 6
  REQUIRE(EtaSeconds(in) == Approx(3));
  REQUIRE(EtaSeconds(EtaInputs{}) < 0);  // not known before a run ends
  in.waiting = {};
  REQUIRE(EtaSeconds(in) == Approx(0));  // nothing left
}

TEST_CASE("Equal runs on 2 threads take rounds, not work over threads",
          "[progress]") {
  EtaInputs in = TenUnitsASecond(2);
  in.waiting = {Runs({10, 10, 10, 10})};
  REQUIRE(EtaSeconds(in) == Approx(2));
  in.waiting = {Runs({10, 10, 10})};  // the third runs alone: 2 s, not 1.5
  REQUIRE(EtaSeconds(in) == Approx(2));
  in.threads = 1;
  REQUIRE(EtaSeconds(in) == Approx(3));
}

TEST_CASE("One long run at the tail leaves a thread idle", "[progress]") {
  EtaInputs in = TenUnitsASecond(2);
  // 1 + 1 on each thread, then 4 s on one: 6 s, where work over the
  // threads says 4.
  in.waiting = {Runs({10, 10, 10, 10, 40})};
  REQUIRE(EtaSeconds(in) == Approx(6));
  // Handed out first, the long run overlaps the short ones: 4 s.
  in.waiting = {Runs({40, 10, 10, 10, 10})};
  REQUIRE(EtaSeconds(in) == Approx(4));
}

TEST_CASE("Runs in flight hold their thread for what they have left",
          "[progress]") {
  EtaInputs in = TenUnitsASecond(2);
  in.in_flight = {{{50, 0}, 1}};  // 4 s left; the other thread is free
  in.waiting = {Runs({10, 10})};  // both on the free thread: done at 2 s
  REQUIRE(EtaSeconds(in) == Approx(4));
  in.waiting = {Runs({10, 10, 30})};  // 1 + 1, then 3 on the free thread
  REQUIRE(EtaSeconds(in) == Approx(5));
  // The second frees its thread at 1 s: 1 + 1 + 1 + 3 there.
  in.in_flight = {{{50, 0}, 1}, {{20, 0}, 1}};
  REQUIRE(EtaSeconds(in) == Approx(6));
  in.in_flight = {{{10, 0}, 9}};  // past its prediction: ends now
  in.waiting = {};
  REQUIRE(EtaSeconds(in) == Approx(0));
}

TEST_CASE("A later grid starts when the one before has ended", "[progress]") {
  EtaInputs in = TenUnitsASecond(2);
  in.in_flight = {{{30, 0}, 1}};                              // 2 s left
  in.waiting = {Runs({10}), Runs({10, 10}), {}, Runs({40})};  // 2 + 1 + 0 + 4
  REQUIRE(EtaSeconds(in) == Approx(7));
}

TEST_CASE("Each model runs at its own rate, or all runs' until one ends",
          "[progress]") {
  EtaInputs in = TenUnitsASecond(1);
  // Kind 1 finished 10 units in 3 s: 0.3 s a unit.
  in.done_work = {40, 10};
  in.done_seconds = {4, 3};
  in.waiting = {{{10, 0}, {10, 1}}};
  REQUIRE(EtaSeconds(in) == Approx(1 + 3));
  // Kind 2 has no finished run: all runs' rate, 7 s for 50 units.
  in.waiting = {{{50, 2}}};
  REQUIRE(EtaSeconds(in) == Approx(7));
}

TEST_CASE("Progress spans grids: recorded runs leave the total", "[progress]") {
  std::FILE* out = std::tmpfile();
  REQUIRE(out != nullptr);
  {
    const std::vector<PlannedRun> three = {
        {10, "cnn"}, {10, "cnn"}, {10, "cnn"}};
    Progress progress(ProgressMode::kLines, {three, three}, 0, 2, out);
    progress.Start();
    progress.BeginGrid({{10, "cnn"}}, 2);  // two runs already recorded
    progress.Finished(progress.Started({10, "cnn"}), 1, false);
    progress.End();
  }
  const std::string text = ReadAll(out);
  REQUIRE(text.find("progress: 0/6 runs done") != std::string::npos);
  REQUIRE(text.find("progress: 1/4 runs done") != std::string::npos);
  // The next grid's 3 runs of 1 s on 2 threads: 2 s.
  REQUIRE(text.find("ETA 00:00:02") != std::string::npos);
}

TEST_CASE("The ETA follows the runs as they start, in any order",
          "[progress]") {
  std::FILE* out = std::tmpfile();
  REQUIRE(out != nullptr);
  {
    const std::vector<PlannedRun> plan = {
        {40, "cnn"}, {10, "cnn"}, {10, "pmoe"}};
    Progress progress(ProgressMode::kLines, {plan}, 0, 2, out);
    progress.Start();
    progress.BeginGrid(plan, 2);
    const int second = progress.Started({10, "cnn"});  // taken first
    progress.Started({40, "cnn"});
    // 1 s per 10 units: the pMoE run starts when `second` ends, long before
    // the 40 ends (4 s from now).
    progress.Finished(second, 1, false);
    progress.End();
  }
  REQUIRE(ReadAll(out).find("ETA 00:00:04") != std::string::npos);
}

TEST_CASE("The estimate in seconds spreads work over threads", "[validate]") {
  const double rate = 1e9;  // multiply-adds per s
  // Work a thread does in a second, at the runs' share of the GEMM's speed.
  const double unit = rate * kRunEfficiency / kMultiplyAddsPerWork;
  REQUIRE(EstimateGridSeconds({unit, unit, unit, unit}, 2, rate) == Approx(2));
  REQUIRE(EstimateGridSeconds({8 * unit, unit}, 4, rate) == Approx(8));
  REQUIRE(MeasureMultiplyAddsPerSecond(80, 64, 40, 0.01) > 1e6);
}

TEST_CASE("Runs are handed out each model's smallest first, then most work",
          "[progress]") {
  std::vector<GridRun> grid(6);
  const char* models[] = {"cnn", "cnn", "cnn", "joint", "joint", "sep"};
  const double work[] = {90, 80, 70, 20, 30, 5};
  for (int i = 0; i < 6; ++i) {
    grid[i].run_id = i;
    grid[i].model = models[i];
    grid[i].work = work[i];
  }
  std::vector<const GridRun*> runs;
  for (const GridRun& run : grid) runs.push_back(&run);
  SortForHandOut(runs);
  std::vector<int> order;
  for (const GridRun* run : runs) order.push_back(run->run_id);
  // cnn 70, joint 20, sep 5 (each model's smallest), then the rest by
  // work: cnn 90, cnn 80, joint 30.
  REQUIRE(order == std::vector<int>{2, 3, 5, 0, 1, 4});
}
