#include "sim/experiment/run_config_json.h"

#include <climits>
#include <cmath>
#include <cstdio>

#include "sim/core/check.h"

namespace sim {
namespace {

constexpr int kBig = 100000000;

double InitStd(ObjectReader& reader, const char* key) {
  const Json* value = reader.Member(key);
  if (value == nullptr ||
      (value->is_string() && value->get<std::string>() == "paper")) {
    return -1.0;
  }
  if (!value->is_number() || value->get<double>() < 0) {
    ThrowSpecError(
        reader.PathOf(key),
        "expected \"paper\" or a number >= 0, got " + DescribeJson(*value));
  }
  return value->get<double>();
}

Json InitStdJson(double value) {
  return value < 0 ? Json("paper") : Json(value);
}

std::string TargetKey(double eps) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", eps);
  return text;
}

}  // namespace

const char* ModelTypeName(ModelKind kind) {
  switch (kind) {
    case ModelKind::kCnn:
      return "cnn";
    case ModelKind::kPmoeSeparate:
      return "pmoe_separate";
    case ModelKind::kPmoeJoint:
      return "pmoe_joint";
    case ModelKind::kMoeTopK:
      return "moe_topk";
    case ModelKind::kIndexVanilla:
      return "index_vanilla";
    case ModelKind::kIndexMoe:
      return "index_moe";
  }
  return "cnn";
}

DataConfig ParseDataConfig(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  DataConfig c;
  c.source = r.Choice("source", c.source,
                      {{"synthetic", DataSource::kSynthetic},
                       {"fashion_mnist", DataSource::kFashionMnist},
                       {"clusters", DataSource::kClusters},
                       {"single_index", DataSource::kSingleIndex}});
  c.num_patches = r.Int("num_patches", c.num_patches, 1, 1024);
  c.train_size = r.Int("train_size", c.train_size, 1, kBig);
  c.test_size = r.Int("test_size", c.test_size, 1, kBig);
  c.position = r.Choice("position", c.position,
                        {{"uniform", PositionLaw::kUniform},
                         {"interior", PositionLaw::kInterior}});
  c.noise_std = r.Number("noise_std", c.noise_std);
  if (const Json* s = r.Member("spurious")) {
    ObjectReader sr(*s, r.PathOf("spurious"));
    c.spurious.enabled = sr.Bool("enabled", c.spurious.enabled);
    c.spurious.probability = sr.Number("probability", c.spurious.probability);
    sr.Finish();
  }
  if (const Json* s = r.Member("synthetic")) {
    if (c.source != DataSource::kSynthetic) {
      ThrowSpecError(r.PathOf("synthetic"),
                     "only allowed with \"source\": \"synthetic\"");
    }
    ObjectReader sr(*s, r.PathOf("synthetic"));
    auto& y = c.synthetic;
    y.patch_dim = sr.Int("patch_dim", y.patch_dim, 1, 1 << 20);
    y.num_sets = sr.Int("num_sets", y.num_sets, 1, 1 << 20);
    y.delta_d = sr.Number("delta_d", y.delta_d);
    y.delta_r = sr.Number("delta_r", y.delta_r);
    y.set_radius = sr.Number("set_radius", y.set_radius);
    y.num_confusers = sr.Int("num_confusers", y.num_confusers, 0, 1024);
    y.confuser_strength = sr.Number("confuser_strength", y.confuser_strength);
    sr.Finish();
  }
  if (const Json* s = r.Member("fashion_mnist")) {
    if (c.source != DataSource::kFashionMnist) {
      ThrowSpecError(r.PathOf("fashion_mnist"),
                     "only allowed with \"source\": \"fashion_mnist\"");
    }
    ObjectReader fr(*s, r.PathOf("fashion_mnist"));
    auto& f = c.fashion_mnist;
    f.directory = fr.String("directory", f.directory);
    f.positive_class = fr.Int("positive_class", f.positive_class, 0, 9);
    f.negative_class = fr.Int("negative_class", f.negative_class, 0, 9);
    f.unit_norm = fr.Bool("unit_norm", f.unit_norm);
    fr.Finish();
  }
  if (const Json* s = r.Member("single_index")) {
    if (c.source != DataSource::kSingleIndex) {
      ThrowSpecError(r.PathOf("single_index"),
                     "only allowed with \"source\": \"single_index\"");
    }
    ObjectReader ir(*s, r.PathOf("single_index"));
    auto& k = c.single_index;
    k.dim = ir.Int("dim", k.dim, 1, 1 << 20);
    k.num_clusters = ir.Int("num_clusters", k.num_clusters, 1, 1 << 16);
    k.rho = ir.Number("rho", k.rho);
    k.noise = ir.Number("noise", k.noise);
    k.info_exponent = ir.Int("info_exponent", k.info_exponent, 1, 8);
    ir.Finish();
  }
  if (const Json* s = r.Member("clusters")) {
    if (c.source != DataSource::kClusters) {
      ThrowSpecError(r.PathOf("clusters"),
                     "only allowed with \"source\": \"clusters\"");
    }
    ObjectReader cr(*s, r.PathOf("clusters"));
    auto& k = c.clusters;
    k.patch_dim = cr.Int("patch_dim", k.patch_dim, 1, 1 << 20);
    k.num_clusters = cr.Int("num_clusters", k.num_clusters, 1, 1 << 16);
    k.alpha_min = cr.Number("alpha_min", k.alpha_min);
    k.alpha_max = cr.Number("alpha_max", k.alpha_max);
    k.beta_min = cr.Number("beta_min", k.beta_min);
    k.beta_max = cr.Number("beta_max", k.beta_max);
    k.gamma_min = cr.Number("gamma_min", k.gamma_min);
    k.gamma_max = cr.Number("gamma_max", k.gamma_max);
    k.noise = cr.Number("noise", k.noise);
    k.scale = cr.Number("scale", k.scale);
    cr.Finish();
  }
  r.Finish();
  return c;
}

