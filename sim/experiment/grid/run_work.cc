#include "sim/experiment/grid/run_work.h"

#include <algorithm>

#include "sim/data/data_config.h"
#include "sim/train/eval_schedule.h"

namespace sim {

double DrawnSamples(const RunConfig& config) {
  const TrainConfig& t = config.train;
  const double candidates =
      std::max<size_t>(1, t.learning_rate_candidates.size());
  const double training = t.protocol == Protocol::kOnline
                              ? double(t.max_steps) * t.batch_size * candidates
                              : double(config.data.train_size);
  // The routers' own samples (N_r), drawn once per run, as the trainer does.
  const bool router = config.model->traits().router_phase &&
                      t.router_data == RouterData::kIndependent;
  return training + config.data.test_size + t.validation_size +
         (router ? t.router_samples : 0);
}

double EvaluatedSamples(const RunConfig& config) {
  const TrainConfig& t = config.train;
  const bool online = t.protocol == Protocol::kOnline;
  const long steps_per_epoch =
      std::max(1L, StepsPerEpoch(t, config.data.train_size));
  const long steps = t.protocol == Protocol::kBudget
                         ? long(t.epochs) * steps_per_epoch
                         : t.max_steps;
  const long every = t.eval_every > 0 ? t.eval_every : steps_per_epoch;
  const double points =
      2.0 + double(CountEvalPoints(every, EvalPointsPerDecade(t), steps));
  const double per_point =
      config.data.test_size + (online ? t.validation_size : 0);
  const double candidates =
      std::max<size_t>(1, t.learning_rate_candidates.size());
  return candidates *
         (points * per_point + config.data.train_size + t.validation_size);
}

double RunWork(const RunConfig& config,
               double training_cost,
               double sample_cost) {
  const bool generated = config.data.source->data_location().empty();
  const double weight =
      generated ? kGeneratedCoordinateWork : kCopiedCoordinateWork;
  const double coordinates =
      DrawnSamples(config) * config.data.num_patches * PatchDim(config.data);
  return training_cost +
         kEvaluatedSampleWork * sample_cost * EvaluatedSamples(config) +
         weight * coordinates;
}

}  // namespace sim
