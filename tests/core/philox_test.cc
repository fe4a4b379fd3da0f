#include "sim/core/philox.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using namespace sim;

TEST_CASE("Philox4x32-10 gives the published known answers", "[core]") {
  // Known-answer vectors of Random123's kat_vectors for philox4x32_10.
  struct Kat {
    uint32_t counter[4], key[2], out[4];
  };
  const Kat kats[] = {
      {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
      {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
       {0xffffffff, 0xffffffff},
       {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
      {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
       {0xa4093822, 0x299f31d0},
       {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}}};
  for (const Kat& kat : kats) {
    uint32_t out[4];
    Philox4x32(kat.counter, kat.key, out);
    for (int j = 0; j < 4; ++j) REQUIRE(out[j] == kat.out[j]);
  }
}

TEST_CASE("PhiloxNormals are standard normals, a pure function of the key",
          "[core]") {
  const size_t count = 1 << 20;
  std::vector<float> z(count), again(count), other(count);
  PhiloxNormals(12345, z.data(), count);
  PhiloxNormals(12345, again.data(), count);
  PhiloxNormals(12346, other.data(), count);
  REQUIRE(z == again);
  REQUIRE(z != other);
  // A shorter draw is a prefix of a longer one.
  std::vector<float> prefix(77);
  PhiloxNormals(12345, prefix.data(), prefix.size());
  for (size_t i = 0; i < prefix.size(); ++i) REQUIRE(prefix[i] == z[i]);
  double m1 = 0, m2 = 0, m3 = 0, m4 = 0, lag = 0;
  long beyond2 = 0;
  for (size_t i = 0; i < count; ++i) {
    const double x = z[i];
    m1 += x;
    m2 += x * x;
    m3 += x * x * x;
    m4 += x * x * x * x;
    beyond2 += std::abs(x) > 2;
    if (i > 0) lag += x * z[i - 1];
  }
  const double n = double(count);
  // Standard errors: mean 1e-3, variance 1.4e-3, skew 2.4e-3, kurtosis 24e-3.
  REQUIRE(std::abs(m1 / n) < 5e-3);
  REQUIRE(std::abs(m2 / n - 1) < 7e-3);
  REQUIRE(std::abs(m3 / n) < 1.2e-2);
  REQUIRE(std::abs(m4 / n - 3) < 0.12);
  REQUIRE(std::abs(lag / n) < 5e-3);  // pairs and neighbours uncorrelated
  // P(|z| > 2) = 0.0455 (standard error 2e-4).
  REQUIRE(std::abs(beyond2 / n - 0.0455) < 1e-3);
}
