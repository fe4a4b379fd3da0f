#include "sim/data/data_config.h"

#include "sim/core/check.h"

namespace sim {
namespace {

constexpr long kBig = 100000000;

}  // namespace

const FieldSchema<DataConfig>& DataConfig::Schema() {
  static const FieldSchema<DataConfig> schema = [] {
    FieldSchema<SpuriousConfig> spurious;
    spurious.Bool("enabled", &SpuriousConfig::enabled)
        .Number("probability", &SpuriousConfig::probability);
    FieldSchema<DataConfig> s;
    s.Int("num_patches", &DataConfig::num_patches, 1, 1024)
        .Int("train_size", &DataConfig::train_size, 1, kBig)
        .Int("test_size", &DataConfig::test_size, 1, kBig)
        .Choice("position", &DataConfig::position,
                {{"uniform", PositionLaw::kUniform},
                 {"interior", PositionLaw::kInterior}})
        .Number("noise_std", &DataConfig::noise_std)
        .Nested("spurious", &DataConfig::spurious, spurious);
    return s;
  }();
  return schema;
}

void ValidateDataConfig(const DataConfig& config) {
  Require(static_cast<bool>(config.source), "source", "is required");
  Require(config.train_size >= 1, "train_size", "must be >= 1");
  Require(config.test_size >= 1, "test_size", "must be >= 1");
  Require(config.noise_std >= 0, "noise_std", "must be >= 0");
  Require(config.position != PositionLaw::kInterior || config.num_patches >= 3,
          "position", "'interior' needs num_patches >= 3");
  Require(config.spurious.enabled ||
              config.spurious.probability == SpuriousConfig{}.probability,
          "spurious.probability",
          "applies only when data.spurious.enabled is true (leave it out)");
  if (config.spurious.enabled) {
    Require(
        config.spurious.probability >= 0 && config.spurious.probability <= 1,
        "spurious.probability", "must be in [0, 1]");
    Require(config.num_patches - 1 - config.source->confusers() >= 1,
            "spurious.enabled",
            "needs at least one plain irrelevant patch per sample");
  }
  config.source->Validate(config);
}

}  // namespace sim
