#include "sim/experiment/provenance.h"

#include <unistd.h>

#include <Eigen/Core>
#include <array>
#include <cstdio>
#include <ctime>
#include <fstream>

#ifndef PMOE_VERSION
#define PMOE_VERSION "unknown"
#endif
#ifndef PMOE_SOURCE_DIR
#define PMOE_SOURCE_DIR "."
#endif
#ifndef PMOE_CXX_FLAGS
#define PMOE_CXX_FLAGS ""
#endif

namespace sim {
namespace {

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string CommandOutput(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return "";
  std::array<char, 256> buffer{};
  std::string out;
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr)
    out += buffer.data();
  ::pclose(pipe);
  return Trim(out);
}

}  // namespace

std::string NowIso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string CpuModelName() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const size_t colon = line.find(':');
      if (colon != std::string::npos) return Trim(line.substr(colon + 2));
    }
  }
  return "unknown";
}

Json MakeProvenance(int threads) {
  const std::string git = std::string("git -C '") + PMOE_SOURCE_DIR + "' ";
  const std::string commit = CommandOutput(git + "rev-parse HEAD 2>/dev/null");
  const std::string dirty =
      CommandOutput(git + "status --porcelain 2>/dev/null | head -1");
  char host[256] = "unknown";
  ::gethostname(host, sizeof(host) - 1);
  return {{"version", PMOE_VERSION},
          {"git_commit", commit.empty() ? Json(nullptr) : Json(commit)},
          {"git_dirty", !dirty.empty()},
          {"compiler", std::string("g++ ") + __VERSION__},
          {"flags", PMOE_CXX_FLAGS},
          {"eigen", std::to_string(EIGEN_WORLD_VERSION) + "." +
                        std::to_string(EIGEN_MAJOR_VERSION) + "." +
                        std::to_string(EIGEN_MINOR_VERSION)},
          {"host", host},
          {"cpu", CpuModelName()},
          {"cores", static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN))},
          {"threads", threads},
          {"start", NowIso8601()}};
}

}  // namespace sim
