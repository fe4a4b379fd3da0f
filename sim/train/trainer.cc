#include "sim/train/trainer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <new>
#include <stdexcept>

#include "sim/core/check.h"
#include "sim/core/stopwatch.h"
#include "sim/train/rate_selection.h"

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

// One run at the configured learning rate: the model type's learner in the
// SGD loop.
template <typename Scalar>
TrainResult TrainOnce(const RunConfig& config,
                      const DataBundle<Scalar>& data,
                      const SourceData* source_data) {
  std::unique_ptr<SampleStream<Scalar>> stream;
  if (config.train.protocol == Protocol::kOnline) {
    stream = std::make_unique<SampleStream<Scalar>>(
        config.data, config.seeds.data, source_data);
  }
  return config.model->Train(config, data, stream.get());
}

// `single` and the same run with max_steps = `paired` (its steps do not
// depend on its budget): one run to the larger budget with a record
// branched at the smaller, both kept in `memo`.
template <typename Scalar>
TrainResult TrainPaired(const RunConfig& single,
                        long paired,
                        const DataBundle<Scalar>& data,
                        const SourceData* source_data,
                        TrialMemo& memo) {
  RunConfig longer = single, shorter = single;
  longer.train.max_steps = std::max(single.train.max_steps, paired);
  shorter.train.max_steps = std::min(single.train.max_steps, paired);
  longer.train.branch_at = shorter.train.max_steps;
  TrainResult result = TrainOnce(longer, data, source_data);
  SIM_CHECK(result.branch != nullptr);
  TrainResult branch = std::move(*result.branch);
  result.branch.reset();
  longer.train.branch_at = 0;
  memo.Keep(longer, result);
  memo.Keep(shorter, branch);
  return single.train.max_steps == longer.train.max_steps ? result : branch;
}

// One run at a single rate, from the memo where its config was trained.
template <typename Scalar>
TrainResult TrainTrial(const RunConfig& single,
                       const DataBundle<Scalar>& data,
                       const SourceData* source_data,
                       TrialMemo* memo) {
  if (memo == nullptr) return TrainOnce(single, data, source_data);
  if (std::optional<TrainResult> kept = memo->Find(single)) return *kept;
  const long paired = memo->PairedBudget(single);
  if (paired > 0 && paired != single.train.max_steps &&
      StepsIndependentOfBudget(single.train)) {
    return TrainPaired(single, paired, data, source_data, *memo);
  }
  TrainResult result = TrainOnce(single, data, source_data);
  memo->Keep(single, result);
  return result;
}

}  // namespace

template <typename Scalar>
TrainResult Train(const RunConfig& config,
                  const DataBundle<Scalar>& data,
                  const SourceData* source_data,
                  TrialMemo* memo) {
  auto trial = [&](const RunConfig& single) {
    return TrainTrial(single, data, source_data, memo);
  };
  if (config.train.learning_rate_candidates.empty()) return trial(config);
  return SelectLearningRate(config, trial);
}

RunSeeds SeedsFromMaster(uint64_t master_seed) {
  return RunSeeds{DeriveSeed(master_seed, "data"),
                  DeriveSeed(master_seed, "init"),
                  DeriveSeed(master_seed, "shuffle")};
}

namespace {

// Eigen 3.4's resize frees a matrix's block before allocating the new size
// and, if that allocation throws, keeps the freed pointer (freed again when
// the matrix is next resized or destroyed: heap corruption). So a set whose
// size changes is released first and regenerated from empty, where a failed
// allocation leaves it empty and valid; a set of the same size is still
// regenerated in place. A set this run does not use is released too.
template <typename Scalar>
void ReleaseIfResized(Dataset<Scalar>& set,
                      long samples,
                      const DataConfig& data) {
  if (set.patches.rows() != samples * data.num_patches ||
      set.patches.cols() != PatchDim(data)) {
    set = Dataset<Scalar>();
  }
}

template <typename Scalar>
void GenerateRunData(const RunConfig& config,
                     const SourceData* source_data,
                     DataBundle<Scalar>& data) {
  const TrainConfig& t = config.train;
  DataConfig data_config = config.data;
  // Online training never reads a fixed training set (the test set comes
  // from a stream of its own and does not change).
  if (t.protocol == Protocol::kOnline) data_config.train_size = 1;
  const bool router = config.model->traits().router_phase &&
                      t.router_data == RouterData::kIndependent;
  ReleaseIfResized(data.train, data_config.train_size, config.data);
  ReleaseIfResized(data.test, config.data.test_size, config.data);
  ReleaseIfResized(data.router, router ? t.router_samples : 0, config.data);
  ReleaseIfResized(data.validation, t.validation_size, config.data);
  GenerateData<Scalar>(data_config, config.seeds.data, source_data, data);
  if (router) {
    GenerateSplit<Scalar>(config.data, config.seeds.data, "router",
                          t.router_samples, source_data, data.router);
  }
  if (t.validation_size > 0) {
    GenerateSplit<Scalar>(config.data, config.seeds.data, "validation",
                          t.validation_size, source_data, data.validation);
  }
}

// The data of the last run on this thread, regenerated in place by the
// next: a grid's runs of the same sizes touch no fresh memory (no page
// faults, no pages for the kernel to clear).
template <typename Scalar>
DataBundle<Scalar>& ThreadData() {
  thread_local DataBundle<Scalar> data;
  return data;
}

// The run's data, then training on it; the generation time is the run's.
template <typename Scalar>
TrainResult TrainOnData(const RunConfig& config,
                        const SourceData* source_data,
                        TrialMemo* memo) {
  const Stopwatch generation;
  DataBundle<Scalar>& data = ThreadData<Scalar>();
  GenerateRunData<Scalar>(config, source_data, data);
  const double seconds = generation.Seconds();
  TrainResult result = Train(config, data, source_data, memo);
  result.timing.generation += seconds;
  return result;
}

// Frees this thread's data (what a run that ran out of memory left there),
// so the memory goes back before the next run.
void ReleaseThreadData() {
  ThreadData<float>() = DataBundle<float>();
  ThreadData<double>() = DataBundle<double>();
}

}  // namespace

RunOutOfMemory::RunOutOfMemory(const std::string& cause)
    : std::runtime_error("the run ran out of memory (" + cause +
                         "); no result was written for it: rerun it with "
                         "more free memory or a smaller config"),
      cause_(cause) {}

TrainResult RunOne(const RunConfig& config,
                   const SourceData* source_data,
                   TrialMemo* memo) {
  try {
    ValidateRunConfig(config);
    if (config.precision == Precision::kDouble) {
      return TrainOnData<double>(config, source_data, memo);
    }
    return TrainOnData<float>(config, source_data, memo);
  } catch (const std::bad_alloc& e) {
    ReleaseThreadData();
    throw RunOutOfMemory(e.what());
  } catch (const std::length_error& e) {  // a size past what can be allocated
    ReleaseThreadData();
    throw RunOutOfMemory(std::string("std::length_error: ") + e.what());
  } catch (const std::exception& e) {
    TrainResult result;
    result.status = RunStatus::kFailed;
    result.message = e.what();
    return result;
  }
}

template TrainResult Train<float>(const RunConfig&,
                                  const DataBundle<float>&,
                                  const SourceData*,
                                  TrialMemo*);
template TrainResult Train<double>(const RunConfig&,
                                   const DataBundle<double>&,
                                   const SourceData*,
                                   TrialMemo*);

}  // namespace sim
