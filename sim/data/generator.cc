#include "sim/data/generator.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <tuple>

#include "sim/core/check.h"
#include "sim/data/cluster_data.h"
#include "sim/data/image_patterns.h"
#include "sim/data/single_index_data.h"
#include "sim/data/synthetic_patterns.h"

namespace sim {
namespace {

void Require(bool ok, const std::string& field, const std::string& rule) {
  if (!ok) throw ConfigError(field, rule);
}

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

template <typename Scalar>
Dataset<Scalar> Assemble(const DataConfig& config,
                         int num_confusers,
                         int num_samples,
                         Split split,
                         PatternSource& source,
                         Rng& rng,
                         DataStats& stats) {
  const int n = config.num_patches;
  const int d = source.patch_dim();
  Dataset<Scalar> data;
  data.num_samples = num_samples;
  data.num_patches = n;
  data.patch_dim = d;
  data.patches.resize(static_cast<Eigen::Index>(num_samples) * n, d);
  data.labels.resize(num_samples);
  data.signal_position.resize(num_samples);
  data.num_close.resize(num_samples);

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
  return data;
}

}  // namespace

int PatchDim(const DataConfig& config) {
  switch (config.source) {
    case DataSource::kFashionMnist:
      return 784;
    case DataSource::kClusters:
      return config.clusters.patch_dim;
    case DataSource::kSingleIndex:
      return config.single_index.dim;
    default:
      return config.synthetic.patch_dim;
  }
}

void ValidateDataConfig(const DataConfig& config) {
  Require(config.num_patches >= 2 || config.source == DataSource::kSingleIndex,
          "num_patches", "must be >= 2");
  Require(config.train_size >= 1, "train_size", "must be >= 1");
  Require(config.test_size >= 1, "test_size", "must be >= 1");
  Require(config.noise_std >= 0, "noise_std", "must be >= 0");
  Require(config.position != PositionLaw::kInterior || config.num_patches >= 3,
          "position", "'interior' needs num_patches >= 3");
  if (config.spurious.enabled) {
    Require(
        config.spurious.probability >= 0 && config.spurious.probability <= 1,
        "spurious.probability", "must be in [0, 1]");
    const int confusers = config.source == DataSource::kSynthetic
                              ? config.synthetic.num_confusers
                              : 0;
    Require(config.num_patches - 1 - confusers >= 1, "spurious.enabled",
            "needs at least one plain irrelevant patch per sample");
  }
  if (config.source == DataSource::kSingleIndex) {
    const auto& c = config.single_index;
    Require(config.num_patches == 1, "num_patches",
            "must be 1 for single-index data (a sample is one vector)");
    Require(c.num_clusters >= 2 && c.num_clusters % 2 == 0,
            "single_index.num_clusters",
            "must be even and >= 2 (the global signs s_c sum to 0)");
    Require(c.dim >= 2 * c.num_clusters + 1, "single_index.dim",
            "must be >= 2 * num_clusters + 1 (orthonormal v_c, w*_c, w*_g)");
    Require(c.rho >= 0, "single_index.rho", "must be >= 0");
    Require(c.noise >= 0, "single_index.noise", "must be >= 0");
    Require(c.info_exponent >= 1 && c.info_exponent <= 8,
            "single_index.info_exponent", "must be in [1, 8]");
    Require(!config.spurious.enabled, "spurious.enabled",
            "is not available for single-index data");
    return;
  }
  if (config.source == DataSource::kClusters) {
    const auto& c = config.clusters;
    Require(config.num_patches >= 3, "num_patches",
            "must be >= 3 for cluster data (signal, centre, feature noise)");
    Require(c.num_clusters >= 2, "clusters.num_clusters", "must be >= 2");
    Require(c.patch_dim >= 2 * c.num_clusters, "clusters.patch_dim",
            "must be >= 2 * num_clusters (orthonormal v_k and c_k)");
    for (const auto& [lo, hi, name] :
         {std::tuple{c.alpha_min, c.alpha_max, "clusters.alpha"},
          std::tuple{c.beta_min, c.beta_max, "clusters.beta"},
          std::tuple{c.gamma_min, c.gamma_max, "clusters.gamma"}}) {
      Require(lo > 0 && lo <= hi, std::string(name) + "_min",
              "needs 0 < min <= max");
    }
    Require(c.noise >= 0, "clusters.noise", "must be >= 0");
    Require(c.scale > 0, "clusters.scale", "must be > 0");
    Require(!config.spurious.enabled, "spurious.enabled",
            "is not available for cluster data");
    return;
  }
  if (config.source == DataSource::kFashionMnist) {
    const auto& f = config.fashion_mnist;
    Require(f.positive_class >= 0 && f.positive_class <= 9,
            "fashion_mnist.positive_class", "must be a class 0..9");
    Require(f.negative_class >= 0 && f.negative_class <= 9,
            "fashion_mnist.negative_class", "must be a class 0..9");
    Require(f.positive_class != f.negative_class,
            "fashion_mnist.negative_class", "must differ from positive_class");
    return;
  }
  const auto& s = config.synthetic;
  Require(s.num_sets >= 1, "synthetic.num_sets", "must be >= 1");
  if (config.spurious.enabled) {
    Require(s.num_sets >= 3, "synthetic.num_sets",
            "must be >= 3 with spurious correlation (sets 0, 1 are spurious)");
  }
  Require(s.patch_dim >= s.num_sets + 3, "synthetic.patch_dim",
          "must be >= num_sets + 3 (room for o1, o2 and the set centres)");
  Require(s.delta_d > -1 && s.delta_d < 1, "synthetic.delta_d",
          "must be in (-1, 1)");
  const double a = std::sqrt((1 + s.delta_d) / 2);
  const double b = std::sqrt((1 - s.delta_d) / 2);
  Require(s.delta_r >= 0 && s.delta_r <= a, "synthetic.delta_r",
          "must be in [0, sqrt((1 + delta_d) / 2)] = [0, " + std::to_string(a) +
              "]");
  Require(s.set_radius >= 0 && s.set_radius <= 1, "synthetic.set_radius",
          "must be in [0, 1]");
  Require(s.num_confusers >= 0 && s.num_confusers <= config.num_patches - 1,
          "synthetic.num_confusers", "must be in [0, num_patches - 1]");
  if (s.num_confusers > 0) {
    Require(s.confuser_strength > b / 2 && s.confuser_strength < 1,
            "synthetic.confuser_strength",
            "must be in (sqrt((1 - delta_d) / 2) / 2, 1) = (" +
                std::to_string(b / 2) +
                ", 1) so that confusers are delta'-closer (Def. D.1)");
    Require(s.confuser_strength * b <= s.delta_r + 1e-12,
            "synthetic.confuser_strength",
            "alpha * sqrt((1 - delta_d) / 2) = " +
                std::to_string(s.confuser_strength * b) +
                " must be <= delta_r so that |<o_i, q>| <= delta_r");
  }
}

template <typename Scalar>
DataBundle<Scalar> GenerateData(const DataConfig& config,
                                uint64_t seed,
                                const FashionMnist* images) {
  ValidateDataConfig(config);
  DataBundle<Scalar> bundle;
  Rng train_rng(DeriveSeed(seed, "train"));
  Rng test_rng(DeriveSeed(seed, "test"));
  if (config.source == DataSource::kSingleIndex) {
    GenerateSingleIndexData(config, seed, bundle.train, bundle.test,
                            bundle.teacher);
  } else if (config.source == DataSource::kClusters) {
    GenerateClusterData(config, seed, bundle.train, bundle.test);
    bundle.train_stats.positive_fraction =
        std::count(bundle.train.labels.begin(), bundle.train.labels.end(), 1) /
        double(bundle.train.num_samples);
  } else if (config.source == DataSource::kSynthetic) {
    Rng pattern_rng(DeriveSeed(seed, "patterns"));
    SyntheticPatterns patterns(config.synthetic, pattern_rng);
    const int c = config.synthetic.num_confusers;
    bundle.train = Assemble<Scalar>(config, c, config.train_size, Split::kTrain,
                                    patterns, train_rng, bundle.train_stats);
    bundle.test = Assemble<Scalar>(config, c, config.test_size, Split::kTest,
                                   patterns, test_rng, bundle.test_stats);
  } else {
    SIM_CHECK(images != nullptr);
    ImagePatterns train_patterns(config.fashion_mnist, images->train);
    ImagePatterns test_patterns(config.fashion_mnist, images->test);
    bundle.train =
        Assemble<Scalar>(config, 0, config.train_size, Split::kTrain,
                         train_patterns, train_rng, bundle.train_stats);
    bundle.test = Assemble<Scalar>(config, 0, config.test_size, Split::kTest,
                                   test_patterns, test_rng, bundle.test_stats);
  }
  return bundle;
}

namespace {

// The training patterns of `config` with `seed` (the same as GenerateData's).
std::unique_ptr<PatternSource> TrainingPatterns(const DataConfig& config,
                                                uint64_t seed,
                                                const FashionMnist* images) {
  Require(config.source == DataSource::kSynthetic ||
              config.source == DataSource::kFashionMnist,
          "source",
          "further training samples need synthetic or fashion_mnist patches");
  if (config.source == DataSource::kSynthetic) {
    Rng pattern_rng(DeriveSeed(seed, "patterns"));
    return std::make_unique<SyntheticPatterns>(config.synthetic, pattern_rng);
  }
  SIM_CHECK(images != nullptr);
  return std::make_unique<ImagePatterns>(config.fashion_mnist, images->train);
}

int Confusers(const DataConfig& config) {
  return config.source == DataSource::kSynthetic
             ? config.synthetic.num_confusers
             : 0;
}

}  // namespace

template <typename Scalar>
Dataset<Scalar> GenerateSplit(const DataConfig& config,
                              uint64_t seed,
                              const char* stream,
                              int size,
                              const FashionMnist* images) {
  ValidateDataConfig(config);
  Require(size >= 1, std::string(stream) + " split", "needs >= 1 sample");
  const std::unique_ptr<PatternSource> patterns =
      TrainingPatterns(config, seed, images);
  Rng rng(DeriveSeed(seed, stream));
  DataStats stats;
  return Assemble<Scalar>(config, Confusers(config), size, Split::kTrain,
                          *patterns, rng, stats);
}

template <typename Scalar>
Dataset<Scalar> GenerateRouterSplit(const DataConfig& config,
                                    uint64_t seed,
                                    int size,
                                    const FashionMnist* images) {
  return GenerateSplit<Scalar>(config, seed, "router", size, images);
}

template <typename Scalar>
SampleStream<Scalar>::SampleStream(const DataConfig& config,
                                   uint64_t seed,
                                   const FashionMnist* images)
    : config_(config),
      patterns_(TrainingPatterns(config, seed, images)),
      rng_(DeriveSeed(seed, "online")) {
  ValidateDataConfig(config);
}

template <typename Scalar>
SampleStream<Scalar>::~SampleStream() = default;

template <typename Scalar>
void SampleStream<Scalar>::Draw(int size, Dataset<Scalar>& out) {
  DataStats stats;
  out = Assemble<Scalar>(config_, Confusers(config_), size, Split::kTrain,
                         *patterns_, rng_, stats);
}

template class SampleStream<float>;
template class SampleStream<double>;
template Dataset<float> GenerateSplit<float>(
    const DataConfig&, uint64_t, const char*, int, const FashionMnist*);
template Dataset<double> GenerateSplit<double>(
    const DataConfig&, uint64_t, const char*, int, const FashionMnist*);

template Dataset<float> GenerateRouterSplit<float>(const DataConfig&,
                                                   uint64_t,
                                                   int,
                                                   const FashionMnist*);
template Dataset<double> GenerateRouterSplit<double>(const DataConfig&,
                                                     uint64_t,
                                                     int,
                                                     const FashionMnist*);

template DataBundle<float> GenerateData<float>(const DataConfig&,
                                               uint64_t,
                                               const FashionMnist*);
template DataBundle<double> GenerateData<double>(const DataConfig&,
                                                 uint64_t,
                                                 const FashionMnist*);

}  // namespace sim