bool ModelAccepts(const Json& model_json, const std::string& key) {
  if (model_json.contains("type") && (model_json["type"] == "index_vanilla" ||
                                      model_json["type"] == "index_moe")) {
    return key == "type" || key == "neurons" ||
           (key == "num_experts" && model_json["type"] == "index_moe");
  }
  if (model_json.contains("type") && model_json["type"] == "moe_topk") {
    return key == "type" || key == "neurons" || key == "num_experts" ||
           key == "activation" || key == "gate" || key == "bias" ||
           key == "hidden_init_std" || key == "router_noise" || key == "top_k";
  }
  const bool cnn = !model_json.contains("type") || model_json["type"] == "cnn";
  if (key == "num_experts" || key == "top_l" || key == "pooling" ||
      key == "router_init_std") {
    return !cnn;
  }
  if (key == "gate")
    return model_json.contains("type") && model_json["type"] == "pmoe_joint";
  return key == "type" || key == "neurons" || key == "output_init" ||
         key == "hidden_init_std";
}

ModelConfig ParseModelConfig(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  ModelConfig c;
  if (!r.Has("type"))
    ThrowSpecError(
        r.PathOf("type"),
        "is required (\"cnn\", \"pmoe_separate\" or \"pmoe_joint\")");
  c.kind = r.Choice("type", c.kind,
                    {{"cnn", ModelKind::kCnn},
                     {"pmoe_separate", ModelKind::kPmoeSeparate},
                     {"pmoe_joint", ModelKind::kPmoeJoint},
                     {"moe_topk", ModelKind::kMoeTopK},
                     {"index_vanilla", ModelKind::kIndexVanilla},
                     {"index_moe", ModelKind::kIndexMoe}});
  if (c.kind == ModelKind::kIndexVanilla || c.kind == ModelKind::kIndexMoe) {
    c.neurons = r.Int("neurons", 32, 1, kBig);
    c.num_experts =
        c.kind == ModelKind::kIndexMoe ? r.Int("num_experts", 4, 1, 4096) : 1;
    r.Finish();
    return c;
  }
  if (c.kind == ModelKind::kMoeTopK) {
    c.neurons = r.Int("neurons", 128, 1, kBig);
    c.num_experts = r.Int("num_experts", 8, 1, 4096);
    c.activation = r.Choice(
        "activation", c.activation,
        {{"cubic", Activation::kCubic}, {"linear", Activation::kLinear}});
    c.topk_gate = r.Choice("gate", c.topk_gate,
                           {{"softmax", TopKGate::kSoftmax},
                            {"noisy_score", TopKGate::kNoisyScore}});
    c.bias = r.Bool("bias", c.bias);
    c.hidden_init_std = InitStd(r, "hidden_init_std");
    c.router_noise = r.Number("router_noise", c.router_noise);
    c.top_k = r.Int("top_k", c.top_k, 1, 4096);
    r.Finish();
    return c;
  }
  c.neurons = r.Int("neurons", c.neurons, 1, kBig);
  c.output_init = r.Choice("output_init", c.output_init,
                           {{"gaussian", OutputInit::kGaussian},
                            {"sign_per_expert", OutputInit::kSignPerExpert}});
  c.hidden_init_std = InitStd(r, "hidden_init_std");
  if (c.kind != ModelKind::kCnn) {
    c.num_experts =
        r.Int("num_experts", c.kind == ModelKind::kPmoeJoint ? 8 : 2, 1, 4096);
    c.top_l = r.Int("top_l", c.kind == ModelKind::kPmoeJoint ? 6 : 2, 1, 1024);
    c.pooling = r.Choice(
        "pooling", c.pooling,
        {{"paper", Pooling::kPaper}, {"all_patches", Pooling::kAllPatches}});
    c.router_init_std = InitStd(r, "router_init_std");
  } else {
    c.num_experts = 1;
  }
  if (c.kind == ModelKind::kPmoeJoint) {
    c.gate =
        r.Choice("gate", c.gate,
                 {{"softmax_top_l", GateVariant::kSoftmaxTopL},
                  {"softmax_all_patches", GateVariant::kSoftmaxAllPatches}});
  }
  r.Finish();
  return c;
}

