// Checked values of command-line options shared by the subcommands: thread
// counts and shard names. Every bad value is a SpecError naming the option,
// never a crash or a silently wrapped number.
#pragma once

#include <string>

namespace sim {

// Hardware threads of this machine (1 if unknown).
int DefaultThreads();

// More threads than this per core only slow a grid down (and 10^5 of them
// crash the OpenMP runtime).
constexpr int kMaxThreadsPerCore = 8;

// Throws SpecError("--threads: must be in [1, LIMIT] ...") unless
// 1 <= threads <= kMaxThreadsPerCore x cores.
void CheckThreads(int threads);

// Reads "A<separator>B" of two non-negative decimal ints, nothing else
// (no sign, no blanks, no overflow). False if `text` is not one.
bool ParseIntPair(const std::string& text,
                  const std::string& separator,
                  int& a,
                  int& b);

// Reads --shard "i/S" with 0 <= i < S; SpecError otherwise.
void ParseShard(const std::string& text, int& shard, int& num_shards);

}  // namespace sim
