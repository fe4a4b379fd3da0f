// Fixtures of the results-store tests: a tiny grid spec, a file's bytes,
// and an empty folder under the system's temp directory.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/experiment/spec/json_reader.h"

namespace sim::testing {

// 8 runs in a second: 2 models x N in {20, 40} x 2 repeats.
inline Json TinyGrid() {
  return Json::parse(R"({"name": "robust_test", "seed": 5,
      "data": {"num_patches": 8, "train_size": 40, "test_size": 60, "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
      "training": {"epochs": 2},
      "models": {"cnn": {"type": "cnn", "neurons": 8},
                 "joint": {"type": "pmoe_joint", "neurons": 8, "num_experts": 4, "top_l": 2}},
      "grid": {"axes": {"N": [20, 40]}, "repeats": 2}})");
}

// The bytes of `path` ("" if it cannot be read).
inline std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// TMP/`name`, emptied and created.
inline std::filesystem::path FreshDir(const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace sim::testing
