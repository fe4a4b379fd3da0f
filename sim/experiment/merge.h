// `pmoe-sim merge`: combines the shard folders that `run --shard i/S` wrote
// (results/NAME/shards/i-of-S) into results/NAME, refusing shards of a
// different spec.
#pragma once

#include <string>
#include <vector>

namespace sim {

// Merges `shard_dirs` into `out_dir`. Throws SpecError on mismatched specs.
// Returns the number of records in the merged folder.
int MergeShards(const std::vector<std::string>& shard_dirs,
                const std::string& out_dir,
                bool force);

int MergeCommand(const std::vector<std::string>& args);

}  // namespace sim
