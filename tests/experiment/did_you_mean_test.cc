// "Did you mean" for misspelt keys, choices and model types.
#include "sim/experiment/spec/did_you_mean.h"

#include <catch2/catch.hpp>

#include "analysis/checks/expectation_rules.h"
#include "sim/experiment/grid/grid_spec.h"

using namespace sim;

namespace {

std::string GridError(const std::string& model) {
  try {
    ParseGridSpec(Json::parse(R"({"name": "t", "seed": 5,
      "data": {"num_patches": 8, "train_size": 40, "test_size": 50,
               "synthetic": {"patch_dim": 16}},
      "training": {"epochs": 1},
      "models": {"m": )" + model +
                              R"(},
      "grid": {"axes": {"N": [20, 40]}}})"));
  } catch (const SpecError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("Edit distance counts edits and adjacent swaps", "[spec]") {
  REQUIRE(EditDistance("top_l", "top_l") == 0);
  REQUIRE(EditDistance("top_ll", "top_l") == 1);
  REQUIRE(EditDistance("tpo_l", "top_l") == 1);  // a swap
  REQUIRE(EditDistance("neurnos", "neurons") == 1);
  REQUIRE(EditDistance("", "abc") == 3);
  REQUIRE(EditDistance("CNN", "cnn") == 0);
}

TEST_CASE("A close name is offered, a far one is not", "[spec]") {
  const std::vector<std::string> names = {"neurons", "top_l", "num_experts"};
  REQUIRE(DidYouMean("nuerons", names) == "; did you mean \"neurons\"?");
  REQUIRE(DidYouMean("num_expert", names) == "; did you mean \"num_experts\"?");
  REQUIRE(DidYouMean("batch_size", names).empty());
  REQUIRE(DidYouMean("x", names).empty());
  REQUIRE(DidYouMean("top_l", names).empty());  // not misspelt
}

TEST_CASE("Spec errors suggest the key, choice or type meant", "[spec]") {
  const std::string key = GridError(R"({"type": "cnn", "nuerons": 8})");
  REQUIRE(
      key.find("models.m.nuerons: unknown key; did you mean \"neurons\"?") !=
      std::string::npos);
  const std::string type = GridError(R"({"type": "pmoe_seperate"})");
  REQUIRE(type.find("did you mean \"pmoe_separate\"?") != std::string::npos);
  const std::string choice =
      GridError(R"({"type": "cnn", "output_init": "gausian"})");
  REQUIRE(choice.find("did you mean \"gaussian\"?") != std::string::npos);
  // Far from every name: no suggestion, the list of allowed keys stays.
  const std::string far = GridError(R"({"type": "cnn", "zzz": 1})");
  REQUIRE(far.find("did you mean") == std::string::npos);
  REQUIRE(far.find("allowed here") != std::string::npos);
}

TEST_CASE("A misspelt rule kind gets a suggestion", "[spec]") {
  try {
    ParseRule(Json::parse(R"({"rule": "slop", "model": "cnn", "axis": "n",
                             "at_least": 1})"),
              "expect[0]", {"cnn"}, {"n"});
    FAIL("a misspelt rule kind was accepted");
  } catch (const SpecError& e) {
    REQUIRE(std::string(e.what()).find("did you mean \"slope\"?") !=
            std::string::npos);
  }
}
