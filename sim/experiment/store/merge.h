// `pmoe-sim merge`: combines the shard folders that `run --shard i/S` wrote
// (results/NAME/shards/i-of-S) into results/NAME, refusing shards of a
// different spec, foreign records and (by default) missing shards.
#pragma once

#include <string>
#include <vector>

namespace sim {

// Merges `shard_dirs` into `out_dir`. Throws SpecError on mismatched specs,
// records that are not runs of the spec, and (unless `allow_incomplete`)
// runs of the spec that no shard holds. Returns the number of records in
// the merged folder.
int MergeShards(const std::vector<std::string>& shard_dirs,
                const std::string& out_dir,
                bool force,
                bool allow_incomplete = false);

}  // namespace sim
