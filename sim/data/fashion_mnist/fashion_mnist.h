// Reader for the gzip-compressed IDX files of Fashion-MNIST that Debian's
// dataset-fashion-mnist package installs under
// /usr/share/datasets/fashion-mnist. Used by the image-pattern data mode
// [pmoe-paper.md §1.2, §5.1].
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sim {

struct ImageSet {
  int rows = 0, cols = 0;
  std::vector<uint8_t> pixels;  // (count, rows * cols), row-major
  std::vector<uint8_t> labels;  // (count)
  int count() const { return static_cast<int>(labels.size()); }
};

// Train images (60000) and test images (10000) are disjoint by construction.
struct FashionMnist {
  ImageSet train;
  ImageSet test;
};

// Reads one IDX images file and its labels file. Throws std::runtime_error
// with the file name and what was wrong (missing, truncated, bad magic).
ImageSet ReadIdxImageSet(const std::string& images_path,
                         const std::string& labels_path);

// Reads train-* and t10k-* from `directory`.
FashionMnist LoadFashionMnist(const std::string& directory);

}  // namespace sim
