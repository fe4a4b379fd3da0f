#include "sim/data/fashion_mnist/fashion_mnist.h"

#include <zlib.h>

#include <stdexcept>

namespace sim {
namespace {

std::vector<uint8_t> ReadGzipFile(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) {
    throw std::runtime_error(path +
                             ": cannot open (install dataset-fashion-mnist "
                             "or set data.fashion_mnist.directory)");
  }
  std::vector<uint8_t> out;
  uint8_t buffer[1 << 16];
  while (true) {
    const int got = gzread(file, buffer, sizeof(buffer));
    if (got < 0) {
      int err = 0;
      const std::string message = gzerror(file, &err);
      gzclose(file);
      throw std::runtime_error(path + ": corrupt gzip data (" + message + ")");
    }
    if (got == 0) break;
    out.insert(out.end(), buffer, buffer + got);
  }
  gzclose(file);
  return out;
}

uint32_t BigEndian32(const std::vector<uint8_t>& bytes, size_t offset) {
  return (uint32_t{bytes[offset]} << 24) | (uint32_t{bytes[offset + 1]} << 16) |
         (uint32_t{bytes[offset + 2]} << 8) | uint32_t{bytes[offset + 3]};
}

}  // namespace

ImageSet ReadIdxImageSet(const std::string& images_path,
                         const std::string& labels_path) {
  const std::vector<uint8_t> images = ReadGzipFile(images_path);
  const std::vector<uint8_t> labels = ReadGzipFile(labels_path);
  // IDX: magic 0x00000803 (ubyte, 3 dims) for images, 0x00000801 for labels.
  if (images.size() < 16 || BigEndian32(images, 0) != 0x803) {
    throw std::runtime_error(images_path + ": not an IDX3 ubyte image file");
  }
  if (labels.size() < 8 || BigEndian32(labels, 0) != 0x801) {
    throw std::runtime_error(labels_path + ": not an IDX1 ubyte label file");
  }
  const uint64_t count = BigEndian32(images, 4);
  const uint64_t rows = BigEndian32(images, 8);
  const uint64_t cols = BigEndian32(images, 12);
  if (rows == 0 || cols == 0 || rows > 4096 || cols > 4096 ||
      images.size() != 16 + count * rows * cols) {
    throw std::runtime_error(images_path + ": truncated or inconsistent sizes");
  }
  if (BigEndian32(labels, 4) != count || labels.size() != 8 + count) {
    throw std::runtime_error(labels_path + ": label count does not match " +
                             images_path);
  }
  ImageSet set;
  set.rows = static_cast<int>(rows);
  set.cols = static_cast<int>(cols);
  set.pixels.assign(images.begin() + 16, images.end());
  set.labels.assign(labels.begin() + 8, labels.end());
  for (uint8_t label : set.labels) {
    if (label > 9) throw std::runtime_error(labels_path + ": label above 9");
  }
  return set;
}

FashionMnist LoadFashionMnist(const std::string& directory) {
  FashionMnist data;
  data.train = ReadIdxImageSet(directory + "/train-images-idx3-ubyte.gz",
                               directory + "/train-labels-idx1-ubyte.gz");
  data.test = ReadIdxImageSet(directory + "/t10k-images-idx3-ubyte.gz",
                              directory + "/t10k-labels-idx1-ubyte.gz");
  return data;
}

}  // namespace sim
