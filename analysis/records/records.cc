#include "analysis/records/records.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "analysis/records/composite_axis.h"
#include "analysis/records/separation_axis.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/grid/record_check.h"
#include "sim/experiment/spec/results_format.h"
#include "sim/experiment/store/record_shape.h"
#include "sim/experiment/store/results_store.h"

namespace sim {
namespace fs = std::filesystem;

bool RunAxisValue(const RunRecord& run, const std::string& axis, double& v) {
  return AxisValueOf(run, axis, v);
}

std::string TargetKey(double eps) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", eps);
  return text;
}

namespace {

// Reads a final metric into `value` if it is a number; a null or missing
// metric was not measured (failed runs write null) and leaves it unchanged.
bool ReadMeasured(const Json& final, const char* key, double& value) {
  const auto it = final.find(key);
  if (it == final.end() || !it->is_number()) return false;
  value = it->get<double>();
  return true;
}

// A number, or NaN where the record holds null (not measured).
double NumberOrNaN(const Json& j) {
  return j.is_number() ? j.get<double>() : std::nan("");
}

std::vector<double> NumbersOrNaN(const Json& j) {
  std::vector<double> out;
  for (const Json& v : j) out.push_back(NumberOrNaN(v));
  return out;
}

// The larger of the train and test data statistics (fmax skips NaN).
void ReadDataStats(const Json& stats, RunRecord& r) {
  for (const char* set : {"train", "test"}) {
    if (!stats.contains(set) || !stats[set].is_object()) continue;
    const Json& s = stats[set];
    r.data_delta_d =
        std::fmax(r.data_delta_d, NumberOrNaN(s.value("delta_d", Json())));
    r.data_delta_r =
        std::fmax(r.data_delta_r, NumberOrNaN(s.value("delta_r", Json())));
    r.data_l_star =
        std::fmax(r.data_l_star, NumberOrNaN(s.value("l_star", Json())));
  }
}

// The proofs' mechanisms where a record measures them: the router curve,
// the coupling, the FLOPs of a step and of the router phase.
void ReadMechanisms(const Json& j, RunRecord& r) {
  if (j.contains("router_curve")) {
    for (const Json& table : j["router_curve"].at("top_gated")) {
      double worst = 1;
      for (size_t c = 0; c < 2; ++c) {
        double best = 0;
        for (const Json& expert : table)
          if (c < expert.size()) best = std::max(best, expert[c].get<double>());
        worst = std::min(worst, best);
      }
      r.curve_router_gated.push_back(worst);
    }
  }
  if (j.contains("curve") && j["curve"].contains("sign_changed"))
    r.curve_sign_changed = NumbersOrNaN(j["curve"]["sign_changed"]);
  if (j.contains("flops") && j["flops"].is_object()) {
    r.step_flops = NumberOrNaN(j["flops"].value("step", Json(nullptr)));
    r.router_flops = j["flops"].value("router", 0.0);
  }
}

}  // namespace

RunRecord ParseRecord(const Json& j) {
  RunRecord r;
  r.run_id = j.at("run_id").get<int>();
  r.model = j.at("model").get<std::string>();
  r.type = j.at("type").get<std::string>();
  r.repeat = j.value("repeat", 0);
  for (auto it = j.at("coords").begin(); it != j.at("coords").end(); ++it) {
    if (it.value().is_number()) r.coords[it.key()] = it.value().get<double>();
  }
  for (auto it = j.at("params").begin(); it != j.at("params").end(); ++it) {
    if (!it.value().is_null()) r.params[it.key()] = it.value().get<double>();
  }
  r.status = j.at("status").get<std::string>();
  r.message = j.value("message", "");
  r.ok = r.status == "ok";
  r.test_error_measured = r.train_error_measured = r.losses_measured = false;
  if (r.ok && j.contains("final") && j["final"].is_object()) {
    const Json& f = j["final"];
    r.test_error_measured = ReadMeasured(f, "test_error", r.test_error);
    r.train_error_measured = ReadMeasured(f, "train_error", r.train_error);
    const bool test_loss = ReadMeasured(f, "test_loss", r.test_loss);
    const bool train_loss = ReadMeasured(f, "train_loss", r.train_loss);
    r.losses_measured = test_loss && train_loss;
  }
  if (j.contains("protocol") && j["protocol"].is_string())
    r.protocol = j["protocol"].get<std::string>();
  if (j.contains("stop") && j["stop"].is_object()) {
    const Json& stop = j["stop"];
    r.has_stop = true;
    r.stop_reason = stop.value("reason", "");
    r.stop_converged = stop.value("converged", false);
  }
  if (j.contains("eta") && j["eta"].is_number() &&
      j.contains("eta_selection") && j["eta_selection"].is_array()) {
    r.eta_chosen = j["eta"].get<double>();
    for (const Json& trial : j["eta_selection"]) {
      const double eta = trial.value("eta", std::nan(""));
      r.eta_lowest = std::fmin(r.eta_lowest, eta);  // fmin skips NaN
      r.eta_highest = std::fmax(r.eta_highest, eta);
    }
  }
  if (j.contains("first_hit_step")) {
    for (auto it = j["first_hit_step"].begin(); it != j["first_hit_step"].end();
         ++it) {
      r.first_hit[it.key()] =
          (r.ok && it.value().is_number()) ? it.value().get<long>() : -1;
    }
  }
  if (j.contains("curve")) {
    const Json& c = j["curve"];
    r.curve_step = c.at("step").get<std::vector<double>>();
    r.curve_test_error = NumbersOrNaN(c.at("test_error"));
    r.curve_test_loss = NumbersOrNaN(c.at("test_loss"));
    r.curve_train_loss = NumbersOrNaN(c.at("train_loss"));
  }
  if (j.contains("alignment")) {
    // null (not measured, e.g. a diverged run's weights) reads as NaN.
    r.local_alignment = NumberOrNaN(j["alignment"].at("local"));
    r.global_alignment = NumberOrNaN(j["alignment"].at("global"));
    r.router_purity = NumberOrNaN(j["alignment"].at("router_purity"));
  }
  if (j.contains("dispatch")) {
    r.dispatch_entropy = NumberOrNaN(j["dispatch"].at("entropy"));
  }
  if (j.contains("data_stats") && j["data_stats"].is_object())
    ReadDataStats(j["data_stats"], r);
  if (j.contains("router")) {
    r.routed = true;
    r.router_recall = j["router"].at("recall").get<double>();
    r.router_top_gated = j["router"].at("top_gated_best").get<double>();
    if (j["router"].contains("signal_rank"))
      r.signal_rank = j["router"]["signal_rank"]
                          .get<std::vector<std::vector<std::vector<double>>>>();
  }
  ReadMechanisms(j, r);
  return r;
}

