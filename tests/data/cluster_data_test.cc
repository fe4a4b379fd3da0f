#include "sim/data/clusters/cluster_data.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "sim/core/check.h"
#include "sim/data/clusters/cluster_config.h"
#include "sim/data/generator.h"

using namespace sim;

TEST_CASE("Cluster data keeps the promises of Chen et al. Definition 3.1",
          "[data]") {
  DataConfig config;
  config.source = ClusterConfig{};
  config.num_patches = 5;
  config.train_size = 3000;
  config.test_size = 10;
  config.source.Mutable<ClusterConfig>().scale = 1.0;
  config.source.Mutable<ClusterConfig>().noise =
      0.0;  // noise patches are zero: the others are exact
  const auto bundle = GenerateData<double>(config, 3, nullptr);
  const Dataset<double>& data = bundle.train;
  const auto& c = *config.source.As<ClusterConfig>();
  std::vector<int> cluster_count(c.num_clusters, 0);
  int positives = 0;
  // Recover v_k from the signal patches: y * patch / |patch| is v_k.
  std::vector<Eigen::VectorXd> v(c.num_clusters);
  for (int i = 0; i < data.num_samples; ++i) {
    const Eigen::VectorXd s =
        data.Sample(i).row(data.signal_position[i]).transpose();
    const double alpha = s.norm();
    REQUIRE(alpha >= c.alpha_min);
    REQUIRE(alpha <= c.alpha_max);
    const Eigen::VectorXd dir = data.labels[i] * s / alpha;
    const int k = data.cluster[i];
    if (v[k].size() == 0) v[k] = dir;
    REQUIRE((dir - v[k]).norm() < 1e-9);  // one feature direction per cluster
    cluster_count[k]++;
    positives += data.labels[i] > 0;
  }
  for (int a = 0; a < c.num_clusters; ++a) {
    for (int b = 0; b < c.num_clusters; ++b) {
      REQUIRE(v[a].dot(v[b]) == Approx(a == b ? 1.0 : 0.0).margin(1e-9));
    }
  }
  for (int count : cluster_count) REQUIRE(std::abs(count - 750) < 120);
  REQUIRE(std::abs(positives - 1500) < 150);
  // Every sample: one centre patch (orthogonal to all v), one feature-noise
  // patch along another cluster's v, and zero noise patches.
  for (int i = 0; i < data.num_samples; ++i) {
    int centre = 0, feature_noise = 0, zero = 0;
    for (int j = 0; j < config.num_patches; ++j) {
      if (j == data.signal_position[i]) continue;
      const Eigen::VectorXd q = data.Sample(i).row(j).transpose();
      if (q.norm() < 1e-12) {
        ++zero;
        continue;
      }
      double along_v = 0;
      int which = -1;
      for (int k = 0; k < c.num_clusters; ++k) {
        if (std::abs(q.dot(v[k])) > 1e-9) {
          along_v = std::abs(q.dot(v[k]));
          which = k;
        }
      }
      if (which < 0) {
        ++centre;
        REQUIRE(q.norm() >= c.beta_min - 1e-9);
        REQUIRE(q.norm() <= c.beta_max + 1e-9);
      } else {
        ++feature_noise;
        REQUIRE(which != data.cluster[i]);
        REQUIRE(along_v >= c.gamma_min - 1e-9);
        REQUIRE(along_v <= c.gamma_max + 1e-9);
      }
    }
    REQUIRE(centre == 1);
    REQUIRE(feature_noise == 1);
    REQUIRE(zero == config.num_patches - 3);
  }
}

TEST_CASE("Cluster data configs are validated", "[data]") {
  DataConfig config;
  config.source = ClusterConfig{};
  config.num_patches = 2;
  REQUIRE_THROWS_WITH(ValidateDataConfig(config),
                      Catch::Contains("num_patches"));
  config.num_patches = 4;
  config.source.Mutable<ClusterConfig>().patch_dim = 6;
  REQUIRE_THROWS_WITH(ValidateDataConfig(config),
                      Catch::Contains("clusters.patch_dim"));
  config.source.Mutable<ClusterConfig>().patch_dim = 50;
  config.source.Mutable<ClusterConfig>().gamma_min = 4;
  REQUIRE_THROWS_WITH(ValidateDataConfig(config),
                      Catch::Contains("clusters.gamma_min"));
}
