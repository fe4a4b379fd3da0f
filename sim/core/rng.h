// Deterministic random numbers with no global state.
//
// Every random draw in the simulator goes through an Rng object passed by
// reference (bulk Gaussian blocks through a Philox key drawn from one,
// philox.h). Seeds are derived, never shared: DeriveSeed(parent, tag) gives
// an independent stream per purpose (training data, test data, weights,
// shuffling), so changing one purpose never shifts the numbers of another.
// We implement the distributions ourselves because the algorithms behind
// std::normal_distribution are implementation-defined.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace sim {

// SplitMix64 finaliser: a bijective 64-bit mixer (Steele et al., 2014).
inline uint64_t Mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Hash of a short text tag (FNV-1a), for naming seed streams.
inline uint64_t HashTag(std::string_view tag) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : tag) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Seed of the child stream `tag` of `parent`.
inline uint64_t DeriveSeed(uint64_t parent, uint64_t tag) {
  return Mix64(Mix64(parent) ^ Mix64(tag + 0x632be59bd9b4e019ULL));
}
inline uint64_t DeriveSeed(uint64_t parent, std::string_view tag) {
  return DeriveSeed(parent, HashTag(tag));
}

// xoshiro256** (Blackman & Vigna, 2018), seeded through SplitMix64.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t x = seed;
    for (auto& s : state_) {
      x += 0x9e3779b97f4a7c15ULL;
      s = Mix64(x);
    }
  }

  uint64_t NextU64() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(NextU64() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, n), unbiased (Lemire's rejection method).
  uint64_t UniformInt(uint64_t n) {
    unsigned __int128 m = static_cast<unsigned __int128>(NextU64()) * n;
    uint64_t low = static_cast<uint64_t>(m);
    if (low < n) {
      const uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<unsigned __int128>(NextU64()) * n;
        low = static_cast<uint64_t>(m);
      }
    }
    return static_cast<uint64_t>(m >> 64);
  }

  // Standard normal by the Marsaglia polar method; the spare is cached so the
  // stream stays a pure function of the seed and the call sequence.
  double Normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = 2.0 * Uniform() - 1.0;
      v = 2.0 * Uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double factor = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * factor;
    has_spare_ = true;
    return u * factor;
  }

  // Random sign, +1 or -1 with equal probability.
  int Sign() { return (NextU64() >> 63) ? 1 : -1; }

  // In-place Fisher-Yates shuffle.
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) {
      const size_t j = UniformInt(i);
      std::swap(v[i - 1], v[j]);
    }
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace sim
