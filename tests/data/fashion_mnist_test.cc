#include "sim/data/fashion_mnist/fashion_mnist.h"

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "sim/data/fashion_mnist/fashion_mnist_config.h"
#include "sim/data/generator.h"

using namespace sim;
namespace fs = std::filesystem;

namespace {

void WriteGz(const std::string& path, const std::vector<uint8_t>& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(f);
}

void PutU32(std::vector<uint8_t>& out, uint32_t x) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(uint8_t(x >> s));
}

// A scratch folder name of this process (tests may run side by side).
std::string UniqueName(const std::string& stem) {
  return stem + "_" + std::to_string(::getpid());
}

void WritePlain(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
}

// An IDX images header claiming `count` images of rows x cols.
std::vector<uint8_t> ImagesHeader(uint32_t count,
                                  uint32_t rows,
                                  uint32_t cols) {
  std::vector<uint8_t> header;
  for (uint32_t x : {0x803u, count, rows, cols}) PutU32(header, x);
  return header;
}

// Writes a tiny IDX pair: `per_class` 4x4 images per class 0..9 whose pixels
// are all `base + class` (so the class and the split can be read back).
void WriteIdx(const std::string& dir,
              const std::string& prefix,
              int per_class,
              int base) {
  std::vector<uint8_t> images, labels;
  PutU32(images, 0x803);
  PutU32(images, 10 * per_class);
  PutU32(images, 4);
  PutU32(images, 4);
  PutU32(labels, 0x801);
  PutU32(labels, 10 * per_class);
  for (int i = 0; i < 10 * per_class; ++i) {
    const int c = i % 10;
    for (int p = 0; p < 16; ++p) images.push_back(uint8_t(base + c + (p % 2)));
    labels.push_back(uint8_t(c));
  }
  WriteGz(dir + "/" + prefix + "-images-idx3-ubyte.gz", images);
  WriteGz(dir + "/" + prefix + "-labels-idx1-ubyte.gz", labels);
}

}  // namespace

TEST_CASE("IDX reader reads images and labels; and reports bad files",
          "[data]") {
  const fs::path dir = fs::temp_directory_path() / "pmoe_idx_test";
  fs::create_directories(dir);
  WriteIdx(dir, "train", 3, 10);
  WriteIdx(dir, "t10k", 2, 100);
  const FashionMnist data = LoadFashionMnist(dir);
  REQUIRE(data.train.count() == 30);
  REQUIRE(data.test.count() == 20);
  REQUIRE(data.train.rows == 4);
  REQUIRE(data.train.pixels[16 * 3] == 13);  // image 3 is class 3

  SECTION("missing file") {
    REQUIRE_THROWS_WITH(LoadFashionMnist((dir / "nowhere").string()),
                        Catch::Contains("cannot open"));
  }
  SECTION("corrupt file") {
    WriteGz(dir / "t10k-images-idx3-ubyte.gz", {1, 2, 3, 4, 5});
    REQUIRE_THROWS_WITH(LoadFashionMnist(dir), Catch::Contains("not an IDX3"));
  }
  SECTION("not gzip at all is read as raw bytes by zlib, then rejected") {
    std::FILE* f =
        std::fopen((dir / "t10k-labels-idx1-ubyte.gz").c_str(), "wb");
    std::fputs("garbage", f);
    std::fclose(f);
    REQUIRE_THROWS(LoadFashionMnist(dir));
  }
  fs::remove_all(dir);
}

