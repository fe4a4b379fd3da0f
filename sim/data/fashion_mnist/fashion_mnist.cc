#include "sim/data/fashion_mnist/fashion_mnist.h"

#include <stdexcept>

#include "sim/data/fashion_mnist/data_file_stream.h"

namespace sim {
namespace {

// The largest payload an IDX file may claim: far above Fashion-MNIST's
// 47 MB, far below what a hostile header could make the reader allocate.
constexpr uint64_t kMaxIdxPayloadBytes = uint64_t(1) << 30;

uint32_t BigEndian32(const uint8_t* bytes) {
  return (uint32_t{bytes[0]} << 24) | (uint32_t{bytes[1]} << 16) |
         (uint32_t{bytes[2]} << 8) | uint32_t{bytes[3]};
}

// Reads the IDX header of `file` (magic, then `dims` sizes) and returns the
// sizes. `what` names the expected kind of file.
std::vector<uint32_t> ReadIdxHeader(DataFileStream& file,
                                    uint32_t magic,
                                    int dims,
                                    const std::string& what) {
  std::vector<uint8_t> header(4 + 4 * static_cast<size_t>(dims));
  if (file.Read(header.data(), header.size()) != header.size() ||
      BigEndian32(header.data()) != magic) {
    throw std::runtime_error(file.path() + ": not an " + what + " (no " +
                             std::to_string(header.size()) +
                             "-byte IDX header with its magic number)");
  }
  std::vector<uint32_t> sizes;
  for (int i = 0; i < dims; ++i)
    sizes.push_back(BigEndian32(header.data() + 4 + 4 * i));
  return sizes;
}

// Reads the `payload` bytes after a `header_bytes` header, checking the
// file's size against the header first: a plain file must be exactly that
// long; a gzip file must decompress to exactly that and is refused as soon
// as it produces one byte more.
std::vector<uint8_t> ReadIdxPayload(DataFileStream& file,
                                    uint64_t header_bytes,
                                    uint64_t payload,
                                    const std::string& claim) {
  const uint64_t total = header_bytes + payload;
  if (payload > kMaxIdxPayloadBytes) {
    throw std::runtime_error(file.path() + ": its header claims " + claim +
                             ", more than the " +
                             std::to_string(kMaxIdxPayloadBytes >> 20) +
                             " MB an IDX file may hold here");
  }
  if (!file.compressed() && file.file_bytes() != total) {
    throw std::runtime_error(file.path() + ": holds " +
                             std::to_string(file.file_bytes()) +
                             " bytes, but its header claims " + claim + " (" +
                             std::to_string(total) + " bytes with the header)");
  }
  std::vector<uint8_t> bytes;
  if (!file.compressed()) bytes.reserve(payload);  // its size was checked
  file.ReadExactly(payload, bytes, "its header claims " + claim);
  file.ExpectEnd(claim);
  return bytes;
}

}  // namespace

ImageSet ReadIdxImageSet(const std::string& images_path,
                         const std::string& labels_path) {
  DataFileStream images(images_path);
  DataFileStream labels(labels_path);
  // IDX: magic 0x00000803 (ubyte, 3 dims) for images, 0x00000801 for labels.
  const std::vector<uint32_t> dims =
      ReadIdxHeader(images, 0x803, 3, "IDX3 ubyte image file");
  const std::vector<uint32_t> label_dims =
      ReadIdxHeader(labels, 0x801, 1, "IDX1 ubyte label file");
  const uint64_t count = dims[0], rows = dims[1], cols = dims[2];
  if (rows == 0 || cols == 0 || rows > 4096 || cols > 4096) {
    throw std::runtime_error(images_path + ": images of " +
                             std::to_string(rows) + "x" + std::to_string(cols) +
                             " pixels; each side must be in 1..4096");
  }
  if (label_dims[0] != count) {
    throw std::runtime_error(
        labels_path + ": " + std::to_string(label_dims[0]) + " labels, but " +
        images_path + " has " + std::to_string(count) + " images");
  }
  ImageSet set;
  set.rows = static_cast<int>(rows);
  set.cols = static_cast<int>(cols);
  set.pixels = ReadIdxPayload(images, 16, count * rows * cols,
                              std::to_string(count) + " images of " +
                                  std::to_string(rows) + "x" +
                                  std::to_string(cols) + " pixels");
  set.labels =
      ReadIdxPayload(labels, 8, count, std::to_string(count) + " labels");
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
