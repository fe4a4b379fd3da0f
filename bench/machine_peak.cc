#include "machine_peak.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace sim {

MachinePeak DetectPeak() {
  std::ifstream in("/proc/cpuinfo");
  std::string line, flags, model = "unknown";
  double mhz = 0;
  while (std::getline(in, line)) {
    auto value = [&] { return line.substr(line.find(':') + 2); };
    if (flags.empty() && line.rfind("flags", 0) == 0)
      flags = " " + value() + " ";
    if (mhz == 0 && line.rfind("cpu MHz", 0) == 0) mhz = std::stod(value());
    if (model == "unknown" && line.rfind("model name", 0) == 0) model = value();
  }
  int lanes = 4;
  std::string isa = "SSE";
  if (flags.find(" avx512f ") != std::string::npos) {
    lanes = 16;
    isa = "AVX-512";
  } else if (flags.find(" avx2 ") != std::string::npos) {
    lanes = 8;
    isa = "AVX2";
  }
  const bool fma = flags.find(" fma ") != std::string::npos;
  const int pipes = 2;
  const int flops_per_lane = fma ? 2 : 1;
  MachinePeak peak;
  peak.cpu = model;
  peak.gflops_per_core = pipes * lanes * flops_per_lane * mhz / 1000.0;
  char text[256];
  std::snprintf(text, sizeof(text),
                "%d %s units x %d FP32 lanes (%s) x %d flops x %.2f GHz (cpu "
                "MHz from /proc/cpuinfo; "
                "2 vector pipes per core assumed)",
                pipes, fma ? "FMA" : "vector", lanes, isa.c_str(),
                flops_per_lane, mhz / 1000.0);
  peak.derivation = text;
  return peak;
}

}  // namespace sim
