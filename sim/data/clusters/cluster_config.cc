#include "sim/data/clusters/cluster_config.h"

#include <algorithm>
#include <string>
#include <tuple>

#include "sim/core/check.h"
#include "sim/data/clusters/cluster_data.h"
#include "sim/data/generator.h"

namespace sim {

const FieldSchema<ClusterConfig>& ClusterConfig::Schema() {
  using C = ClusterConfig;
  static const FieldSchema<C> schema =
      FieldSchema<C>()
          .Int("patch_dim", &C::patch_dim, 1, 1 << 20)
          .Int("num_clusters", &C::num_clusters, 1, 1 << 16)
          .Number("alpha_min", &C::alpha_min)
          .Number("alpha_max", &C::alpha_max)
          .Number("beta_min", &C::beta_min)
          .Number("beta_max", &C::beta_max)
          .Number("gamma_min", &C::gamma_min)
          .Number("gamma_max", &C::gamma_max)
          .Number("noise", &C::noise)
          .Number("scale", &C::scale);
  return schema;
}

void ClusterConfig::Validate(const DataConfig& data) const {
  Require(data.num_patches >= 3, "num_patches",
          "must be >= 3 for cluster data (signal, centre, feature noise)");
  Require(num_clusters >= 2, "clusters.num_clusters", "must be >= 2");
  Require(patch_dim >= 2 * num_clusters, "clusters.patch_dim",
          "must be >= 2 * num_clusters (orthonormal v_k and c_k)");
  for (const auto& [lo, hi, name] :
       {std::tuple{alpha_min, alpha_max, "clusters.alpha"},
        std::tuple{beta_min, beta_max, "clusters.beta"},
        std::tuple{gamma_min, gamma_max, "clusters.gamma"}}) {
    Require(lo > 0 && lo <= hi, std::string(name) + "_min",
            "needs 0 < min <= max");
  }
  Require(noise >= 0, "clusters.noise", "must be >= 0");
  Require(scale > 0, "clusters.scale", "must be > 0");
  Require(!data.spurious.enabled, "spurious.enabled",
          "is not available for cluster data");
}

template <typename Scalar>
void ClusterConfig::Generate(const DataConfig& data,
                             uint64_t seed,
                             DataBundle<Scalar>& out) const {
  GenerateClusterData(data, seed, out.train, out.test);
  out.train_stats.positive_fraction =
      std::count(out.train.labels.begin(), out.train.labels.end(), 1) /
      double(out.train.num_samples);
}

template void ClusterConfig::Generate<float>(const DataConfig&,
                                             uint64_t,
                                             DataBundle<float>&) const;
template void ClusterConfig::Generate<double>(const DataConfig&,
                                              uint64_t,
                                              DataBundle<double>&) const;

}  // namespace sim
