#include "sim/core/rng.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <set>

using sim::Rng;

TEST_CASE("Rng is a pure function of its seed", "[core]") {
  Rng a(42), b(42), c(43);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const uint64_t x = a.NextU64();
    REQUIRE(x == b.NextU64());
    differs |= x != c.NextU64();
  }
  REQUIRE(differs);
}

TEST_CASE("Derived seeds are distinct per tag and parent", "[core]") {
  std::set<uint64_t> seeds;
  for (uint64_t parent = 0; parent < 50; ++parent) {
    for (const char* tag : {"data", "init", "shuffle", "train", "test"}) {
      seeds.insert(sim::DeriveSeed(parent, tag));
    }
  }
  REQUIRE(seeds.size() == 250);
}

TEST_CASE("Uniform; Normal and UniformInt have the promised moments",
          "[core]") {
  Rng rng(7);
  const int count = 200000;
  double sum = 0, sum_sq = 0, nsum = 0, nsum_sq = 0, nsum_4 = 0;
  std::vector<int> buckets(10, 0);
  for (int i = 0; i < count; ++i) {
    const double u = rng.Uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum_sq += u * u;
    const double z = rng.Normal();
    nsum += z;
    nsum_sq += z * z;
    nsum_4 += z * z * z * z;
    buckets[rng.UniformInt(10)]++;
  }
  // Means within ~5 standard errors.
  REQUIRE(std::abs(sum / count - 0.5) < 5 * std::sqrt(1.0 / 12 / count));
  REQUIRE(std::abs(sum_sq / count - 1.0 / 3) < 0.005);
  REQUIRE(std::abs(nsum / count) < 5 / std::sqrt(double(count)));
  REQUIRE(std::abs(nsum_sq / count - 1.0) < 0.02);
  REQUIRE(std::abs(nsum_4 / count - 3.0) < 0.1);
  double chi2 = 0;
  for (int b : buckets)
    chi2 += (b - count / 10.0) * (b - count / 10.0) / (count / 10.0);
  REQUIRE(chi2 < 30);  // 9 degrees of freedom; p < 0.001
}

TEST_CASE("Shuffle is a permutation", "[core]") {
  Rng rng(1);
  std::vector<int> v(100);
  for (int i = 0; i < 100; ++i) v[i] = i;
  rng.Shuffle(v);
  std::set<int> seen(v.begin(), v.end());
  REQUIRE(seen.size() == 100);
  bool moved = false;
  for (int i = 0; i < 100; ++i) moved |= v[i] != i;
  REQUIRE(moved);
}
