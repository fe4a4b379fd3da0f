#include "sim/data/fashion_mnist/fashion_mnist.h"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <cmath>
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