TEST_CASE("Image patterns: classes as o1/o2 and sets; train/test disjoint",
          "[data]") {
  const fs::path dir = fs::temp_directory_path() / "pmoe_idx_test2";
  fs::create_directories(dir);
  WriteIdx(dir, "train", 5, 10);  // train pixels 10..20
  WriteIdx(dir, "t10k", 5, 100);  // test pixels 100..110
  const FashionMnist images = LoadFashionMnist(dir);
  DataConfig config;
  config.source = FashionMnistConfig{};
  config.num_patches = 16;
  config.train_size = 200;
  config.test_size = 100;
  config.source.Mutable<FashionMnistConfig>().unit_norm = false;
  config.source.Mutable<FashionMnistConfig>().positive_class = 1;
  config.source.Mutable<FashionMnistConfig>().negative_class = 0;
  const auto bundle = GenerateData<double>(config, 9, &images);
  auto pixel_class = [](double value, int base) {
    return int(std::lround(value * 255)) - base;
  };
  for (const auto* split : {&bundle.train, &bundle.test}) {
    const int base = split == &bundle.train ? 10 : 100;
    for (int i = 0; i < split->num_samples; ++i) {
      for (int j = 0; j < 16; ++j) {
        const int c = pixel_class(split->Sample(i)(j, 0), base);
        REQUIRE(c >= 0);  // a train patch never comes from test images
        REQUIRE(c <= 9);
        if (j == split->signal_position[i]) {
          REQUIRE(c == (split->labels[i] > 0 ? 1 : 0));
        } else {
          REQUIRE(c >= 2);  // irrelevant: the eight other classes
        }
      }
    }
  }
  config.source.Mutable<FashionMnistConfig>().unit_norm = true;
  const auto unit = GenerateData<float>(config, 9, &images);
  REQUIRE(unit.train.patches.rowwise().norm().minCoeff() ==
          Approx(1.0f).margin(1e-5));
  fs::remove_all(dir);
}

TEST_CASE("The installed Fashion-MNIST files load", "[data][installed]") {
  const std::string dir = "/usr/share/datasets/fashion-mnist";
  if (!fs::exists(dir + "/train-images-idx3-ubyte.gz")) {
    WARN("dataset-fashion-mnist is not installed; skipped");
    return;
  }
  const FashionMnist data = LoadFashionMnist(dir);
  REQUIRE(data.train.count() == 60000);
  REQUIRE(data.test.count() == 10000);
  REQUIRE(data.train.rows * data.train.cols == 784);
}

TEST_CASE("IDX reader: plain files; sizes checked against the header",
          "[data][idx]") {
  const fs::path dir = fs::temp_directory_path() / UniqueName("pmoe_idx_sizes");
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string images = (dir / "images").string();
  const std::string labels = (dir / "labels").string();
  std::vector<uint8_t> image_bytes = ImagesHeader(3, 2, 2);
  for (int i = 0; i < 12; ++i) image_bytes.push_back(uint8_t(i));
  std::vector<uint8_t> label_bytes;
  for (uint32_t x : {0x801u, 3u}) PutU32(label_bytes, x);
  for (uint8_t l : {4, 5, 6}) label_bytes.push_back(l);
  WritePlain(images, image_bytes);
  WritePlain(labels, label_bytes);

  SECTION("an uncompressed IDX pair is read") {
    const ImageSet set = ReadIdxImageSet(images, labels);
    REQUIRE(set.count() == 3);
    REQUIRE(set.pixels.size() == 12);
    REQUIRE(set.pixels[11] == 11);
    REQUIRE(set.labels[2] == 6);
  }
  SECTION("the same pair gzip-compressed is read alike") {
    WriteGz(images, image_bytes);
    WriteGz(labels, label_bytes);
    REQUIRE(ReadIdxImageSet(images, labels).pixels[11] == 11);
  }
  SECTION("a truncated plain file is refused before reading, named") {
    image_bytes.pop_back();
    WritePlain(images, image_bytes);
    REQUIRE_THROWS_WITH(
        ReadIdxImageSet(images, labels),
        Catch::StartsWith(images) &&
            Catch::Contains("holds 27 bytes, but its header claims 3 images "
                            "of 2x2 pixels (28 bytes with the header)"));
  }
  SECTION("a truncated gzip file is refused, named") {
    image_bytes.pop_back();
    WriteGz(images, image_bytes);
    REQUIRE_THROWS_WITH(ReadIdxImageSet(images, labels),
                        Catch::StartsWith(images + ": truncated: its header "
                                                   "claims 3 images"));
  }
  SECTION("a header claiming more than the file holds") {
    label_bytes = {};
    for (uint32_t x : {0x801u, 1000000u}) PutU32(label_bytes, x);
    WriteGz(labels, label_bytes);
    WritePlain(images, ImagesHeader(1000000, 28, 28));
    REQUIRE_THROWS_WITH(ReadIdxImageSet(images, labels),
                        Catch::Contains("holds 16 bytes, but its header "
                                        "claims 1000000 images"));
    WriteGz(images, ImagesHeader(1000000, 28, 28));
    REQUIRE_THROWS_WITH(ReadIdxImageSet(images, labels),
                        images +
                            ": truncated: its header claims 1000000 images "
                            "of 28x28 pixels, but the data ends after 16 "
                            "bytes");
  }
  SECTION("a header claiming more than 1 GB is refused unread") {
    WriteGz(images, ImagesHeader(4000000, 28, 28));
    label_bytes = {};
    for (uint32_t x : {0x801u, 4000000u}) PutU32(label_bytes, x);
    WriteGz(labels, label_bytes);
    REQUIRE_THROWS_WITH(ReadIdxImageSet(images, labels),
                        Catch::Contains("more than the 1024 MB"));
  }
  SECTION("a longer plain file is refused") {
    image_bytes.push_back(0);
    WritePlain(images, image_bytes);
    REQUIRE_THROWS_WITH(ReadIdxImageSet(images, labels),
                        Catch::Contains("holds 29 bytes"));
  }
  SECTION("a label count other than the image count") {
    label_bytes[7] = 2;
    WritePlain(labels, label_bytes);
    REQUIRE_THROWS_WITH(ReadIdxImageSet(images, labels),
                        Catch::StartsWith(labels + ": 2 labels, but"));
  }
  fs::remove_all(dir);
}

