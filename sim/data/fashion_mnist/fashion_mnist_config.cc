#include "sim/data/fashion_mnist/fashion_mnist_config.h"

#include "sim/core/check.h"
#include "sim/data/data_config.h"
#include "sim/data/fashion_mnist/fashion_mnist.h"
#include "sim/data/fashion_mnist/image_patterns.h"

namespace sim {

const FieldSchema<FashionMnistConfig>& FashionMnistConfig::Schema() {
  using C = FashionMnistConfig;
  static const FieldSchema<C> schema =
      FieldSchema<C>()
          .String("directory", &C::directory)
          .Int("positive_class", &C::positive_class, 0, 9)
          .Int("negative_class", &C::negative_class, 0, 9)
          .Bool("unit_norm", &C::unit_norm);
  return schema;
}

void FashionMnistConfig::Validate(const DataConfig& data) const {
  Require(data.num_patches >= 2, "num_patches", "must be >= 2");
  Require(positive_class >= 0 && positive_class <= 9,
          "fashion_mnist.positive_class", "must be a class 0..9");
  Require(negative_class >= 0 && negative_class <= 9,
          "fashion_mnist.negative_class", "must be a class 0..9");
  Require(positive_class != negative_class, "fashion_mnist.negative_class",
          "must differ from positive_class");
}

std::unique_ptr<PatternSource> FashionMnistConfig::Patterns(
    bool test, uint64_t, const SourceData* loaded) const {
  const auto* images = dynamic_cast<const FashionMnist*>(loaded);
  SIM_CHECK(images != nullptr);
  return std::make_unique<ImagePatterns>(*this,
                                         test ? images->test : images->train);
}

std::shared_ptr<const SourceData> FashionMnistConfig::Load() const {
  return std::make_shared<const FashionMnist>(LoadFashionMnist(directory));
}

}  // namespace sim
