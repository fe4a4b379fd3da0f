// Reader for the gzip-compressed IDX files of Fashion-MNIST that Debian's
// dataset-fashion-mnist package installs under
// /usr/share/datasets/fashion-mnist. Used by the image-pattern data mode
// [pmoe-paper.md §1.2, §5.1].
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/data/source_data.h"

namespace sim {

struct ImageSet {
  int rows = 0, cols = 0;
  std::vector<uint8_t> pixels;  // (count, rows * cols), row-major
  std::vector<uint8_t> labels;  // (count)
  int count() const { return static_cast<int>(labels.size()); }
};

// Train images (60000) and test images (10000) are disjoint by construction.
// The source's loaded data (FashionMnistConfig::Load).
struct FashionMnist : SourceData {
  ImageSet train;
  ImageSet test;
};

// Reads one IDX images file and its labels file, plain or gzip. Throws
// std::runtime_error with the file name and the rule broken: missing, not a
// regular file, bad magic, a size other than the header's (a plain file's
// size is checked before reading, a gzip file is refused once it yields
// more than its header claims), or a claim above 1 GB.
ImageSet ReadIdxImageSet(const std::string& images_path,
                         const std::string& labels_path);

// Reads train-* and t10k-* from `directory`.
FashionMnist LoadFashionMnist(const std::string& directory);

}  // namespace sim
