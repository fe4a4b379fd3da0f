// Planted records for analysis tests: a run succeeds (test error 0.01, else
// 0.3) iff N exceeds a per-run threshold 20 n^exponent exp(0.15 z), so N*
// grows as n^exponent with a known answer.
#pragma once

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "analysis/records/records.h"
#include "sim/core/rng.h"

namespace sim {

// Records in which a run succeeds (test error 0.01, else 0.3) iff N exceeds
// a per-run threshold c * n^exponent * exp(0.15 z): N* grows as n^exponent.
inline ResultsSet PlantedResults(double cnn_exponent,
                                 double moe_exponent,
                                 std::vector<double> ns = {4, 8, 16, 32},
                                 double n_max = 300000,
                                 double n_factor = 1.5) {
  ResultsSet set;
  set.axes = {"n", "N"};
  set.models = {"cnn", "sep"};
  set.targets = {0.1};
  set.spec = {{"name", "planted"}, {"seed", 1}};
  Rng rng(5);
  int id = 0;
  for (const auto& [model, exponent] :
       {std::pair<std::string, double>{"cnn", cnn_exponent},
        {"sep", moe_exponent}}) {
    for (double n : ns) {
      for (double N = 10; N <= n_max; N *= n_factor) {
        for (int rep = 0; rep < 10; ++rep) {
          RunRecord r;
          r.run_id = id++;
          r.model = model;
          r.type = model == "cnn" ? "cnn" : "pmoe_separate";
          r.coords = {{"n", n}, {"N", std::round(N)}};
          r.params = {
              {"N", std::round(N)}, {"n", n}, {"l", model == "cnn" ? n : 2}};
          r.repeat = rep;
          r.ok = true;
          r.status = "ok";
          const double threshold =
              20 * std::pow(n, exponent) * std::exp(0.15 * rng.Normal());
          r.test_error = std::round(N) >= threshold ? 0.01 : 0.3;
          r.train_error = 0;  // trained out: sample-limited, not optimiser
          const double steps = 5 * std::pow(n, exponent / 2);
          r.first_hit["0.1"] = r.test_error < 0.1 ? long(steps) : -1;
          // An evaluation at step 1 above eps: a hit at `steps` is not at
          // the first evaluation (which would censor T* below).
          r.curve_step = {0, 1, steps};
          r.curve_test_error = {0.5, 0.5, r.test_error};
          r.curve_test_loss = {0.69, 0.69, 0.1};
          r.curve_train_loss = {0.0, 0.2, 0.2};
          r.routed = model != "cnn";
          r.router_recall = 0.9;
          r.router_top_gated = 0.5;
          set.runs.push_back(r);
        }
      }
    }
  }
  return set;
}

}  // namespace sim
