#include "sim/experiment/grid/run_work.h"

#include <algorithm>

#include "sim/data/data_config.h"

namespace sim {

double DrawnSamples(const RunConfig& config) {
  const TrainConfig& t = config.train;
  const double candidates =
      std::max<size_t>(1, t.learning_rate_candidates.size());
  const double training = t.protocol == Protocol::kOnline
                              ? double(t.max_steps) * t.batch_size * candidates
                              : double(config.data.train_size);
  return training + config.data.test_size + t.validation_size;
}

double RunWork(const RunConfig& config, double training_cost) {
  const bool generated = config.data.source->data_location().empty();
  const double weight =
      generated ? kGeneratedCoordinateWork : kCopiedCoordinateWork;
  const double coordinates =
      DrawnSamples(config) * config.data.num_patches * PatchDim(config.data);
  return training_cost + weight * coordinates;
}

}  // namespace sim
