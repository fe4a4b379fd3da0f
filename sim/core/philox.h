// Counter-based random numbers for bulk Gaussian draws.
//
// Philox4x32-10 (Salmon, Moraes, Dror and Shaw, "Parallel random numbers:
// as easy as 1, 2, 3", SC 2011): four 32-bit words from a 128-bit counter
// and a 64-bit key in ten rounds of multiplications and xors. The output is
// a pure function of (key, counter), so a block of values needs no
// sequential state and is computed sixteen counters at a time (the loops
// below vectorise). PhiloxNormals turns the words into standard normals by
// the Box-Muller transform with polynomial logarithm, sine and cosine in
// float precision (relative error below 1e-6; 24-bit uniforms, so |z| is at
// most about 5.9). The values depend only on the key, the count and the
// build's floating-point code (as every result here does), never on
// threads.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sim {

// One Philox4x32-10 block: out = Philox(key, counter).
inline void Philox4x32(const uint32_t counter[4],
                       const uint32_t key[2],
                       uint32_t out[4]) {
  uint32_t c0 = counter[0], c1 = counter[1], c2 = counter[2], c3 = counter[3];
  uint32_t k0 = key[0], k1 = key[1];
  for (int round = 0; round < 10; ++round) {
    const uint64_t p0 = uint64_t(0xD2511F53u) * c0;
    const uint64_t p1 = uint64_t(0xCD9E8D57u) * c2;
    const uint32_t n0 = uint32_t(p1 >> 32) ^ c1 ^ k0;
    const uint32_t n2 = uint32_t(p0 >> 32) ^ c3 ^ k1;
    c1 = uint32_t(p1);
    c3 = uint32_t(p0);
    c0 = n0;
    c2 = n2;
    k0 += 0x9E3779B9u;
    k1 += 0xBB67AE85u;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

// `count` standard normals into out[0 .. count), a pure function of `key`:
// normals 4 i .. 4 i + 3 come from the Philox block with counter (i, 0, 0,
// 0), two Box-Muller pairs of its words.
void PhiloxNormals(uint64_t key, float* out, size_t count);

}  // namespace sim
