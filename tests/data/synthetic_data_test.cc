#include <catch2/catch.hpp>
#include <cmath>

#include "sim/core/check.h"
#include "sim/data/generator.h"
#include "sim/data/synthetic/synthetic_config.h"

using namespace sim;

namespace {

DataConfig SmallConfig() {
  DataConfig c;
  c.num_patches = 10;
  c.train_size = 4000;
  c.test_size = 500;
  c.source.Mutable<SyntheticConfig>().patch_dim = 32;
  c.source.Mutable<SyntheticConfig>().num_sets = 6;
  c.source.Mutable<SyntheticConfig>().delta_d = 0.3;
  c.source.Mutable<SyntheticConfig>().delta_r = 0.5;
  c.source.Mutable<SyntheticConfig>().num_confusers = 2;
  c.source.Mutable<SyntheticConfig>().confuser_strength = 0.6;
  return c;
}

}  // namespace

TEST_CASE("Synthetic data keeps every promise of the data model", "[data]") {
  const DataConfig config = SmallConfig();
  const auto bundle = GenerateData<double>(config, 11, nullptr);
  const Dataset<double>& train = bundle.train;
  const int n = config.num_patches, N = config.train_size;

  SECTION("labels are exactly balanced") {
    int positives = 0;
    for (int y : train.labels) {
      REQUIRE((y == 1 || y == -1));
      positives += y > 0;
    }
    REQUIRE(positives == N / 2);
  }

  // Recover o1 and o2 as the patch at the recorded position.
  const Eigen::VectorXd o1 = [&] {
    for (int i = 0; i < N; ++i)
      if (train.labels[i] > 0)
        return Eigen::VectorXd(
            train.Sample(i).row(train.signal_position[i]).transpose());
    return Eigen::VectorXd();
  }();
  const Eigen::VectorXd o2 = [&] {
    for (int i = 0; i < N; ++i)
      if (train.labels[i] < 0)
        return Eigen::VectorXd(
            train.Sample(i).row(train.signal_position[i]).transpose());
    return Eigen::VectorXd();
  }();

  SECTION("norms are 1 and delta_d is achieved exactly") {
    REQUIRE(train.patches.rowwise().norm().minCoeff() ==
            Approx(1.0).margin(1e-12));
    REQUIRE(train.patches.rowwise().norm().maxCoeff() ==
            Approx(1.0).margin(1e-12));
    REQUIRE(o1.dot(o2) ==
            Approx(config.source.As<SyntheticConfig>()->delta_d).margin(1e-12));
    REQUIRE(bundle.train_stats.delta_d ==
            Approx(config.source.As<SyntheticConfig>()->delta_d).margin(1e-12));
  }

  SECTION("exactly one discriminative patch, matching the label") {
    for (int i = 0; i < N; ++i) {
      int hits1 = 0, hits2 = 0;
      for (int j = 0; j < n; ++j) {
        const Eigen::VectorXd x = train.Sample(i).row(j).transpose();
        hits1 += (x - o1).norm() < 1e-9;
        hits2 += (x - o2).norm() < 1e-9;
      }
      REQUIRE(hits1 + hits2 == 1);
      REQUIRE((hits1 == 1) == (train.labels[i] > 0));
    }
  }

  SECTION("delta_r is achieved: max |<o_i, q>| over irrelevant q equals it") {
    double max_inner = 0;
    for (int i = 0; i < N; ++i) {
      for (int j = 0; j < n; ++j) {
        if (j == train.signal_position[i]) continue;
        const Eigen::VectorXd q = train.Sample(i).row(j).transpose();
        max_inner =
            std::max({max_inner, std::abs(o1.dot(q)), std::abs(o2.dot(q))});
      }
    }
    REQUIRE(max_inner ==
            Approx(config.source.As<SyntheticConfig>()->delta_r).margin(1e-9));
    REQUIRE(bundle.train_stats.delta_r ==
            Approx(config.source.As<SyntheticConfig>()->delta_r).margin(1e-9));
  }

  SECTION(
      "l* is num_confusers + 1 and every sample has that many close patches") {
    const double closeness =
        (1 - config.source.As<SyntheticConfig>()->delta_d) / 2;
    for (int i = 0; i < N; ++i) {
      int close = 0;
      for (int j = 0; j < n; ++j) {
        if (j == train.signal_position[i]) continue;
        const Eigen::VectorXd q = train.Sample(i).row(j).transpose();
        close += std::abs((o1 - o2).dot(q)) > closeness;
      }
      REQUIRE(close == config.source.As<SyntheticConfig>()->num_confusers);
      REQUIRE(train.num_close[i] == close);
    }
    REQUIRE(bundle.train_stats.l_star ==
            config.source.As<SyntheticConfig>()->num_confusers + 1);
  }

  SECTION("positions are uniform (chi-square, 9 dof)") {
    std::vector<int> counts(n, 0);
    for (int p : train.signal_position) counts[p]++;
    double chi2 = 0;
    for (int c : counts)
      chi2 += (c - N / double(n)) * (c - N / double(n)) / (N / double(n));
    REQUIRE(chi2 < 27.9);  // p = 0.001
  }

  SECTION("irrelevant patches are identically distributed in both classes") {
    // Mean irrelevant patch per class: equal up to sampling noise, and with
    // no component along o1 - o2.
    Eigen::VectorXd mean[2] = {Eigen::VectorXd::Zero(32),
                               Eigen::VectorXd::Zero(32)};
    int count[2] = {0, 0};
    for (int i = 0; i < N; ++i) {
      const int c = train.labels[i] > 0 ? 0 : 1;
      for (int j = 0; j < n; ++j) {
        if (j == train.signal_position[i]) continue;
        mean[c] += train.Sample(i).row(j).transpose();
        count[c]++;
      }
    }
    mean[0] /= count[0];
    mean[1] /= count[1];
    REQUIRE((mean[0] - mean[1]).norm() < 0.05);
    REQUIRE(std::abs((o1 - o2).normalized().dot(mean[0])) < 0.03);
  }

  SECTION("the same seed gives the same data, another seed other data") {
    const auto again = GenerateData<double>(config, 11, nullptr);
    REQUIRE(again.train.patches == train.patches);
    REQUIRE(again.test.patches == bundle.test.patches);
    const auto other = GenerateData<double>(config, 12, nullptr);
    REQUIRE(other.train.patches != train.patches);
  }
}

