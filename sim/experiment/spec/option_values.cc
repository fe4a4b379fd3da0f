#include "sim/experiment/spec/option_values.h"

#include <charconv>
#include <thread>

#include "sim/experiment/spec/json_reader.h"

namespace sim {
namespace {

// One non-negative int filling [begin, end) exactly.
bool ParseCount(const char* begin, const char* end, int& value) {
  if (begin == end || *begin < '0' || *begin > '9') return false;
  const auto [stop, error] = std::from_chars(begin, end, value);
  return error == std::errc() && stop == end;
}

}  // namespace

int DefaultThreads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

void CheckThreads(int threads) {
  const int cores = DefaultThreads();
  const int limit = kMaxThreadsPerCore * cores;
  if (threads < 1 || threads > limit) {
    throw SpecError("--threads: must be in [1, " + std::to_string(limit) +
                    "] (" + std::to_string(kMaxThreadsPerCore) + " x " +
                    std::to_string(cores) + " cores), got " +
                    std::to_string(threads));
  }
}

bool ParseIntPair(const std::string& text,
                  const std::string& separator,
                  int& a,
                  int& b) {
  const size_t at = text.find(separator);
  if (at == std::string::npos || separator.empty()) return false;
  const char* begin = text.data();
  const char* end = begin + text.size();
  return ParseCount(begin, begin + at, a) &&
         ParseCount(begin + at + separator.size(), end, b);
}

void ParseShard(const std::string& text, int& shard, int& num_shards) {
  int i = 0, n = 0;
  if (!ParseIntPair(text, "/", i, n) || n < 1 || i >= n) {
    throw SpecError("--shard: expected i/S with 0 <= i < S < 2^31, got '" +
                    ClipName(text) + "'");
  }
  shard = i;
  num_shards = n;
}

}  // namespace sim
