#include "sim/data/synthetic/synthetic_config.h"

#include <cmath>
#include <string>

#include "sim/core/check.h"
#include "sim/core/rng.h"
#include "sim/data/data_config.h"
#include "sim/data/synthetic/synthetic_patterns.h"

namespace sim {

const FieldSchema<SyntheticConfig>& SyntheticConfig::Schema() {
  using C = SyntheticConfig;
  static const FieldSchema<C> schema =
      FieldSchema<C>()
          .Int("patch_dim", &C::patch_dim, 1, 1 << 20)
          .Int("num_sets", &C::num_sets, 1, 1 << 20)
          .Int("num_confusers", &C::num_confusers, 0, 1024)
          .Number("delta_d", &C::delta_d)
          .Number("delta_r", &C::delta_r)
          .Number("set_radius", &C::set_radius)
          .Number("confuser_strength", &C::confuser_strength);
  return schema;
}

void SyntheticConfig::Validate(const DataConfig& data) const {
  Require(data.num_patches >= 2, "num_patches", "must be >= 2");
  Require(num_sets >= 1, "synthetic.num_sets", "must be >= 1");
  if (data.spurious.enabled) {
    Require(num_sets >= 3, "synthetic.num_sets",
            "must be >= 3 with spurious correlation (sets 0, 1 are spurious)");
  }
  Require(patch_dim >= num_sets + 3, "synthetic.patch_dim",
          "must be >= num_sets + 3 (room for o1, o2 and the set centres)");
  Require(delta_d > -1 && delta_d < 1, "synthetic.delta_d",
          "must be in (-1, 1)");
  const double a = std::sqrt((1 + delta_d) / 2);
  const double b = std::sqrt((1 - delta_d) / 2);
  Require(delta_r >= 0 && delta_r <= a, "synthetic.delta_r",
          "must be in [0, sqrt((1 + delta_d) / 2)] = [0, " + std::to_string(a) +
              "]");
  Require(set_radius >= 0 && set_radius <= 1, "synthetic.set_radius",
          "must be in [0, 1]");
  Require(num_confusers >= 0 && num_confusers <= data.num_patches - 1,
          "synthetic.num_confusers", "must be in [0, num_patches - 1]");
  if (num_confusers > 0) {
    Require(confuser_strength > b / 2 && confuser_strength < 1,
            "synthetic.confuser_strength",
            "must be in (sqrt((1 - delta_d) / 2) / 2, 1) = (" +
                std::to_string(b / 2) +
                ", 1) so that confusers are delta'-closer (Def. D.1)");
    Require(confuser_strength * b <= delta_r + 1e-12,
            "synthetic.confuser_strength",
            "alpha * sqrt((1 - delta_d) / 2) = " +
                std::to_string(confuser_strength * b) +
                " must be <= delta_r so that |<o_i, q>| <= delta_r");
  }
}

std::unique_ptr<PatternSource> SyntheticConfig::Patterns(
    bool, uint64_t seed, const SourceData*) const {
  Rng pattern_rng(DeriveSeed(seed, "patterns"));
  return std::make_unique<SyntheticPatterns>(*this, pattern_rng);
}

}  // namespace sim