TEST_CASE("Interior positions avoid the first and last patch", "[data]") {
  DataConfig config = SmallConfig();
  config.position = PositionLaw::kInterior;
  const auto bundle = GenerateData<float>(config, 3, nullptr);
  std::vector<int> counts(config.num_patches, 0);
  for (int p : bundle.train.signal_position) counts[p]++;
  REQUIRE(counts.front() == 0);
  REQUIRE(counts.back() == 0);
  for (int j = 1; j < config.num_patches - 1; ++j) REQUIRE(counts[j] > 0);
}

TEST_CASE("Spurious mode correlates set 0/1 with the label in training only",
          "[data]") {
  DataConfig config = SmallConfig();
  config.spurious.enabled = true;
  config.spurious.probability = 0.9;
  config.test_size = 4000;
  const auto bundle = GenerateData<double>(config, 5, nullptr);
  // Recover the direction of set 0's centre from data: the patches that are
  // neither signal nor confuser and correlate with each other. Simpler: the
  // mean of class +1 minus class -1 irrelevant patches is large in training
  // and small in test.
  auto class_gap = [&](const Dataset<double>& data) {
    Eigen::VectorXd mean[2] = {Eigen::VectorXd::Zero(32),
                               Eigen::VectorXd::Zero(32)};
    int count[2] = {0, 0};
    for (int i = 0; i < data.num_samples; ++i) {
      const int c = data.labels[i] > 0 ? 0 : 1;
      for (int j = 0; j < data.num_patches; ++j) {
        if (j == data.signal_position[i]) continue;
        mean[c] += data.Sample(i).row(j).transpose();
        count[c]++;
      }
    }
    return (mean[0] / count[0] - mean[1] / count[1]).norm();
  };
  REQUIRE(class_gap(bundle.train) > 0.1);
  REQUIRE(class_gap(bundle.test) < 0.03);
}

TEST_CASE("Additive noise moves norms away from 1 by the promised amount",
          "[data]") {
  DataConfig config = SmallConfig();
  config.noise_std = 0.5;
  const auto bundle = GenerateData<double>(config, 2, nullptr);
  // E|x + e|^2 = 1 + noise_std^2 when e ~ N(0, noise_std^2 / d I).
  const double mean_sq = bundle.train.patches.rowwise().squaredNorm().mean();
  REQUIRE(mean_sq == Approx(1.25).margin(0.01));
}

TEST_CASE("Invalid data configs are refused with the field and the rule",
          "[data]") {
  DataConfig config = SmallConfig();
  auto message = [](const DataConfig& c) {
    try {
      ValidateDataConfig(c);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  REQUIRE(message(config).empty());
  DataConfig bad = config;
  bad.source.Mutable<SyntheticConfig>().delta_d = 1.0;
  REQUIRE_THAT(message(bad), Catch::Contains("synthetic.delta_d"));
  bad = config;
  bad.source.Mutable<SyntheticConfig>().confuser_strength =
      0.9;  // 0.9 * sqrt(0.35) = 0.53 > delta_r
  REQUIRE_THAT(message(bad), Catch::Contains("must be <= delta_r"));
  bad = config;
  bad.source.Mutable<SyntheticConfig>().confuser_strength =
      0.2;  // below sqrt(0.35)/2 = 0.296
  REQUIRE_THAT(message(bad), Catch::Contains("delta'-closer"));
  bad = config;
  bad.source.Mutable<SyntheticConfig>().patch_dim = 8;
  REQUIRE_THAT(message(bad), Catch::Contains("synthetic.patch_dim"));
  bad = config;
  bad.source.Mutable<SyntheticConfig>().num_confusers = 10;
  REQUIRE_THAT(message(bad), Catch::Contains("num_confusers"));
}
