#include "analysis/records.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "sim/experiment/results_store.h"

namespace sim {

std::string TargetKey(double eps) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", eps);
  return text;
}

namespace {

// A number, or NaN where the record holds null (not measured).
double NumberOrNaN(const Json& j) {
  return j.is_number() ? j.get<double>() : std::nan("");
}

std::vector<double> NumbersOrNaN(const Json& j) {
  std::vector<double> out;
  for (const Json& v : j) out.push_back(NumberOrNaN(v));
  return out;
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
    r.params[it.key()] = it.value().get<double>();
  }
  r.status = j.at("status").get<std::string>();
  r.message = j.value("message", "");
  r.ok = r.status == "ok";
  if (r.ok) {
    const Json& f = j.at("final");
    r.test_error = NumberOrNaN(f.at("test_error"));
    r.train_error = NumberOrNaN(f.at("train_error"));
    r.test_loss = NumberOrNaN(f.at("test_loss"));
    r.train_loss = NumberOrNaN(f.at("train_loss"));
  }
  r.protocol = j.value("protocol", "budget");
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
    r.local_alignment = j["alignment"].at("local").get<double>();
    r.global_alignment = j["alignment"].at("global").get<double>();
    r.router_purity = j["alignment"].at("router_purity").get<double>();
  }
  if (j.contains("dispatch")) {
    r.dispatch_entropy = j["dispatch"].at("entropy").get<double>();
  }
  if (j.contains("router")) {
    r.routed = true;
    r.router_recall = j["router"].at("recall").get<double>();
    r.router_top_gated = j["router"].at("top_gated_best").get<double>();
  }
  return r;
}

ResultsSet LoadResults(const std::string& directory) {
  namespace fs = std::filesystem;
  ResultsSet set;
  set.directory = directory;
  std::ifstream in(directory + "/spec.json");
  if (!in) throw SpecError(directory + ": not a results folder (no spec.json)");
  try {
    set.spec = Json::parse(in);
  } catch (const std::exception& e) {
    throw SpecError(directory + "/spec.json: " + e.what());
  }
  if (set.spec.contains("grid")) {
    const Json& g = set.spec["grid"];
    if (g.contains("axes")) {
      for (auto it = g["axes"].begin(); it != g["axes"].end(); ++it)
        set.axes.push_back(it.key());
    }
    if (g.contains("zip")) {
      for (const Json& zip : g["zip"]) {
        for (auto it = zip.begin(); it != zip.end(); ++it)
          set.axes.push_back(it.key());
      }
    }
  }
  for (auto it = set.spec["models"].begin(); it != set.spec["models"].end();
       ++it) {
    set.models.push_back(it.key());
  }
  set.targets =
      set.spec["training"].value("targets", std::vector<double>{0.1, 0.05});
  for (const std::string& model : set.models) {
    Json training = set.spec.value("training", Json::object());
    const Json& m = set.spec["models"][model];
    if (m.contains("training")) training.merge_patch(m["training"]);
    set.own_router_samples[model] =
        training.value("router_data", "training_set") == "independent";
  }
  try {
    for (const Json& j : ReadJsonLines(directory + "/runs.jsonl"))
      set.runs.push_back(ParseRecord(j));
  } catch (const Json::exception& e) {
    throw SpecError(directory + "/runs.jsonl: malformed record: " + e.what());
  }
  if (set.runs.empty())
    throw SpecError(directory + ": no finished runs in runs.jsonl");
  return set;
}

}  // namespace sim
