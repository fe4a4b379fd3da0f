#include "sim/train/trainer.h"

#include <cmath>
#include <limits>

#include "sim/core/check.h"
#include "sim/train/index_trainer.h"
#include "sim/train/patch_learner.h"
#include "sim/train/sgd_loop.h"
#include "sim/train/topk_learner.h"

namespace sim {

const char* RunStatusName(RunStatus status) {
  switch (status) {
    case RunStatus::kOk:
      return "ok";
    case RunStatus::kDiverged:
      return "diverged";
    case RunStatus::kFailed:
      return "failed";
  }
  return "failed";
}

const char* ProtocolName(Protocol protocol) {
  switch (protocol) {
    case Protocol::kBudget:
      return "budget";
    case Protocol::kOnline:
      return "online";
    case Protocol::kConverged:
      return "converged";
  }
  return "budget";
}

namespace {

// One run at the configured learning rate.
template <typename Scalar>
TrainResult TrainOnce(const RunConfig& config,
                      const DataBundle<Scalar>& data,
                      const FashionMnist* images) {
  if (config.model.kind == ModelKind::kIndexVanilla ||
      config.model.kind == ModelKind::kIndexMoe) {
    return TrainSingleIndex(config, data);
  }
  std::unique_ptr<SampleStream<Scalar>> stream;
  if (config.train.protocol == Protocol::kOnline) {
    stream = std::make_unique<SampleStream<Scalar>>(config.data,
                                                    config.seeds.data, images);
  }
  if (config.model.kind == ModelKind::kMoeTopK) {
    return SgdLoop<TopKLearner<Scalar>, Scalar>(config, data, stream.get())
        .Run();
  }
  return SgdLoop<PatchLearner<Scalar>, Scalar>(config, data, stream.get())
      .Run();
}

// Whether `a` beats `b` on the validation set (error, then loss).
bool BetterOnValidation(const TrainResult& a, const TrainResult& b) {
  if (a.status != RunStatus::kOk) return false;
  if (b.status != RunStatus::kOk) return true;
  if (a.validation_error != b.validation_error)
    return a.validation_error < b.validation_error;
  return a.validation_loss < b.validation_loss;
}

}  // namespace

template <typename Scalar>
TrainResult Train(const RunConfig& config,
                  const DataBundle<Scalar>& data,
                  const FashionMnist* images) {
  const std::vector<double>& candidates = config.train.learning_rate_candidates;
  if (candidates.empty()) return TrainOnce(config, data, images);
  // Every candidate trains the whole run with the same seeds (and, online,
  // the same fresh samples); the validation set decides, never the test set.
  TrainResult best;
  double train_flops = 0, eval_flops = 0, seconds = 0;
  std::vector<std::pair<double, double>> trials;
  for (size_t i = 0; i < candidates.size(); ++i) {
    RunConfig trial = config;
    trial.train.learning_rate = candidates[i];
    trial.train.learning_rate_candidates.clear();
    TrainResult result = TrainOnce(trial, data, images);
    train_flops += result.train_flops;
    eval_flops += result.eval_flops;
    seconds += result.wall_seconds;
    trials.emplace_back(candidates[i], result.status == RunStatus::kOk
                                           ? result.validation_error
                                           : std::nan(""));
    if (i == 0 || BetterOnValidation(result, best)) {
      best = std::move(result);
      best.chosen_learning_rate = candidates[i];
    }
  }
  best.learning_rate_trials = std::move(trials);
  best.train_flops = train_flops;
  best.eval_flops = eval_flops;
  best.wall_seconds = seconds;
  return best;
}

RunSeeds SeedsFromMaster(uint64_t master_seed) {
  return RunSeeds{DeriveSeed(master_seed, "data"),
                  DeriveSeed(master_seed, "init"),
                  DeriveSeed(master_seed, "shuffle")};
}

namespace {

void ValidateProtocol(const RunConfig& config) {
  const TrainConfig& t = config.train;
  auto require = [](bool ok, const char* field, const char* rule) {
    if (!ok) throw ConfigError(field, rule);
  };
  const bool patch_data = config.data.source == DataSource::kSynthetic ||
                          config.data.source == DataSource::kFashionMnist;
  const bool single_index = config.model.kind == ModelKind::kIndexVanilla ||
                            config.model.kind == ModelKind::kIndexMoe;
  require(t.protocol == Protocol::kBudget || t.max_steps >= 1,
          "training.max_steps",
          "must be >= 1 with protocol \"online\" or \"converged\"");
  require(t.protocol == Protocol::kBudget || !single_index, "training.protocol",
          "single-index models train online by construction: use \"budget\"");
  require(t.protocol != Protocol::kOnline || patch_data, "training.protocol",
          "\"online\" needs synthetic or fashion_mnist data");
  require(t.protocol != Protocol::kOnline ||
              config.model.kind != ModelKind::kPmoeSeparate ||
              t.router_data == RouterData::kIndependent,
          "training.router_data",
          "must be \"independent\" under protocol \"online\" (the routers "
          "need N_r samples of their own)");
  require(t.eval_points_per_decade >= 0, "training.eval_points_per_decade",
          "must be >= 0 (0 = every eval_every steps)");
  require(t.stop_train_loss >= 0 && std::isfinite(t.stop_train_loss),
          "training.stop_train_loss", "must be >= 0");
  require(t.stop_plateau >= 0 && t.stop_plateau < 1, "training.stop_plateau",
          "must be in [0, 1)");
  require(t.stop_min_epochs >= 0, "training.stop_min_epochs", "must be >= 0");
  require(t.validation_size >= 0, "training.validation_size", "must be >= 0");
  for (double eta : t.learning_rate_candidates) {
    require(eta > 0 && std::isfinite(eta), "training.learning_rate.select",
            "every candidate must be > 0");
  }
  require(t.learning_rate_candidates.empty() || t.validation_size >= 1,
          "training.validation_size",
          "must be >= 1 when the learning rate is selected");
  require(t.validation_size == 0 || patch_data, "training.validation_size",
          "needs synthetic or fashion_mnist data");
  require(t.learning_rate_candidates.empty() || !single_index,
          "training.learning_rate",
          "selection is not available for single-index models");
}

}  // namespace

void ValidateRunConfig(const RunConfig& config) {
  auto prefixed = [](const char* prefix, auto&& validate) {
    try {
      validate();
    } catch (const ConfigError& e) {
      const std::string rule =
          std::string(e.what()).substr(e.field().size() + 2);
      throw ConfigError(std::string(prefix) + e.field(), rule);
    }
  };
  prefixed("data.", [&] { ValidateDataConfig(config.data); });
  prefixed("model.",
           [&] { ValidateModelConfig(config.model, config.data.num_patches); });
  const TrainConfig& t = config.train;
  auto require = [](bool ok, const char* field, const char* rule) {
    if (!ok) throw ConfigError(field, rule);
  };
  require(t.learning_rate > 0 && std::isfinite(t.learning_rate),
          "training.learning_rate", "must be > 0");
  require(t.batch_size >= 1, "training.batch_size", "must be >= 1");
  require(t.epochs >= 1, "training.epochs", "must be >= 1");
  require(t.eval_every >= 0, "training.eval_every",
          "must be >= 0 (0 = every epoch)");
  require(t.early_stop_rise >= 0 && std::isfinite(t.early_stop_rise),
          "training.early_stop_rise", "must be >= 0 (0 = off)");
  for (double eps : t.targets) {
    require(eps >= 0 && eps <= 1, "training.targets",
            "every target must be in [0, 1]");
  }
  require(t.router_learning_rate > 0 && std::isfinite(t.router_learning_rate),
          "training.router_learning_rate", "must be > 0");
  require(t.router_batch_size >= 1, "training.router_batch_size",
          "must be >= 1");
  require(t.router_epochs >= 1, "training.router_epochs", "must be >= 1");
  require(t.router_samples >= 0, "training.router_samples",
          "must be >= 0 (0 = all N)");
  require(t.router_data == RouterData::kTrainingSet || t.router_samples >= 1,
          "training.router_samples",
          "must be >= 1 with router_data \"independent\" (it is N_r)");
  require(t.router_data == RouterData::kTrainingSet ||
              config.data.source == DataSource::kSynthetic ||
              config.data.source == DataSource::kFashionMnist,
          "training.router_data",
          "\"independent\" needs synthetic or fashion_mnist data");
  ValidateProtocol(config);
}

namespace {

template <typename Scalar>
DataBundle<Scalar> GenerateRunData(const RunConfig& config,
                                   const FashionMnist* images) {
  const TrainConfig& t = config.train;
  DataConfig data_config = config.data;
  // Online training never reads a fixed training set (the test set comes
  // from a stream of its own and does not change).
  if (t.protocol == Protocol::kOnline) data_config.train_size = 1;
  DataBundle<Scalar> data =
      GenerateData<Scalar>(data_config, config.seeds.data, images);
  if (config.model.kind == ModelKind::kPmoeSeparate &&
      t.router_data == RouterData::kIndependent) {
    data.router = GenerateRouterSplit<Scalar>(config.data, config.seeds.data,
                                              t.router_samples, images);
  }
  if (t.validation_size > 0) {
    data.validation =
        GenerateSplit<Scalar>(config.data, config.seeds.data, "validation",
                              t.validation_size, images);
  }
  return data;
}

}  // namespace

TrainResult RunOne(const RunConfig& config, const FashionMnist* images) {
  try {
    ValidateRunConfig(config);
    if (config.precision == Precision::kDouble) {
      return Train(config, GenerateRunData<double>(config, images), images);
    }
    return Train(config, GenerateRunData<float>(config, images), images);
  } catch (const std::exception& e) {
    TrainResult result;
    result.status = RunStatus::kFailed;
    result.message = e.what();
    return result;
  }
}

template TrainResult Train<float>(const RunConfig&,
                                  const DataBundle<float>&,
                                  const FashionMnist*);
template TrainResult Train<double>(const RunConfig&,
                                   const DataBundle<double>&,
                                   const FashionMnist*);

}  // namespace sim
