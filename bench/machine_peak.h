// The machine's theoretical peak FP32 throughput per core, derived from its
// SIMD width and clock, with the derivation spelled out for the report.
#pragma once

#include <string>

namespace sim {

struct MachinePeak {
  double gflops_per_core = 0;  // FP32
  std::string
      derivation;  // "2 FMA units x 16 lanes (AVX-512) x 2 flops x 2.60 GHz"
  std::string cpu;
};

// Reads /proc/cpuinfo (flags, MHz) and assumes 2 FMA pipes per core, as on
// current x86 server cores (Zen 4/5, Skylake-SP and later with 2 AVX-512 FMA).
MachinePeak DetectPeak();

}  // namespace sim
