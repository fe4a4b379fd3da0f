// One training run of any model type: its data generated from the run's
// seeds, its learner in the SGD loop (ModelInterface::Train), learning-rate
// selection over candidates, and the run's exception boundary (a lack of
// memory is not a result: RunOutOfMemory).
#pragma once

#include <stdexcept>
#include <string>

#include "sim/data/generator.h"
#include "sim/train/run_config.h"
#include "sim/train/train_result.h"
#include "sim/train/trial_memo.h"

namespace sim {

// Trains on already generated data. Never throws for numerical trouble: a
// non-finite loss stops the run with status kDiverged.
// With learning-rate candidates, selects among them on the validation set
// (rate_selection.h; TrainResult::learning_rate_trials).
// `source_data` (what the source read from files; GenerateData) is needed
// only by the online protocol. With a `memo`, every single-rate run whose
// config it holds is taken from it, and every other one is kept there.
template <typename Scalar>
TrainResult Train(const RunConfig& config,
                  const DataBundle<Scalar>& data,
                  const SourceData* source_data = nullptr,
                  TrialMemo* memo = nullptr);

// A run that ran out of memory (std::bad_alloc, or std::length_error from
// an allocation size). Not a result of the run's config (it depends on what
// else the machine holds), so it is thrown and never recorded: the run is
// retried when the grid resumes. cause() is the original exception's text.
class RunOutOfMemory : public std::runtime_error {
 public:
  explicit RunOutOfMemory(const std::string& cause);
  const std::string& cause() const { return cause_; }

 private:
  std::string cause_;
};

// Generates the data and trains in the configured precision. Reports every
// exception as status kFailed with its message, except a lack of memory,
// which it throws as RunOutOfMemory; safe to call from many threads at once
// (`source_data` is only read).
TrainResult RunOne(const RunConfig& config,
                   const SourceData* source_data,
                   TrialMemo* memo = nullptr);

}  // namespace sim
