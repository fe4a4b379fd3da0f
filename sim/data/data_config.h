// Typed options of the data model [pmoe-paper.md §1.1, §1.2;
// data-difficulty.md]: what every source shares, and the source's own
// options (data_source.h). Filled in by the spec parser at the edge; the
// core validates them with ValidateDataConfig and never sees JSON.
#pragma once

#include "sim/core/field_schema.h"
#include "sim/data/data_source.h"
#include "sim/data/synthetic/synthetic_config.h"

namespace sim {

enum class PositionLaw {
  kUniform,  // discriminative patch uniform over all n positions (paper)
  kInterior  // uniform over 1..n-2, as in the official code's test data
};

// Spurious correlation (off by default; the theory has none): in training
// data, one irrelevant patch per sample comes from set 0 when y = +1 and
// from set 1 when y = -1, with probability `probability` (else swapped). In
// test data the choice is a fair coin. Other irrelevant patches avoid sets 0
// and 1.
struct SpuriousConfig {
  bool enabled = false;
  double probability = 0.95;
};

struct DataConfig {
  DataSourceConfig source = SyntheticConfig{};
  int num_patches = 16;  // n
  int train_size = 200;  // N
  int test_size = 1000;
  PositionLaw position = PositionLaw::kUniform;
  double noise_std = 0.0;  // additive N(0, noise_std^2 / d) per coordinate
  SpuriousConfig spurious;

  // The options every source shares (the source's own: source->...).
  static const FieldSchema<DataConfig>& Schema();
};

// Throws ConfigError naming the field and the rule if the combination of
// options cannot be generated (e.g. confusers that would break delta_r).
void ValidateDataConfig(const DataConfig& config);

// The patch dimension d the data will have (784 for Fashion-MNIST).
inline int PatchDim(const DataConfig& config) {
  return config.source->patch_dim();
}

}  // namespace sim
