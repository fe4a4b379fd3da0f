// Fashion-MNIST images as patterns [pmoe-paper.md §1.2, §5.1]: two classes
// are o1 and o2, the other eight the irrelevant pattern sets
// (ImagePatterns).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "sim/core/field_schema.h"
#include "sim/data/data_source.h"

namespace sim {

struct FashionMnistConfig {
  static constexpr const char* kName = "fashion_mnist";
  std::string directory = "/usr/share/datasets/fashion-mnist";
  int positive_class = 1;  // images of this class are o1 (y = +1): Trouser
  int negative_class = 7;  // images of this class are o2 (y = -1): Sneaker
  bool unit_norm = true;   // paper: unit patches; code: raw pixels / 255

  static const FieldSchema<FashionMnistConfig>& Schema();
  int PatchDim() const { return 784; }
  void Validate(const DataConfig& data) const;
  // Train patterns from the train images, test patterns from t10k;
  // `loaded` is what Load returned.
  std::unique_ptr<PatternSource> Patterns(bool test,
                                          uint64_t seed,
                                          const SourceData* loaded) const;
  int Confusers() const { return 0; }
  std::string DataLocation() const { return directory; }
  // The images of `directory` (a FashionMnist; LoadFashionMnist).
  std::shared_ptr<const SourceData> Load() const;
};

}  // namespace sim
