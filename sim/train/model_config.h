// What every model type provides, and the value that holds one model's
// config (RunConfig::model). A model type is a small config struct T in
// its own folder under sim/models/ with
//   static constexpr const char* kType;           its spec name ("cnn")
//   static const FieldSchema<T>& Schema();        its options (JSON-free)
//   static ModelTraits Traits();                  what analysis needs to know,
//                                                 and the per-model training
//                                                 options its learner reads
//   void Validate(const RunConfig& run) const;    throws ConfigError
//   ModelShape Shape(int num_patches) const;      m, k, l, top_k
//   template <typename Scalar>
//   TrainResult Train(const RunConfig&, const DataBundle<Scalar>&,
//                     SampleStream<Scalar>*) const;  usually its learner in
//                                                    SgdLoop (sgd_loop.h)
// and one line in the model registry (sim/experiment/model_registry.cc).
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "sim/core/poly_value.h"
#include "sim/train/train_options.h"
#include "sim/train/train_result.h"

namespace sim {

struct RunConfig;
template <typename Scalar>
struct DataBundle;
template <typename Scalar>
class SampleStream;

// The sizes a record reports and the cost estimate uses.
struct ModelShape {
  int neurons = 0;  // m, all experts together
  int experts = 1;  // k (1 without experts)
  int patches = 0;  // l: patches a sample's experts read (n if all)
  int active = 1;   // experts active per sample (top_k)
};

// Orders of the theory's sufficient sample and iteration counts in one
// parameter (upper bounds; [P] section 4).
struct TheoryExponent {
  double samples = 0;
  double iterations = 0;
};

// Exponents of n, l and k in one of a theorem's sizes (log space, constants
// 1, logs dropped).
struct SizeOrder {
  double n = 0, l = 0, k = 0;
};

// The theorem that covers a model type and the orders in n, l and k of its
// conditions: the width M, the batch B and the one-step lemma's bound on
// eta * m ([P] section 4). The factors in p, delta and eps that every
// theorem shares, and the conditions themselves, are the analysis'
// (analysis/theory/conditions.h).
struct TheoremOrders {
  const char* theorem = "";      // "Theorem 4.3 (CNN)"
  const char* source = "";       // "Theorem 4.3"
  const char* step_source = "";  // "Theorem 4.3 (Lemma I.4)"
  const char* width_name = "";   // "M_C"
  const char* batch_name = "";   // "B_C"
  SizeOrder width, batch, step;
  bool routed = false;          // its router initialisation is a condition
  bool router_samples = false;  // Lemma 4.1 (N_r, l >= l*) is a condition
};

enum class Routing {
  kNone,       // every sample sees the whole model (CNN, single models)
  kPatchHard,  // experts choose patches, gates 1 (separate pMoE)
  kPatchSoft,  // experts choose patches, softmax gates (joint pMoE)
  kSample,     // a router sends each sample to experts (top-k MoE)
};

struct ModelTraits {
  Routing routing = Routing::kNone;
  // Trains routers first on samples of their own kind (Algorithm 1), so
  // training.router_data "independent" gives it a router split.
  bool router_phase = false;
  // The dense model a MoE's sample saving is measured against (the CNN).
  bool dense_baseline = false;
  // Zhao et al. 2024's generalisation-gap bound applies (sparse top-k MoE).
  bool gap_bound = false;
  // The theory's exponent in "n", "l", "k" or "1/eps"; nullopt where it
  // says nothing. `own_router_samples`: routers train on their own N_r.
  std::optional<TheoryExponent> (*theory)(std::string_view param,
                                          bool own_router_samples) = nullptr;
  // The theorem that covers the type, with its conditions' orders; nullopt
  // where none does.
  std::optional<TheoremOrders> theorem;
  // The per-model training options its learner reads (train_options.h);
  // any other given a value other than its default is refused. Default:
  // none (the protocol's options only).
  TrainOptionSet train_options;
  // How it trains, for that refusal: "it trains with plain SGD ...".
  const char* how_it_trains = "";
};

class ModelInterface {
 public:
  virtual ~ModelInterface() = default;
  virtual std::unique_ptr<ModelInterface> Clone() const = 0;
  virtual const char* type() const = 0;
  virtual ModelTraits traits() const = 0;
  virtual void Validate(const RunConfig& run) const = 0;
  virtual ModelShape Shape(int num_patches) const = 0;
  virtual TrainResult Train(const RunConfig& run,
                            const DataBundle<float>& data,
                            SampleStream<float>* stream) const = 0;
  virtual TrainResult Train(const RunConfig& run,
                            const DataBundle<double>& data,
                            SampleStream<double>* stream) const = 0;
};

template <typename T>
class ModelHolder final : public ModelInterface {
 public:
  explicit ModelHolder(T options) : options(std::move(options)) {}
  std::unique_ptr<ModelInterface> Clone() const override {
    return std::make_unique<ModelHolder>(options);
  }
  const char* type() const override { return T::kType; }
  ModelTraits traits() const override { return T::Traits(); }
  void Validate(const RunConfig& run) const override { options.Validate(run); }
  ModelShape Shape(int num_patches) const override {
    return options.Shape(num_patches);
  }
  TrainResult Train(const RunConfig& run,
                    const DataBundle<float>& data,
                    SampleStream<float>* stream) const override {
    return options.template Train<float>(run, data, stream);
  }
  TrainResult Train(const RunConfig& run,
                    const DataBundle<double>& data,
                    SampleStream<double>* stream) const override {
    return options.template Train<double>(run, data, stream);
  }

  T options;
};

// In a model type's .cc: its Train for both precisions (`Owner` is the
// struct that declares Train: T or a base it shares with other types).
#define PMOE_INSTANTIATE_TRAIN(Owner)                                          \
  template TrainResult Owner::Train<float>(                                    \
      const RunConfig&, const DataBundle<float>&, SampleStream<float>*) const; \
  template TrainResult Owner::Train<double>(                                   \
      const RunConfig&, const DataBundle<double>&, SampleStream<double>*)      \
      const

// One model's options, of any registered type.
using ModelConfig = ConfigValue<ModelInterface, ModelHolder>;

}  // namespace sim
