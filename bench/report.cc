#include "report.h"

#include <cstdio>
#include <filesystem>

#include "sim/experiment/io/safe_file.h"
#include "sim/experiment/store/provenance.h"

namespace bench {

Json MachineReport(const sim::MachinePeak& peak, int threads) {
  std::printf(
      "Machine: %s, %d cores\nPeak FP32 per core: %.1f GFLOP/s = %s\n\n",
      peak.cpu.c_str(), threads, peak.gflops_per_core, peak.derivation.c_str());
  return {{"cpu", peak.cpu},
          {"cores", threads},
          {"peak_fp32_gflops_per_core", peak.gflops_per_core},
          {"peak_derivation", peak.derivation},
          {"provenance", sim::MakeProvenance(threads)}};
}

void WriteReport(const std::string& path, const Json& report) {
  const std::filesystem::path parent =
      std::filesystem::path(path).parent_path();
  std::filesystem::create_directories(parent.empty() ? "." : parent);
  sim::WriteFileAtomic(path, report.dump(2) + "\n");
  std::printf("\nwrote %s\n", path.c_str());
}

}  // namespace bench
