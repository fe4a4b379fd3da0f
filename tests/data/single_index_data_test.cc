#include "sim/data/single_index/single_index_data.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "sim/core/check.h"
#include "sim/core/rng.h"
#include "sim/data/generator.h"
#include "sim/data/single_index/single_index_config.h"

using namespace sim;

TEST_CASE("Normalised Hermite polynomials and their derivatives", "[data]") {
  for (double z : {-2.0, -0.5, 0.0, 0.7, 3.0}) {
    REQUIRE(HermiteNormalized(2, z) == Approx((z * z - 1) / std::sqrt(2.0)));
    REQUIRE(HermiteNormalized(3, z) ==
            Approx((z * z * z - 3 * z) / std::sqrt(6.0)).margin(1e-12));
    REQUIRE(HermiteNormalized(4, z) ==
            Approx((z * z * z * z - 6 * z * z + 3) / std::sqrt(24.0))
                .margin(1e-12));
    REQUIRE(HermiteNormalizedDerivative(3, z) ==
            Approx((3 * z * z - 3) / std::sqrt(6.0)).margin(1e-12));
  }
  // Orthonormal under N(0, 1) (Monte Carlo).
  Rng rng(1);
  double h33 = 0, h32 = 0;
  const int n = 400000;
  for (int i = 0; i < n; ++i) {
    const double z = rng.Normal();
    h33 += HermiteNormalized(3, z) * HermiteNormalized(3, z) / n;
    h32 += HermiteNormalized(3, z) * HermiteNormalized(2, z) / n;
  }
  REQUIRE(h33 == Approx(1.0).margin(0.03));
  REQUIRE(std::abs(h32) < 0.03);
}

TEST_CASE("Single-index data follows the teacher exactly", "[data]") {
  DataConfig config;
  config.source = SingleIndexConfig{};
  config.num_patches = 1;
  config.train_size = 4000;
  config.test_size = 10;
  config.source.Mutable<SingleIndexConfig>().dim = 12;
  config.source.Mutable<SingleIndexConfig>().num_clusters = 4;
  config.source.Mutable<SingleIndexConfig>().noise = 0.0;
  const auto bundle = GenerateData<double>(config, 5, nullptr);
  const Eigen::MatrixXd& t = bundle.teacher;
  REQUIRE(t.rows() == 5);
  REQUIRE((t * t.transpose() - Eigen::MatrixXd::Identity(5, 5)).norm() < 1e-9);
  std::vector<Eigen::VectorXd> mean(4, Eigen::VectorXd::Zero(12));
  std::vector<int> count(4, 0);
  for (int i = 0; i < 4000; ++i) {
    const Eigen::VectorXd x = bundle.train.patches.row(i).transpose();
    const int c = bundle.train.cluster[i];
    const double s = c % 2 == 0 ? 1 : -1;
    const double y = HermiteNormalized(3, t.row(c).dot(x)) +
                     s * HermiteNormalized(3, t.row(4).dot(x));
    REQUIRE(bundle.train.targets[i] == Approx(y).margin(1e-9));
    mean[c] += x;
    count[c]++;
  }
  for (int c = 0; c < 4; ++c) {
    REQUIRE(std::abs(count[c] - 1000) < 120);
    mean[c] /= count[c];
    // The cluster mean has norm rho and is orthogonal to every teacher index.
    REQUIRE(
        mean[c].norm() ==
        Approx(config.source.Mutable<SingleIndexConfig>().rho).margin(0.25));
    REQUIRE((t * mean[c]).cwiseAbs().maxCoeff() < 0.15);
  }
  config.source.Mutable<SingleIndexConfig>().num_clusters = 3;
  REQUIRE_THROWS_WITH(ValidateDataConfig(config),
                      Catch::Contains("num_clusters"));
}