namespace {

// "learning_rate": a number, or {"select": [candidates]} (selection on the
// validation set; learning_rate is then the first candidate).
void ParseLearningRate(ObjectReader& r, TrainConfig& c) {
  const Json* value = r.Member("learning_rate");
  if (value == nullptr || !value->is_object()) {
    c.learning_rate = r.Number("learning_rate", c.learning_rate);
    return;
  }
  const std::string path = r.PathOf("learning_rate");
  ObjectReader select(*value, path);
  const Json* list = select.Member("select");
  if (list == nullptr || !list->is_array() || list->empty()) {
    ThrowSpecError(path + ".select",
                   "expected a non-empty array of learning rates > 0");
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const Json& v = (*list)[i];
    if (!v.is_number() || !(v.get<double>() > 0)) {
      ThrowSpecError(path + ".select[" + std::to_string(i) + "]",
                     "expected a number > 0, got " + DescribeJson(v));
    }
    c.learning_rate_candidates.push_back(v.get<double>());
  }
  select.Finish();
  c.learning_rate = c.learning_rate_candidates.front();
}

// The training protocol and its options (docs/protocols.md).
void ParseProtocol(ObjectReader& r, TrainConfig& c) {
  c.protocol = r.Choice("protocol", c.protocol,
                        {{"budget", Protocol::kBudget},
                         {"online", Protocol::kOnline},
                         {"converged", Protocol::kConverged}});
  c.max_steps = r.Int("max_steps", 0, 0, kBig);
  c.validation_size = r.Int("validation_size", 0, 0, kBig);
  c.eval_points_per_decade =
      r.Int("eval_points_per_decade", c.protocol == Protocol::kBudget ? 0 : 16,
            0, 1000);
  c.stop_train_loss = r.Number("stop_train_loss", c.stop_train_loss);
  c.stop_plateau = r.Number("stop_plateau", c.stop_plateau);
  c.stop_min_epochs = r.Int("stop_min_epochs", c.stop_min_epochs, 0, kBig);
}

}  // namespace

TrainConfig ParseTrainConfig(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  TrainConfig c;
  ParseLearningRate(r, c);
  c.batch_size = r.Int("batch_size", c.batch_size, 1, kBig);
  c.epochs = r.Int("epochs", c.epochs, 1, kBig);
  c.shuffle = r.Bool("shuffle", c.shuffle);
  c.expert_update = r.Choice(
      "expert_update", c.expert_update,
      {{"sgd", ExpertUpdate::kSgd}, {"normalized", ExpertUpdate::kNormalized}});
  c.eval_every = r.Int("eval_every", c.eval_every, 0, kBig);
  if (const Json* t = r.Member("targets")) {
    if (!t->is_array() || t->empty()) {
      ThrowSpecError(r.PathOf("targets"),
                     "expected a non-empty array of numbers in [0, 1]");
    }
    c.targets.clear();
    for (size_t i = 0; i < t->size(); ++i) {
      const Json& v = (*t)[i];
      if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1) {
        ThrowSpecError(r.PathOf("targets") + "[" + std::to_string(i) + "]",
                       "expected a number in [0, 1], got " + DescribeJson(v));
      }
      c.targets.push_back(v.get<double>());
    }
  }
  c.early_stop_rise = r.Number("early_stop_rise", c.early_stop_rise);
  c.router_learning_rate =
      r.Number("router_learning_rate", c.router_learning_rate);
  c.router_batch_size =
      r.Int("router_batch_size", c.router_batch_size, 1, kBig);
  c.router_epochs = r.Int("router_epochs", c.router_epochs, 1, kBig);
  c.router_samples = r.Int("router_samples", c.router_samples, 0, kBig);
  c.cache_routes = r.Bool("cache_routes", c.cache_routes);
  c.router_data = r.Choice("router_data", c.router_data,
                           {{"training_set", RouterData::kTrainingSet},
                            {"independent", RouterData::kIndependent}});
  ParseProtocol(r, c);
  r.Finish();
  return c;
}

