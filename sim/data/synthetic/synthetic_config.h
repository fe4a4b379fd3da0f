// The synthetic data source [P §3; pmoe-paper.md §1.1, data-difficulty.md]:
// o1, o2, p class-irrelevant pattern sets and confusers, with exact
// separations (SyntheticPatterns).
#pragma once

#include <cstdint>
#include <memory>

#include "sim/core/field_schema.h"
#include "sim/data/data_source.h"

namespace sim {

// Class-irrelevant patterns: p sets S_1..S_p, each a ball around a unit
// centre with no o1-o2 component, so they are identically distributed for
// both classes. Confusers are irrelevant patterns with a component +-alpha
// along u = (o1-o2)/|o1-o2| (random sign independent of y); they are
// exactly the delta'-closer patterns of Def. D.3, so l* = num_confusers + 1.
struct SyntheticConfig {
  static constexpr const char* kName = "synthetic";
  int patch_dim = 64;              // d
  int num_sets = 8;                // p
  double delta_d = 0.5;            // <o1, o2>, in (-1, 1)
  double delta_r = 0.4;            // max |<o_i, q>| over irrelevant q
  double set_radius = 0.3;         // radius of each S_j around its centre
  int num_confusers = 3;           // l* - 1 confusers per sample
  double confuser_strength = 0.8;  // alpha, see Validate

  static const FieldSchema<SyntheticConfig>& Schema();
  int PatchDim() const { return patch_dim; }
  void Validate(const DataConfig& data) const;
  // Train and test share the patterns (stream "patterns" of `seed`).
  std::unique_ptr<PatternSource> Patterns(bool test,
                                          uint64_t seed,
                                          const SourceData* loaded) const;
  int Confusers() const { return num_confusers; }
};

}  // namespace sim
