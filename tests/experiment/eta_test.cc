#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/experiment/run/progress.h"
#include "sim/experiment/run/speed_probe.h"

using namespace sim;

TEST_CASE("The ETA comes from the rate per thread of finished runs",
          "[progress]") {
  // Finished: 40 units in 4 thread-seconds (10 a second); 60 units waiting
  // on 2 threads: 3 s, whatever the elapsed time was.
  EtaInputs in;
  in.done_work = 40;
  in.done_seconds = 4;
  in.waiting_work = 60;
  in.threads = 2;
  REQUIRE(EtaSeconds(in) == Approx(3));
  // A run in flight counts with what it has left: 50 units, 1 s in.
  in.in_flight.push_back({50, 1});
  REQUIRE(EtaSeconds(in) == Approx((6 + 4) / 2.0));
  // Never less than the longest run in flight has left.
  in.waiting_work = 0;
  in.in_flight = {{200, 1}};
  REQUIRE(EtaSeconds(in) == Approx(19));
  REQUIRE(EtaSeconds(EtaInputs{}) < 0);  // not known before a run ends
}

TEST_CASE("Progress spans grids: skipped runs leave the total", "[progress]") {
  std::FILE* out = std::tmpfile();
  REQUIRE(out != nullptr);
  {
    Progress progress(ProgressMode::kLines, 6, 60, 0, 2, out);
    progress.Start();
    progress.Skip(2, 20);  // already recorded
    progress.Finished(progress.Started(10), 1, false);
    progress.End();
  }
  std::rewind(out);
  std::string text;
  char buffer[256];
  while (std::fgets(buffer, sizeof(buffer), out)) text += buffer;
  std::fclose(out);
  REQUIRE(text.find("progress: 0/6 runs done") != std::string::npos);
  REQUIRE(text.find("progress: 1/4 runs done") != std::string::npos);
  // 30 units waiting at 10 per thread-second on 2 threads: 1.5 s.
  REQUIRE(text.find("ETA 00:00:02") != std::string::npos);
}

TEST_CASE("The estimate in seconds spreads work over threads", "[validate]") {
  const double rate = 1e9;  // multiply-adds per s
  // Work a thread does in a second, at the runs' share of the GEMM's speed.
  const double unit = rate * kRunEfficiency / kMultiplyAddsPerWork;
  REQUIRE(EstimateGridSeconds({unit, unit, unit, unit}, 2, rate) == Approx(2));
  REQUIRE(EstimateGridSeconds({8 * unit, unit}, 4, rate) == Approx(8));
  REQUIRE(MeasureMultiplyAddsPerSecond(80, 64, 40, 0.01) > 1e6);
}
