// Assembles samples from a PatternSource [pmoe-paper.md §1.1]: exactly one
// discriminative patch (o1 for y = +1, o2 for y = -1) at a random position,
// num_confusers confusers and n - 1 - num_confusers plain irrelevant patches
// at the other positions, all positions a uniform random permutation.
// Labels are exactly balanced (N/2 each; an odd N gets one random extra).
#pragma once

#include <cstdint>
#include <memory>

#include "sim/core/rng.h"
#include "sim/data/data_config.h"
#include "sim/data/dataset.h"
#include "sim/data/source_data.h"

namespace sim {

template <typename Scalar>
struct DataBundle {
  Dataset<Scalar> train;
  Dataset<Scalar> test;
  // Independent router samples (GenerateRouterSplit; empty unless asked).
  Dataset<Scalar> router;
  // Held-out samples of the training distribution (GenerateSplit
  // "validation"; empty unless asked), for learning-rate selection.
  Dataset<Scalar> validation;
  DataStats train_stats;
  DataStats test_stats;
  // Single-index data: rows w*_1..w*_C, then w*_g (unit vectors).
  Eigen::MatrixXd teacher;
};

// Generates train and test sets from `seed`. The patterns (basis) come from
// stream "patterns", the training samples from "train", the test samples
// from "test". `source_data` is what the source read from files (DataCache:
// loaded once by the caller and shared read-only between runs; nullptr for
// a source that reads none). Throws ConfigError if the config is invalid.
template <typename Scalar>
DataBundle<Scalar> GenerateData(const DataConfig& config,
                                uint64_t seed,
                                const SourceData* source_data);

// The same, into `bundle` in place: storage of the same size is reused
// (a thread's next run of the same size touches no fresh memory).
template <typename Scalar>
void GenerateData(const DataConfig& config,
                  uint64_t seed,
                  const SourceData* source_data,
                  DataBundle<Scalar>& bundle);

// `size` further samples drawn like the training samples, with the same
// patterns as GenerateData(config, seed, source_data) but from their own stream
// "router", so the training and test sets do not change. For Algorithm 1's
// routers when their N_r samples are not taken from the experts' N. Needs a
// source whose samples are assembled from patterns; throws ConfigError
// otherwise.
template <typename Scalar>
Dataset<Scalar> GenerateRouterSplit(const DataConfig& config,
                                    uint64_t seed,
                                    int size,
                                    const SourceData* source_data);

// `size` samples drawn like the training samples, with the training
// patterns of GenerateData(config, seed, source_data), from the stream named
// `stream` ("router", "validation"): held-out samples of the training
// distribution that leave the training and test sets unchanged.
template <typename Scalar>
Dataset<Scalar> GenerateSplit(const DataConfig& config,
                              uint64_t seed,
                              const char* stream,
                              int size,
                              const SourceData* source_data);
// The same, into `out` in place (its storage reused at the same size).
template <typename Scalar>
void GenerateSplit(const DataConfig& config,
                   uint64_t seed,
                   const char* stream,
                   int size,
                   const SourceData* source_data,
                   Dataset<Scalar>& out);

class PatternSource;

// Fresh training samples on demand, for one-pass (online) SGD: the training
// patterns of GenerateData(config, seed, source_data) and a stream ("online")
// of its own, so no sample is ever drawn twice and the test set is unchanged.
// Each draw of `size` samples is assembled like a training set of that size
// (labels balanced within the draw), into `out` in place: its storage is
// reused when the size is the same.
template <typename Scalar>
class SampleStream {
 public:
  SampleStream(const DataConfig& config,
               uint64_t seed,
               const SourceData* source_data);
  ~SampleStream();
  void Draw(int size, Dataset<Scalar>& out);

 private:
  DataConfig config_;
  std::unique_ptr<PatternSource> patterns_;
  Rng rng_;
};

}  // namespace sim