Precision ParsePrecision(const Json* json, const std::string& path) {
  if (json == nullptr) return Precision::kFloat;
  if (*json == "float") return Precision::kFloat;
  if (*json == "double") return Precision::kDouble;
  ThrowSpecError(path,
                 "must be \"float\" or \"double\", got " + DescribeJson(*json));
}

uint64_t ParseSeed(const Json* json, const std::string& path) {
  if (json == nullptr) return 1;
  const bool non_negative =
      json->is_number_unsigned() ||
      (json->is_number_integer() && json->get<int64_t>() >= 0);
  if (!non_negative) {
    ThrowSpecError(
        path, "expected a non-negative integer, got " + DescribeJson(*json));
  }
  return json->get<uint64_t>();
}

void ValidateAtPaths(const RunConfig& config,
                     const std::string& data_path,
                     const std::string& model_path,
                     const std::string& training_path) {
  try {
    ValidateRunConfig(config);
  } catch (const ConfigError& e) {
    std::string field = e.field();
    const std::string rule = std::string(e.what()).substr(field.size() + 2);
    for (const auto& [prefix, path] :
         {std::pair<std::string, std::string>{"data.", data_path},
          {"model.", model_path},
          {"training.", training_path}}) {
      if (field.rfind(prefix, 0) == 0) {
        field = path + "." + field.substr(prefix.size());
        break;
      }
    }
    ThrowSpecError(field, rule);
  }
}

RunConfig ParseRunConfigFile(const Json& json) {
  ObjectReader r(json, "");
  RunConfig c;
  c.seeds = SeedsFromMaster(ParseSeed(r.Member("seed"), "seed"));
  c.precision = ParsePrecision(r.Member("precision"), "precision");
  const Json* data = r.Member("data");
  const Json* model = r.Member("model");
  const Json* training = r.Member("training");
  if (model == nullptr) ThrowSpecError("model", "is required");
  c.data = ParseDataConfig(data ? *data : Json::object(), "data");
  c.model = ParseModelConfig(*model, "model");
  c.train = ParseTrainConfig(training ? *training : Json::object(), "training");
  r.Finish();
  ValidateAtPaths(c, "data", "model", "training");
  return c;
}

Json ToJson(const DataConfig& c) {
  Json j;
  const bool synthetic = c.source == DataSource::kSynthetic;
  j["source"] = synthetic ? "synthetic" : "fashion_mnist";
  j["num_patches"] = c.num_patches;
  j["train_size"] = c.train_size;
  j["test_size"] = c.test_size;
  j["position"] = c.position == PositionLaw::kUniform ? "uniform" : "interior";
  j["noise_std"] = c.noise_std;
  j["spurious"] = {{"enabled", c.spurious.enabled},
                   {"probability", c.spurious.probability}};
  if (c.source == DataSource::kSingleIndex) {
    j["source"] = "single_index";
    const auto& k = c.single_index;
    j["single_index"] = {{"dim", k.dim},
                         {"num_clusters", k.num_clusters},
                         {"rho", k.rho},
                         {"noise", k.noise},
                         {"info_exponent", k.info_exponent}};
  } else if (c.source == DataSource::kClusters) {
    j["source"] = "clusters";
    const auto& k = c.clusters;
    j["clusters"] = {
        {"patch_dim", k.patch_dim}, {"num_clusters", k.num_clusters},
        {"alpha_min", k.alpha_min}, {"alpha_max", k.alpha_max},
        {"beta_min", k.beta_min},   {"beta_max", k.beta_max},
        {"gamma_min", k.gamma_min}, {"gamma_max", k.gamma_max},
        {"noise", k.noise},         {"scale", k.scale}};
  } else if (synthetic) {
    const auto& s = c.synthetic;
    j["synthetic"] = {{"patch_dim", s.patch_dim},
                      {"num_sets", s.num_sets},
                      {"delta_d", s.delta_d},
                      {"delta_r", s.delta_r},
                      {"set_radius", s.set_radius},
                      {"num_confusers", s.num_confusers},
                      {"confuser_strength", s.confuser_strength}};
  } else {
    const auto& f = c.fashion_mnist;
    j["fashion_mnist"] = {{"directory", f.directory},
                          {"positive_class", f.positive_class},
                          {"negative_class", f.negative_class},
                          {"unit_norm", f.unit_norm}};
  }
  return j;
}

