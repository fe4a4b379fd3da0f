#include "sim/data/generator.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numeric>
#include <tuple>

#include "sim/core/check.h"
#include "sim/data/pattern_source.h"

namespace sim {
namespace {

enum class Split { kTrain, kTest };

// Which irrelevant set a plain patch comes from; with the spurious mode on,
// slot 0 of each sample is the label-correlated one.
int PlainSet(const DataConfig& config,
             int num_sets,
             int y,
             int slot,
             Split split,
             Rng& rng) {
  if (!config.spurious.enabled)
    return static_cast<int>(rng.UniformInt(num_sets));
  if (slot == 0) {
    const bool aligned = split == Split::kTrain
                             ? rng.Uniform() < config.spurious.probability
                             : rng.Uniform() < 0.5;
    return (y > 0) == aligned ? 0 : 1;
  }
  return 2 + static_cast<int>(rng.UniformInt(num_sets - 2));
}

// Fills `data` with `num_samples` samples, in place: storage of the same
// size is reused (an online stream's every draw).
template <typename Scalar>
void Assemble(const DataConfig& config,
              int num_confusers,
              int num_samples,
              Split split,
              PatternSource& source,
              Rng& rng,
              DataStats& stats,
              Dataset<Scalar>& data) {
  const int n = config.num_patches;
  const int d = source.patch_dim();
  data.num_samples = num_samples;
  data.num_patches = n;
  data.patch_dim = d;
  data.patches.resize(static_cast<Eigen::Index>(num_samples) * n, d);
  data.labels.resize(num_samples);
  data.signal_position.resize(num_samples);
  data.num_close.resize(num_samples);
  data.cluster.clear();
  data.targets.clear();

  // Balanced labels, in random order.
  for (int i = 0; i < num_samples; ++i) data.labels[i] = (i % 2 == 0) ? 1 : -1;
  if (num_samples % 2 == 1) data.labels[num_samples - 1] = rng.Sign();
  rng.Shuffle(data.labels);

  const Eigen::VectorXd diff = source.o1() - source.o2();
  const double delta_d = source.o1().dot(source.o2());
  const double closeness = (1.0 - delta_d) / 2.0;  // delta' of Def. D.3
  const double noise_scale = config.noise_std / std::sqrt(double(d));
  std::vector<int> order(n);
  Eigen::VectorXd patch(d);
  stats = DataStats{};
  stats.delta_d = delta_d;
  int positives = 0;
  for (int i = 0; i < num_samples; ++i) {
    const int y = data.labels[i];
    positives += y > 0;
    std::iota(order.begin(), order.end(), 0);
    rng.Shuffle(order);
    if (config.position == PositionLaw::kInterior) {
      // Move an interior position to the front, keep the rest a permutation.
      const int target = 1 + static_cast<int>(rng.UniformInt(n - 2));
      std::swap(order[0], *std::find(order.begin(), order.end(), target));
    }
    int close = 0;
    for (int slot = 0; slot < n; ++slot) {
      const int j = order[slot];
      if (slot == 0) {
        source.Signal(y, rng, patch);
        data.signal_position[i] = j;
      } else if (slot <= num_confusers) {
        source.Confuser(rng, patch);
      } else {
        const int set = PlainSet(config, source.num_sets(), y,
                                 slot - 1 - num_confusers, split, rng);
        source.Irrelevant(set, rng, patch);
      }
      if (noise_scale > 0) {
        for (int c = 0; c < d; ++c) patch[c] += noise_scale * rng.Normal();
      }
      if (slot > 0) {
        stats.delta_r =
            std::max({stats.delta_r, std::abs(source.o1().dot(patch)),
                      std::abs(source.o2().dot(patch))});
        close += std::abs(diff.dot(patch)) > closeness;
      }
      data.patches.row(static_cast<Eigen::Index>(i) * n + j) =
          patch.cast<Scalar>().transpose();
    }
    data.num_close[i] = close;
    stats.l_star = std::max(stats.l_star, close + 1);
  }
  stats.positive_fraction = num_samples ? double(positives) / num_samples : 0;
}

}  // namespace

template <typename Scalar>
void GenerateData(const DataConfig& config,
                  uint64_t seed,
                  const SourceData* source_data,
                  DataBundle<Scalar>& bundle) {
  ValidateDataConfig(config);
  const DataSourceInterface& source = *config.source;
  if (!source.assembled()) {
    bundle = DataBundle<Scalar>();
    source.Generate(config, seed, bundle);
    return;
  }
  Rng train_rng(DeriveSeed(seed, "train"));
  Rng test_rng(DeriveSeed(seed, "test"));
  const int c = source.confusers();
  const auto train_patterns = source.Patterns(false, seed, source_data);
  const auto test_patterns = source.Patterns(true, seed, source_data);
  Assemble(config, c, config.train_size, Split::kTrain, *train_patterns,
           train_rng, bundle.train_stats, bundle.train);
  Assemble(config, c, config.test_size, Split::kTest, *test_patterns, test_rng,
           bundle.test_stats, bundle.test);
  bundle.router.num_samples = bundle.validation.num_samples = 0;
  bundle.teacher.resize(0, 0);
}

template <typename Scalar>
DataBundle<Scalar> GenerateData(const DataConfig& config,
                                uint64_t seed,
                                const SourceData* source_data) {
  DataBundle<Scalar> bundle;
  GenerateData(config, seed, source_data, bundle);
  return bundle;
}

namespace {

// The training patterns of `config` with `seed` (the same as GenerateData's).
std::unique_ptr<PatternSource> TrainingPatterns(const DataConfig& config,
                                                uint64_t seed,
                                                const SourceData* source_data) {
  Require(config.source->assembled(), "source",
          "further training samples need a source whose samples are "
          "assembled from patterns; \"" +
              std::string(config.source->name()) + "\" makes its own");
  return config.source->Patterns(false, seed, source_data);
}

int Confusers(const DataConfig& config) { return config.source->confusers(); }

}  // namespace

template <typename Scalar>
void GenerateSplit(const DataConfig& config,
                   uint64_t seed,
                   const char* stream,
                   int size,
                   const SourceData* source_data,
                   Dataset<Scalar>& out) {
  ValidateDataConfig(config);
  Require(size >= 1, std::string(stream) + " split", "needs >= 1 sample");
  const std::unique_ptr<PatternSource> patterns =
      TrainingPatterns(config, seed, source_data);
  Rng rng(DeriveSeed(seed, stream));
  DataStats stats;
  Assemble(config, Confusers(config), size, Split::kTrain, *patterns, rng,
           stats, out);
}

template <typename Scalar>
Dataset<Scalar> GenerateSplit(const DataConfig& config,
                              uint64_t seed,
                              const char* stream,
                              int size,
                              const SourceData* source_data) {
  Dataset<Scalar> out;
  GenerateSplit(config, seed, stream, size, source_data, out);
  return out;
}

template <typename Scalar>
Dataset<Scalar> GenerateRouterSplit(const DataConfig& config,
                                    uint64_t seed,
                                    int size,
                                    const SourceData* source_data) {
  return GenerateSplit<Scalar>(config, seed, "router", size, source_data);
}

template <typename Scalar>
SampleStream<Scalar>::SampleStream(const DataConfig& config,
                                   uint64_t seed,
                                   const SourceData* source_data)
    : config_(config),
      patterns_(TrainingPatterns(config, seed, source_data)),
      rng_(DeriveSeed(seed, "online")) {
  ValidateDataConfig(config);
}

template <typename Scalar>
SampleStream<Scalar>::~SampleStream() = default;

template <typename Scalar>
void SampleStream<Scalar>::Draw(int size, Dataset<Scalar>& out) {
  DataStats stats;
  Assemble(config_, Confusers(config_), size, Split::kTrain, *patterns_, rng_,
           stats, out);
}

template class SampleStream<float>;
template class SampleStream<double>;
template Dataset<float> GenerateSplit<float>(
    const DataConfig&, uint64_t, const char*, int, const SourceData*);
template Dataset<double> GenerateSplit<double>(
    const DataConfig&, uint64_t, const char*, int, const SourceData*);

template Dataset<float> GenerateRouterSplit<float>(const DataConfig&,
                                                   uint64_t,
                                                   int,
                                                   const SourceData*);
template Dataset<double> GenerateRouterSplit<double>(const DataConfig&,
                                                     uint64_t,
                                                     int,
                                                     const SourceData*);

template void GenerateData<float>(const DataConfig&,
                                  uint64_t,
                                  const SourceData*,
                                  DataBundle<float>&);
template void GenerateData<double>(const DataConfig&,
                                   uint64_t,
                                   const SourceData*,
                                   DataBundle<double>&);
template void GenerateSplit<float>(const DataConfig&,
                                   uint64_t,
                                   const char*,
                                   int,
                                   const SourceData*,
                                   Dataset<float>&);
template void GenerateSplit<double>(const DataConfig&,
                                    uint64_t,
                                    const char*,
                                    int,
                                    const SourceData*,
                                    Dataset<double>&);
template DataBundle<float> GenerateData<float>(const DataConfig&,
                                               uint64_t,
                                               const SourceData*);
template DataBundle<double> GenerateData<double>(const DataConfig&,
                                                 uint64_t,
                                                 const SourceData*);

}  // namespace sim
