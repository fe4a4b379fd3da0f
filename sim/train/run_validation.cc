// ValidateRunConfig: the training options' own rules, those that tie them to
// the data, and the model type's (ModelInterface::Validate).
#include <cmath>
#include <string>

#include "sim/core/check.h"
#include "sim/train/run_config.h"

namespace sim {
namespace {

bool Positive(double x) { return x > 0 && std::isfinite(x); }

void ValidateSteps(const TrainConfig& t) {
  Require(Positive(t.learning_rate), "training.learning_rate", "must be > 0");
  Require(t.batch_size >= 1, "training.batch_size", "must be >= 1");
  Require(t.epochs >= 1, "training.epochs", "must be >= 1");
  Require(t.eval_every >= 0, "training.eval_every",
          "must be >= 0 (0 = every epoch)");
  Require(t.early_stop_rise >= 0 && std::isfinite(t.early_stop_rise),
          "training.early_stop_rise", "must be >= 0 (0 = off)");
  Require(t.early_stop_after_epochs >= 0, "training.early_stop_after_epochs",
          "must be >= 0");
  Require(t.adam.beta1 >= 0 && t.adam.beta1 < 1, "training.adam.beta1",
          "must be in [0, 1)");
  Require(t.adam.beta2 >= 0 && t.adam.beta2 < 1, "training.adam.beta2",
          "must be in [0, 1)");
  Require(Positive(t.adam.eps), "training.adam.eps", "must be > 0");
  Require(t.weight_decay >= 0 && std::isfinite(t.weight_decay),
          "training.weight_decay", "must be >= 0");
  Require(t.weight_decay == 0 || t.expert_update == ExpertUpdate::kAdam,
          "training.weight_decay",
          "applies to expert_update \"adam\" only (set it to 0 otherwise)");
  for (double eps : t.targets) {
    Require(eps >= 0 && eps <= 1, "training.targets",
            "every target must be in [0, 1]");
  }
  Require(Positive(t.router_learning_rate), "training.router_learning_rate",
          "must be > 0");
  Require(t.router_batch_size >= 1, "training.router_batch_size",
          "must be >= 1");
  Require(t.router_epochs >= 1, "training.router_epochs", "must be >= 1");
  Require(t.router_samples >= 0, "training.router_samples",
          "must be >= 0 (0 = all N)");
  Require(t.router_data == RouterData::kTrainingSet || t.router_samples >= 1,
          "training.router_samples",
          "must be >= 1 with router_data \"independent\" (it is N_r)");
}

void ValidateProtocol(const TrainConfig& t) {
  Require(t.protocol == Protocol::kBudget || t.max_steps >= 1,
          "training.max_steps",
          "must be >= 1 with protocol \"online\" or \"converged\"");
  Require(t.eval_points_per_decade >= -1, "training.eval_points_per_decade",
          "must be >= 0 (0 = every eval_every steps)");
  Require(t.stop_train_loss >= 0 && std::isfinite(t.stop_train_loss),
          "training.stop_train_loss", "must be >= 0");
  Require(t.stop_plateau >= 0 && t.stop_plateau < 1, "training.stop_plateau",
          "must be in [0, 1)");
  Require(t.stop_min_epochs >= 0, "training.stop_min_epochs", "must be >= 0");
  Require(t.validation_size >= 0, "training.validation_size", "must be >= 0");
  for (double eta : t.learning_rate_candidates) {
    Require(Positive(eta), "training.learning_rate.select",
            "every candidate must be > 0");
  }
  Require(t.learning_rate_candidates.empty() || t.validation_size >= 1,
          "training.validation_size",
          "must be >= 1 when the learning rate is selected");
}

// Options that need samples assembled from patterns (fresh or held-out).
void ValidateSampleNeeds(const TrainConfig& t, const DataConfig& data) {
  const bool assembled = data.source && data.source->assembled();
  // The sources that fit are whichever the data registry holds; the
  // message names the one given.
  const std::string needs =
      "needs data assembled from patterns; source \"" +
      std::string(data.source ? data.source->name() : "") +
      "\" makes its own samples";
  Require(t.router_data == RouterData::kTrainingSet || assembled,
          "training.router_data", "\"independent\" " + needs);
  Require(t.protocol != Protocol::kOnline || assembled, "training.protocol",
          "\"online\" " + needs);
  Require(t.validation_size == 0 || assembled, "training.validation_size",
          needs);
}

}  // namespace

void ValidateRunConfig(const RunConfig& config) {
  WithFieldPrefix("data.", [&] { ValidateDataConfig(config.data); });
  Require(static_cast<bool>(config.model), "model", "is required");
  ValidateSteps(config.train);
  ValidateProtocol(config.train);
  ValidateSampleNeeds(config.train, config.data);
  config.model->Validate(config);
}

}  // namespace sim