Json ToJson(const ModelConfig& c) {
  Json j;
  j["type"] = ModelTypeName(c.kind);
  if (c.kind == ModelKind::kIndexVanilla || c.kind == ModelKind::kIndexMoe) {
    j["neurons"] = c.neurons;
    if (c.kind == ModelKind::kIndexMoe) j["num_experts"] = c.num_experts;
    return j;
  }
  if (c.kind == ModelKind::kMoeTopK) {
    j["neurons"] = c.neurons;
    j["num_experts"] = c.num_experts;
    j["activation"] = c.activation == Activation::kCubic ? "cubic" : "linear";
    j["gate"] = c.topk_gate == TopKGate::kSoftmax ? "softmax" : "noisy_score";
    j["bias"] = c.bias;
    j["hidden_init_std"] = InitStdJson(c.hidden_init_std);
    j["router_noise"] = c.router_noise;
    j["top_k"] = c.top_k;
    return j;
  }
  j["neurons"] = c.neurons;
  j["output_init"] =
      c.output_init == OutputInit::kGaussian ? "gaussian" : "sign_per_expert";
  j["hidden_init_std"] = InitStdJson(c.hidden_init_std);
  if (c.kind != ModelKind::kCnn) {
    j["num_experts"] = c.num_experts;
    j["top_l"] = c.top_l;
    j["pooling"] = c.pooling == Pooling::kPaper ? "paper" : "all_patches";
    j["router_init_std"] = InitStdJson(c.router_init_std);
  }
  if (c.kind == ModelKind::kPmoeJoint) {
    j["gate"] = c.gate == GateVariant::kSoftmaxTopL ? "softmax_top_l"
                                                    : "softmax_all_patches";
  }
  return j;
}

Json ToJson(const TrainConfig& c) {
  Json j = {
      {"learning_rate", c.learning_rate_candidates.empty()
                            ? Json(c.learning_rate)
                            : Json{{"select", c.learning_rate_candidates}}},
      {"batch_size", c.batch_size},
      {"epochs", c.epochs},
      {"shuffle", c.shuffle},
      {"expert_update",
       c.expert_update == ExpertUpdate::kSgd ? "sgd" : "normalized"},
      {"eval_every", c.eval_every},
      {"targets", c.targets},
      {"router_learning_rate", c.router_learning_rate},
      {"router_batch_size", c.router_batch_size},
      {"router_epochs", c.router_epochs},
      {"router_samples", c.router_samples}};
  // Options added later appear only when set, so that the resolved spec of
  // an older results folder still matches and the folder still resumes.
  if (c.early_stop_rise > 0) j["early_stop_rise"] = c.early_stop_rise;
  if (c.router_data == RouterData::kIndependent)
    j["router_data"] = "independent";
  if (!c.cache_routes) j["cache_routes"] = false;
  if (c.protocol != Protocol::kBudget) {
    j["protocol"] = ProtocolName(c.protocol);
    j["max_steps"] = c.max_steps;
  }
  if (c.protocol == Protocol::kConverged) {
    j["stop_train_loss"] = c.stop_train_loss;
    j["stop_plateau"] = c.stop_plateau;
    j["stop_min_epochs"] = c.stop_min_epochs;
  }
  if (c.eval_points_per_decade > 0)
    j["eval_points_per_decade"] = c.eval_points_per_decade;
  if (c.validation_size > 0) j["validation_size"] = c.validation_size;
  return j;
}

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
    }
    j["eta_selection"] = trials;
  }
  if (train.validation_size > 0) {
    j["validation"] = {{"error", number(r.validation_error)},
                       {"loss", number(r.validation_loss)}};
  }
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
  j["curve"] = curve;
  if (r.routed && r.status == RunStatus::kOk) {
    j["router"] = {{"in_top_l", r.router.in_top_l},
                   {"top_gated", r.router.top_gated},
                   {"recall", r.router.recall},
                   {"top_gated_best", r.router.top_gated_best}};
  }
  if (r.has_alignment) {
    j["alignment"] = {{"local", r.local_alignment},
                      {"global", r.global_alignment},
                      {"router_purity", r.router_purity}};
    Json local = Json::array(), global = Json::array();
    for (const CurvePoint& p : r.curve) {
      local.push_back(p.local_alignment);
      global.push_back(p.global_alignment);
    }
    j["curve"]["local_alignment"] = local;
    j["curve"]["global_alignment"] = global;
  }
  if (r.has_dispatch && r.status == RunStatus::kOk) {
    j["dispatch"] = {{"matrix", r.dispatch}, {"entropy", r.dispatch_entropy}};
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
  AddProtocolFields(r, train, j);
  return j;
}

}  // namespace sim
