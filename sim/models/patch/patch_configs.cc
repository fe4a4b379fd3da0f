#include "sim/models/patch/patch_configs.h"

#include <cmath>
#include <string>

#include "sim/core/check.h"
#include "sim/models/patch/patch_learner.h"
#include "sim/train/sgd_loop.h"

namespace sim {
namespace {

constexpr long kBig = 100000000;

// Options every patch model has.
template <typename C>
void AddCommonFields(FieldSchema<C>& s) {
  s.Int("neurons", &C::neurons, 1, kBig)
      .Choice("output_init", &C::output_init,
              {{"gaussian", OutputInit::kGaussian},
               {"sign_per_expert", OutputInit::kSignPerExpert}})
      .InitStd("hidden_init_std", &C::hidden_init_std);
}

// Options of both pMoE variants.
template <typename C>
void AddExpertFields(FieldSchema<C>& s) {
  s.Int("num_experts", &C::num_experts, 1, 4096)
      .Int("top_l", &C::top_l, 1, 1024)
      .Choice(
          "pooling", &C::pooling,
          {{"paper", Pooling::kPaper}, {"all_patches", Pooling::kAllPatches}})
      .InitStd("router_init_std", &C::router_init_std);
}

PatchArchitecture RoutedArchitecture(const PmoeConfig& c) {
  PatchArchitecture a;
  a.routed = true;
  a.neurons = c.neurons;
  a.experts = c.num_experts;
  a.top_l = c.top_l;
  a.output_init = c.output_init;
  a.pooling = c.pooling;
  a.hidden_init_std = c.hidden_init_std;
  a.router_init_std = c.router_init_std;
  return a;
}

// The orders all three share (Thms 4.2, 4.3, 4.5): N ~ p^12 delta^6 /
// eps^16, T ~ p^6 delta^3 / eps^8, with p the irrelevant pattern sets and
// delta = 1 / (1 - max(delta_d^2, delta_r^2)) (eq. 9).
std::optional<TheoryExponent> SharedOrders(std::string_view param) {
  if (param == "1/eps") return TheoryExponent{16, 8};
  if (param == "p") return TheoryExponent{12, 6};
  if (param == "delta") return TheoryExponent{6, 3};
  return std::nullopt;
}

}  // namespace

void ValidateArchitecture(const PatchArchitecture& a, int num_patches) {
  Require(a.neurons >= 1, "neurons", "must be >= 1");
  if (a.routed) {
    Require(a.experts >= 1, "num_experts", "must be >= 1");
    Require(
        a.neurons % a.experts == 0, "neurons",
        "must be divisible by num_experts (" + std::to_string(a.experts) + ")");
    Require(a.top_l >= 1 && a.top_l <= num_patches, "top_l",
            "must satisfy 1 <= top_l <= num_patches (" +
                std::to_string(num_patches) + ")");
  }
  Require(a.hidden_init_std < 0 || std::isfinite(a.hidden_init_std),
          "hidden_init_std", "must be finite (negative = paper default)");
  Require(a.router_init_std < 0 || std::isfinite(a.router_init_std),
          "router_init_std", "must be finite (negative = paper default)");
}

template <typename Derived>
ModelShape PatchModelType<Derived>::Shape(int num_patches) const {
  const PatchArchitecture a =
      static_cast<const Derived&>(*this).Architecture(num_patches);
  return {a.neurons, a.experts, a.top_l, 1};
}

template <typename Derived>
template <typename Scalar>
TrainResult PatchModelType<Derived>::Train(const RunConfig& run,
                                           const DataBundle<Scalar>& data,
                                           SampleStream<Scalar>* stream) const {
  const PatchArchitecture a =
      static_cast<const Derived&>(*this).Architecture(data.train.num_patches);
  return SgdLoop<PatchLearner<Scalar>, Scalar>(run, data, stream, a).Run();
}

// --- CNN --------------------------------------------------------------------

const FieldSchema<CnnConfig>& CnnConfig::Schema() {
  static const FieldSchema<CnnConfig> schema = [] {
    FieldSchema<CnnConfig> s;
    AddCommonFields(s);
    return s;
  }();
  return schema;
}

ModelTraits CnnConfig::Traits() {
  ModelTraits t;
  t.dense_baseline = true;
  t.how_it_trains =
      "it trains with plain SGD at learning_rate and has no router";
  t.theory = [](std::string_view param, bool) -> std::optional<TheoryExponent> {
    if (auto shared = SharedOrders(param)) return shared;
    if (param == "n") return TheoryExponent{8, 4};  // Thm 4.3
    return std::nullopt;
  };
  // M_C ~ n^10, B_C ~ n^4; Lemma I.4's step bound ~ 1/n^2.
  t.theorem = TheoremOrders{"Theorem 4.3 (CNN)",
                            "Theorem 4.3",
                            "Theorem 4.3 (Lemma I.4)",
                            "M_C",
                            "B_C",
                            {10, 0, 0},
                            {4, 0, 0},
                            {-2, 0, 0},
                            false,
                            false};
  return t;
}

PatchArchitecture CnnConfig::Architecture(int num_patches) const {
  PatchArchitecture a;
  a.neurons = neurons;
  a.top_l = num_patches;
  a.output_init = output_init;
  a.hidden_init_std = hidden_init_std;
  return a;
}

void CnnConfig::Validate(const RunConfig& run) const {
  WithFieldPrefix("model.", [&] {
    ValidateArchitecture(Architecture(run.data.num_patches),
                         run.data.num_patches);
  });
}

// --- separate pMoE ----------------------------------------------------------

const FieldSchema<PmoeSeparateConfig>& PmoeSeparateConfig::Schema() {
  static const FieldSchema<PmoeSeparateConfig> schema = [] {
    FieldSchema<PmoeSeparateConfig> s;
    AddCommonFields(s);
    AddExpertFields(s);
    return s;
  }();
  return schema;
}

ModelTraits PmoeSeparateConfig::Traits() {
  ModelTraits t;
  t.routing = Routing::kPatchHard;
  t.router_phase = true;
  // router_phase.cc reads the router_* options, PatchLearner cache_routes.
  t.train_options = {
      TrainOption::kRouterLearningRate, TrainOption::kRouterBatchSize,
      TrainOption::kRouterEpochs,       TrainOption::kRouterSamples,
      TrainOption::kRouterData,         TrainOption::kRouterSchedule,
      TrainOption::kCacheRoutes};
  t.how_it_trains =
      "its routers train first (the router_* options), then its experts "
      "with plain SGD at learning_rate";
  t.theory = [](std::string_view param,
                bool own_router_samples) -> std::optional<TheoryExponent> {
    if (auto shared = SharedOrders(param)) return shared;
    if (param == "l") return TheoryExponent{8, 4};  // Thm 4.2
    // N_S has no n, but the routers need N_r = Omega~(n^2 / (1 - delta_d)^3)
    // samples (Lemma 4.1); when they train on the same samples (N_r = N, as
    // in the official code) the total grows at most as n^2. Router
    // iterations T_r do not depend on n. With their own samples the
    // experts' N_S has no n at all.
    if (param == "n") return TheoryExponent{own_router_samples ? 0.0 : 2.0, 0};
    return std::nullopt;
  };
  // M_S ~ l^10, B_S ~ l^4; Lemma G.4's step bound ~ 1/l^2; Lemma 4.1.
  t.theorem = TheoremOrders{"Theorem 4.2 with Lemma 4.1 (separate pMoE)",
                            "Theorem 4.2",
                            "Theorem 4.2 (Lemma G.4)",
                            "M_S",
                            "B_S",
                            {0, 10, 0},
                            {0, 4, 0},
                            {0, -2, 0},
                            true,
                            true};
  return t;
}

PatchArchitecture PmoeSeparateConfig::Architecture(int) const {
  return RoutedArchitecture(*this);
}

void PmoeSeparateConfig::Validate(const RunConfig& run) const {
  WithFieldPrefix("model.", [&] {
    Require(num_experts >= 1, "num_experts", "must be >= 1");
    Require(num_experts == 2, "num_experts",
            "must be 2 for separate training (Algorithm 1 trains one router "
            "per class)");
    ValidateArchitecture(Architecture(run.data.num_patches),
                         run.data.num_patches);
  });
  Require(run.train.protocol != Protocol::kOnline ||
              run.train.router_data == RouterData::kIndependent,
          "training.router_data",
          "must be \"independent\" under protocol \"online\" (the routers "
          "need N_r samples of their own)");
}

// --- joint pMoE -------------------------------------------------------------

const FieldSchema<PmoeJointConfig>& PmoeJointConfig::Schema() {
  static const FieldSchema<PmoeJointConfig> schema = [] {
    FieldSchema<PmoeJointConfig> s;
    AddCommonFields(s);
    AddExpertFields(s);
    s.Choice("gate", &PmoeJointConfig::gate,
             {{"softmax_top_l", GateVariant::kSoftmaxTopL},
              {"softmax_all_patches", GateVariant::kSoftmaxAllPatches}});
    return s;
  }();
  return schema;
}

ModelTraits PmoeJointConfig::Traits() {
  ModelTraits t;
  t.routing = Routing::kPatchSoft;
  t.how_it_trains =
      "routers and experts train together with plain SGD at learning_rate";
  t.theory = [](std::string_view param, bool) -> std::optional<TheoryExponent> {
    if (auto shared = SharedOrders(param)) return shared;
    if (param == "k") return TheoryExponent{4, 2};  // Thm 4.5
    if (param == "l") return TheoryExponent{6, 2};
    if (param == "n") return TheoryExponent{0, 0};
    return std::nullopt;
  };
  // M_J ~ k^3 n^2 l^6, B_J ~ k^2 l^4; Lemma H.4 (v = eps^2 / l) ~ l / k^2.
  t.theorem = TheoremOrders{"Theorem 4.5 (joint pMoE)",
                            "Theorem 4.5",
                            "Theorem 4.5 (Lemma H.4)",
                            "M_J",
                            "B_J",
                            {2, 6, 3},
                            {0, 4, 2},
                            {0, 1, -2},
                            true,
                            false};
  return t;
}

PatchArchitecture PmoeJointConfig::Architecture(int) const {
  PatchArchitecture a = RoutedArchitecture(*this);
  a.soft_gates = true;
  a.gate = gate;
  return a;
}

void PmoeJointConfig::Validate(const RunConfig& run) const {
  WithFieldPrefix("model.", [&] {
    ValidateArchitecture(Architecture(run.data.num_patches),
                         run.data.num_patches);
  });
}

template struct PatchModelType<CnnConfig>;
template struct PatchModelType<PmoeSeparateConfig>;
template struct PatchModelType<PmoeJointConfig>;
PMOE_INSTANTIATE_TRAIN(PatchModelType<CnnConfig>);
PMOE_INSTANTIATE_TRAIN(PatchModelType<PmoeSeparateConfig>);
PMOE_INSTANTIATE_TRAIN(PatchModelType<PmoeJointConfig>);

}  // namespace sim
