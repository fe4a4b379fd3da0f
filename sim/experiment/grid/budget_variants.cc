#include "sim/experiment/grid/budget_variants.h"

#include <cmath>
#include <cstdio>

#include "sim/experiment/grid/grid_spec.h"

namespace sim {
namespace {

std::string FactorText(double f) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", f);
  return text;
}

void RefuseBudgetAxis(const std::string& name, const std::string& path) {
  const std::string target = AxisPath(name, path);
  if (target == "training.learning_rate" || target == "training.epochs" ||
      target == "training.max_steps") {
    ThrowSpecError(path,
                   "budget variants cannot change an axis of the "
                   "learning rate, epochs or max_steps");
  }
}

// Axes whose values a variant would have to change.
void RefuseBudgetAxes(const Json& spec) {
  if (!spec.contains("grid") || !spec["grid"].is_object()) return;
  const Json& grid = spec["grid"];
  if (grid.contains("axes") && grid["axes"].is_object()) {
    for (auto it = grid["axes"].begin(); it != grid["axes"].end(); ++it)
      RefuseBudgetAxis(it.key(), "grid.axes." + it.key());
  }
  if (grid.contains("zip") && grid["zip"].is_array()) {
    for (size_t z = 0; z < grid["zip"].size(); ++z) {
      const Json& zip = grid["zip"][z];
      if (!zip.is_object()) continue;
      for (auto it = zip.begin(); it != zip.end(); ++it) {
        RefuseBudgetAxis(it.key(),
                         "grid.zip[" + std::to_string(z) + "]." + it.key());
      }
    }
  }
}

// A model's effective training options: the spec's, then its own.
Json EffectiveTraining(const Json& spec, const Json& model) {
  Json training = spec.value("training", Json::object());
  if (model.contains("training")) training.merge_patch(model["training"]);
  return training;
}

// The training schema's largest epochs and max_steps.
constexpr double kMaxSteps = 100000000;

// `steps` x `factor`, rounded; refused (naming the option and the model)
// unless it is a whole number of steps the schema accepts.
long ScaledSteps(double steps,
                 double factor,
                 const std::string& model,
                 const char* key) {
  const double scaled = std::round(steps * factor);
  if (!(scaled >= 1 && scaled <= kMaxSteps)) {
    ThrowSpecError("--steps-factor",
                   FactorText(factor) + " makes models." + model +
                       ".training." + key + " " + FactorText(scaled) +
                       "; it must be in [1, " + FactorText(kMaxSteps) + "]");
  }
  return static_cast<long>(scaled);
}

void ScaleSteps(Json& training, double factor, const std::string& model) {
  const std::string protocol = training.value("protocol", "budget");
  if (protocol == "budget") {
    const double epochs = training.value("epochs", 150);
    training["epochs"] = ScaledSteps(epochs, factor, model, "epochs");
  } else if (training.contains("max_steps") &&
             training["max_steps"].is_number()) {
    training["max_steps"] = ScaledSteps(training["max_steps"].get<double>(),
                                        factor, model, "max_steps");
  }
}

void ScaleRate(Json& training, double factor) {
  Json& rate = training["learning_rate"];
  if (rate.is_null()) rate = 0.2;  // TrainConfig's default
  if (rate.is_object() && rate.contains("select") &&
      rate["select"].is_array()) {
    for (Json& candidate : rate["select"])
      if (candidate.is_number()) candidate = candidate.get<double>() * factor;
  } else if (rate.is_number()) {
    rate = rate.get<double>() * factor;
  }
}

template <typename Change>
SpecVariant MakeVariant(const Json& spec,
                        const std::string& label,
                        Change change) {
  SpecVariant v{label, spec};
  v.spec["name"] = spec.value("name", "spec") + "_" + label;
  if (!v.spec.contains("models") || !v.spec["models"].is_object()) return v;
  for (auto it = v.spec["models"].begin(); it != v.spec["models"].end(); ++it) {
    Json training = EffectiveTraining(spec, it.value());
    change(training, it.key());
    it.value()["training"] = training;
  }
  return v;
}

}  // namespace

std::vector<SpecVariant> BudgetVariants(
    const Json& spec,
    double steps_factor,
    const std::vector<double>& eta_factors) {
  RefuseBudgetAxes(spec);
  std::vector<SpecVariant> variants;
  variants.push_back(MakeVariant(spec, "steps_x" + FactorText(steps_factor),
                                 [&](Json& training, const std::string& model) {
                                   ScaleSteps(training, steps_factor, model);
                                 }));
  for (double f : eta_factors) {
    variants.push_back(
        MakeVariant(spec, "eta_x" + FactorText(f),
                    [&](Json& t, const std::string&) { ScaleRate(t, f); }));
  }
  return variants;
}

}  // namespace sim