std::vector<std::string> GridAxes(const Json& spec) {
  std::vector<std::string> axes;
  if (!spec.is_object() || !spec.contains("grid") || !spec["grid"].is_object())
    return axes;
  const Json& g = spec["grid"];
  if (g.contains("axes") && g["axes"].is_object()) {
    for (auto it = g["axes"].begin(); it != g["axes"].end(); ++it)
      axes.push_back(it.key());
  }
  if (g.contains("zip") && g["zip"].is_array()) {
    for (const Json& zip : g["zip"]) {
      if (!zip.is_object()) continue;
      for (auto it = zip.begin(); it != zip.end(); ++it)
        axes.push_back(it.key());
    }
  }
  AddSeparationAxis(axes);
  return axes;
}

void RequireGridAxis(const std::string& axis,
                     const std::string& path,
                     const std::vector<std::string>& axes) {
  if (axis != kSeparationAxis) AxisPath(axis, path);
  if (std::find(axes.begin(), axes.end(), axis) != axes.end()) return;
  std::string known;
  for (const auto& a : axes) known += (known.empty() ? "" : ", ") + ClipName(a);
  ThrowSpecError(path, "must name an axis of the grid (" +
                           (known.empty() ? std::string("none") : known) +
                           "), got \"" + ClipName(axis) + "\"");
}

ResultsSet LoadResults(const std::string& directory) {
  ResultsSet set;
  set.directory = directory;
  const std::string spec_path = directory + "/spec.json";
  if (!fs::exists(fs::symlink_status(spec_path)))
    throw SpecError(directory + ": not a results folder (no spec.json)");
  CheckResultsFiles(directory);
  set.spec = ReadJsonFile(spec_path);
  CheckResultsSpec(set.spec, spec_path);
  std::vector<Json> identities;
  try {
    // A folder of an older results format is read (never resumed into):
    // its spec names that format, which a spec to run may not.
    Json spec = set.spec;
    const int format = StoredResultsFormat(spec);
    if (format >= 1 && format < kResultsFormatVersion)
      spec.erase("results_format");
    identities = SpecIdentities(spec);
  } catch (const SpecError& e) {
    throw SpecError(spec_path + ": " + e.what());
  }
  set.axes = GridAxes(set.spec);
  for (auto it = set.spec["models"].begin(); it != set.spec["models"].end();
       ++it) {
    set.models.push_back(it.key());
  }
  set.targets =
      set.spec["training"].value("targets", std::vector<double>{0.1, 0.05});
  for (const std::string& model : set.models) {
    Json training = set.spec.value("training", Json::object());
    const Json& m = set.spec["models"][model];
    set.model_types[model] = m.value("type", "");
    if (m.contains("training")) training.merge_patch(m["training"]);
    set.own_router_samples[model] =
        training.value("router_data", "training_set") == "independent";
    const Json samples = training.value("router_samples", Json(0));
    if (samples.is_number()) set.router_samples[model] = samples.get<double>();
    const Json validation = training.value("validation_size", Json(0));
    if (validation.is_number() &&
        training.value("learning_rate", Json(0)).is_object())
      set.validation_samples[model] = validation.get<double>();
  }
  const std::string runs_path = directory + "/runs.jsonl";
  const std::vector<Json> records = ReadRecords(runs_path);
  CheckRecordsBelong(records, identities, runs_path);
  set.expected_runs = static_cast<int>(identities.size());
  set.missing = MissingRunIds(records, set.expected_runs);
  try {
    for (const Json& j : records) set.runs.push_back(ParseRecord(j));
  } catch (const Json::exception& e) {
    throw SpecError(runs_path + ": malformed record: " + e.what());
  }
  if (set.runs.empty())
    throw SpecError(directory + ": no finished runs in runs.jsonl");
  AddSeparationCoords(set);
  return set;
}

}  // namespace sim
