// TrainResult -> JSON: the deterministic part of a result (no wall time).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/experiment/spec/run_config_json.h"

namespace sim {
namespace {

std::string TargetKey(double eps) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", eps);
  return text;
}

}  // namespace

namespace {

// Fields of the training protocols, present only where they apply, so that
// budget-protocol records stay as they were.
void AddProtocolFields(const TrainResult& r,
                       const TrainConfig& train,
                       Json& j) {
  auto number = [](double x) { return std::isfinite(x) ? Json(x) : Json(); };
  if (train.protocol != Protocol::kBudget) {
    j["protocol"] = ProtocolName(train.protocol);
    j["stop"] = {{"reason", r.stop_reason}, {"converged", r.converged}};
    if (!r.stop_rule.empty()) j["stop"]["rule"] = r.stop_rule;
  }
  if (!train.learning_rate_candidates.empty()) {
    j["eta"] = number(r.chosen_learning_rate);
    Json trials = Json::array();
    for (const auto& t : r.learning_rate_trials) {
      trials.push_back({{"eta", t.learning_rate},
                        {"validation_error", number(t.validation_error)},
                        {"score", number(t.validation_score)}});
      if (train.rate_selection == RateSelection::kHalving)
        trials.back()["budget"] = t.budget;
    }
    j["eta_selection"] = trials;
  }
  if (train.validation_size > 0) {
    j["validation"] = {{"error", number(r.validation_error)},
                       {"loss", number(r.validation_loss)}};
  }
}

// The router diagnostics of a finished run: at the end (with the signal's
// ranks where measured) and, for routers that train, at every evaluation.
void WriteRouter(const TrainResult& r, Json& j) {
  if (r.router) {
    j["router"] = {{"in_top_l", r.router->in_top_l},
                   {"top_gated", r.router->top_gated},
                   {"recall", r.router->recall},
                   {"top_gated_best", r.router->top_gated_best}};
    if (!r.router->signal_rank.empty())
      j["router"]["signal_rank"] = r.router->signal_rank;
  }
  if (r.router_curve.empty()) return;
  Json in_top_l = Json::array(), top_gated = Json::array();
  for (const RouterDiagnostics& d : r.router_curve) {
    in_top_l.push_back(d.in_top_l);
    top_gated.push_back(d.top_gated);
  }
  j["router_curve"] = {{"in_top_l", in_top_l}, {"top_gated", top_gated}};
}

}  // namespace

Json ResultToJson(const TrainResult& r, const TrainConfig& train) {
  Json j;
  j["status"] = RunStatusName(r.status);
  j["message"] = r.message;
  j["steps"] = r.steps;
  if (r.stopped_early) j["stopped_early"] = true;
  // A failed or diverged run has no final metrics: null, never a 0.0 that
  // reads as a perfect result.
  const bool ok = r.status == RunStatus::kOk;
  auto metric = [ok](double x) { return ok ? Json(x) : Json(nullptr); };
  j["final"] = {{"train_loss", metric(r.final_train_loss)},
                {"train_error", metric(r.final_train_error)},
                {"test_loss", metric(r.final_test_loss)},
                {"test_error", metric(r.final_test_error)}};
  Json hits = Json::object();
  for (size_t t = 0; t < train.targets.size() && t < r.first_hit_step.size();
       ++t) {
    hits[TargetKey(train.targets[t])] =
        r.first_hit_step[t] < 0 ? Json(nullptr) : Json(r.first_hit_step[t]);
  }
  j["first_hit_step"] = hits;
  Json curve = {{"step", Json::array()},       {"epoch", Json::array()},
                {"train_loss", Json::array()}, {"train_error", Json::array()},
                {"test_loss", Json::array()},  {"test_error", Json::array()}};
  for (const CurvePoint& p : r.curve) {
    curve["step"].push_back(p.step);
    curve["epoch"].push_back(p.epoch);
    curve["train_loss"].push_back(p.train_loss);
    curve["train_error"].push_back(p.train_error);
    curve["test_loss"].push_back(p.test_loss);
    curve["test_error"].push_back(p.test_error);
  }
  if (std::any_of(r.curve.begin(), r.curve.end(), [](const CurvePoint& p) {
        return !std::isnan(p.sign_changed);
      })) {
    for (const CurvePoint& p : r.curve)
      curve["sign_changed"].push_back(p.sign_changed);
  }
  j["curve"] = curve;
  if (r.status == RunStatus::kOk) WriteRouter(r, j);
  if (r.alignment) {
    j["alignment"] = {{"local", r.alignment->local},
                      {"global", r.alignment->global},
                      {"router_purity", r.alignment->router_purity}};
    Json local = Json::array(), global = Json::array();
    for (const CurvePoint& p : r.curve) {
      local.push_back(p.local_alignment);
      global.push_back(p.global_alignment);
    }
    j["curve"]["local_alignment"] = local;
    j["curve"]["global_alignment"] = global;
  }
  if (r.dispatch && r.status == RunStatus::kOk) {
    j["dispatch"] = {{"matrix", r.dispatch->matrix},
                     {"entropy", r.dispatch->entropy}};
  }
  auto stats = [](const DataStats& s) {
    return Json{{"delta_d", s.delta_d},
                {"delta_r", s.delta_r},
                {"l_star", s.l_star},
                {"positive_fraction", s.positive_fraction}};
  };
  j["data_stats"] = {{"train", stats(r.train_stats)},
                     {"test", stats(r.test_stats)}};
  j["flops"] = {{"train", r.train_flops}, {"eval", r.eval_flops}};
  j["flops"]["step"] = r.step_flops;
  if (r.router_flops > 0) j["flops"]["router"] = r.router_flops;
  AddProtocolFields(r, train, j);
  return j;
}

}  // namespace sim