TEST_CASE("IDX reader: a gzip bomb is refused quickly with bounded memory",
          "[data][idx]") {
  const fs::path dir = fs::temp_directory_path() / UniqueName("pmoe_idx_bomb");
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string images = (dir / "images.gz").string();
  const std::string labels = (dir / "labels.gz").string();
  // 10 images of 28x28 claimed, 50 MB of zeros behind the header.
  gzFile f = gzopen(images.c_str(), "wb1");
  const std::vector<uint8_t> header = ImagesHeader(10, 28, 28);
  gzwrite(f, header.data(), static_cast<unsigned>(header.size()));
  const std::vector<uint8_t> zeros(1 << 20, 0);
  for (int i = 0; i < 50; ++i)
    gzwrite(f, zeros.data(), static_cast<unsigned>(zeros.size()));
  gzclose(f);
  std::vector<uint8_t> label_bytes;
  for (uint32_t x : {0x801u, 10u}) PutU32(label_bytes, x);
  label_bytes.resize(18, 0);
  WriteGz(labels, label_bytes);
  const auto start = std::chrono::steady_clock::now();
  // Refused after the 16 + 7840 claimed bytes and one more, not 50 MB.
  REQUIRE_THROWS_WITH(
      ReadIdxImageSet(images, labels),
      Catch::StartsWith(images + ": holds more data than its header claims "
                                 "(10 images of 28x28 pixels); refused "
                                 "after 7857 bytes"));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  REQUIRE(seconds < 2);
  fs::remove_all(dir);
}

TEST_CASE("IDX reader: only regular files; never blocks on a FIFO",
          "[data][idx]") {
  const fs::path dir = fs::temp_directory_path() / UniqueName("pmoe_idx_kinds");
  fs::remove_all(dir);
  fs::create_directories(dir);
  WriteIdx(dir, "train", 1, 10);
  const std::string images = (dir / "train-images-idx3-ubyte.gz").string();
  const std::string labels = (dir / "train-labels-idx1-ubyte.gz").string();
  const std::string target = (dir / "target.gz").string();
  SECTION("a symlink to a regular file is read") {
    fs::rename(images, target);
    fs::create_symlink(target, images);
    REQUIRE(ReadIdxImageSet(images, labels).count() == 10);
  }
  SECTION("a symlink to /dev/zero") {
    fs::remove(images);
    fs::create_symlink("/dev/zero", images);
    REQUIRE_THROWS_WITH(ReadIdxImageSet(images, labels),
                        images +
                            ": is a character device; a data file must "
                            "be a regular file");
  }
  SECTION("a FIFO (no writer: an open without O_NONBLOCK would block)") {
    fs::remove(labels);
    REQUIRE(::mkfifo(labels.c_str(), 0600) == 0);
    REQUIRE_THROWS_WITH(ReadIdxImageSet(images, labels),
                        labels +
                            ": is a FIFO; a data file must be a regular "
                            "file");
  }
  SECTION("a folder") {
    fs::remove(images);
    fs::create_directory(images);
    REQUIRE_THROWS_WITH(ReadIdxImageSet(images, labels),
                        Catch::StartsWith(images + ": is a folder"));
  }
  SECTION("a missing file") {
    fs::remove(images);
    REQUIRE_THROWS_WITH(
        ReadIdxImageSet(images, labels),
        Catch::StartsWith(images + ": cannot open (No such file"));
  }
  fs::remove_all(dir);
}
