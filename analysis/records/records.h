// Typed view of a results folder (runs.jsonl + spec.json), for analysis.
#pragma once

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "sim/experiment/spec/json_reader.h"

namespace sim {

struct RunRecord {
  int run_id = 0;
  std::string model;                     // name in the spec
  std::string type;                      // cnn, pmoe_separate, pmoe_joint
  std::map<std::string, double> coords;  // grid coordinates (nulls dropped)
  std::map<std::string, double> params;  // N, n, d, m, k, l, B, epochs, eta
  int repeat = 0;
  bool ok = false;  // status "ok"; failed runs count as not reaching any target
  std::string status, message;
  // Final metrics; ParseRecord marks a null or missing one "not measured"
  // (flag false) and keeps the default, so an unmeasured test error counts
  // as a failure.
  double test_error = 1, train_error = 1, test_loss = 0, train_loss = 0;
  bool test_error_measured = true, train_error_measured = true;
  bool losses_measured = true;  // both final losses
  // Training protocol ("budget" when the record has none) and, under the
  // online and converged protocols, why the run stopped.
  std::string protocol = "budget";
  bool has_stop = false, stop_converged = false;
  // Learning-rate selection (NaN without): the chosen rate and the range
  // of the candidates.
  double eta_chosen = std::nan(""), eta_lowest = std::nan(""),
         eta_highest = std::nan("");
  std::string stop_reason;
  std::map<std::string, long>
      first_hit;  // target (as written) -> step, -1 never
  std::vector<double> curve_step, curve_test_error, curve_test_loss,
      curve_train_loss;
  bool routed = false;
  double router_recall = 0, router_top_gated = 0;
  // Jointly trained routers, per evaluation (record router_curve): the
  // worst class's best top-gated fraction, min_c max_s top_gated[s][c]
  // (Assumption 4.4 holds on the test set up to the fraction it misses).
  std::vector<double> curve_router_gated;
  // Lemma G.1's coupling per evaluation (curve.sign_changed; empty where
  // the record has none).
  std::vector<double> curve_sign_changed;
  // router.signal_rank [s][c][r]: test samples of class c whose
  // discriminative patch has rank r + 1 under router s (empty if none).
  std::vector<std::vector<std::vector<double>>> signal_rank;
  // flops.step (one SGD step) and flops.router (the router phase); NaN and
  // 0 where the record has none.
  double step_flops = std::nan(""), router_flops = 0;
  double dispatch_entropy = 0;  // top-1 MoE (Chen et al. 2022)
  // Single-index runs (Kawata et al. 2025).
  double local_alignment = 0, global_alignment = 0, router_purity = 0;
  // Data statistics (data_stats; the larger of train and test, NaN where
  // the record has none), for the theorems' conditions: <o1, o2>, the
  // largest |<o_i, q>| and l* (Def. D.3).
  double data_delta_d = std::nan(""), data_delta_r = std::nan(""),
         data_l_star = std::nan("");
  double N() const { return params.at("N"); }
};

struct ResultsSet {
  std::string directory;
  Json spec;                        // resolved spec
  std::vector<std::string> axes;    // grid axis names, in spec order
  std::vector<std::string> models;  // model names, in spec order
  std::vector<double> targets;      // training.targets
  // Each model's type (the spec's models.NAME.type; "" if unknown).
  std::map<std::string, std::string> model_types;
  std::string ModelType(const std::string& model) const {
    const auto it = model_types.find(model);
    return it != model_types.end() ? it->second : "";
  }
  // Models whose routers train on their own samples (router_data
  // "independent"), so N counts only the experts' samples.
  std::map<std::string, bool> own_router_samples;
  bool OwnRouterSamples(const std::string& model) const {
    const auto it = own_router_samples.find(model);
    return it != own_router_samples.end() && it->second;
  }
  // The spec's N_r per model (training.router_samples; 0: all N), before
  // any grid axis over it, and the validation samples that chose each
  // run's learning rate (0 without selection).
  std::map<std::string, double> router_samples, validation_samples;
  std::vector<RunRecord> runs;
  int expected_runs = 0;     // runs of the spec
  std::vector<int> missing;  // run ids of the spec without a record
};

RunRecord ParseRecord(const Json& record);
// The value of `axis` in a run: its grid coordinate, else its parameter (a
// composite such as "n/l" from its factors);
// false if it has neither.
bool RunAxisValue(const RunRecord& run, const std::string& axis, double& v);
// Axis names of a spec's grid (grid.axes, then each grid.zip), in order.
std::vector<std::string> GridAxes(const Json& spec);
// Throws SpecError(`path`: ...) unless `axis` is one of the grid's `axes`: a
// rule about an axis the grid does not vary is a spec error, not a failed
// theory.
void RequireGridAxis(const std::string& axis,
                     const std::string& path,
                     const std::vector<std::string>& axes);
// Loads a results folder; throws SpecError if it is not one, or if a record
// is not a run of its spec (foreign or duplicated). Missing runs are listed,
// not refused: callers decide (analyze warns, check refuses).
ResultsSet LoadResults(const std::string& directory);
// Text key of a target epsilon as written in records ("0.1").
std::string TargetKey(double eps);

}  // namespace sim
