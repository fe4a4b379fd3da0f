#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "sim/experiment/run/progress.h"
#include "sim/experiment/spec/results_format.h"

using namespace sim;

TEST_CASE("A results folder of another format version is refused", "[format]") {
  const Json current = {{"name", "x"}, {"results_format", 5}};
  REQUIRE(StoredResultsFormat(current) == kResultsFormatVersion);
  REQUIRE_NOTHROW(CheckResultsFormat(current, "res"));
  const Json old = {{"name", "x"}};  // written before versions existed
  REQUIRE(StoredResultsFormat(old) == 1);
  try {
    CheckResultsFormat(old, "res");
    FAIL("an old folder was accepted");
  } catch (const SpecError& e) {
    const std::string what = e.what();
    REQUIRE(what.find("format version 1") != std::string::npos);
    REQUIRE(what.find("format version 5") != std::string::npos);
  }
  REQUIRE_THROWS_AS(CheckResultsFormat({{"results_format", 2}}, "res"),
                    SpecError);
  REQUIRE_THROWS_AS(CheckResultsFormat({{"results_format", 3}}, "res"),
                    SpecError);
  REQUIRE_THROWS_AS(CheckResultsFormat({{"results_format", 4}}, "res"),
                    SpecError);
  REQUIRE_THROWS_AS(CheckResultsFormat({{"results_format", 6}}, "res"),
                    SpecError);
  REQUIRE_NOTHROW(ValidateResultsFormat(nullptr));
  const Json five = 5, four = 4, one = 1, text = "5";
  REQUIRE_NOTHROW(ValidateResultsFormat(&five));
  REQUIRE_THROWS_AS(ValidateResultsFormat(&four), SpecError);
  REQUIRE_THROWS_AS(ValidateResultsFormat(&one), SpecError);
  REQUIRE_THROWS_AS(ValidateResultsFormat(&text), SpecError);
}

TEST_CASE("Progress lines come every interval, and once at the end",
          "[progress]") {
  std::FILE* out = std::tmpfile();
  REQUIRE(out != nullptr);
  {
    const std::vector<PlannedRun> plan = {
        {10, "cnn"}, {10, "cnn"}, {10, "cnn"}};
    Progress progress(ProgressMode::kLines, {plan}, 3600, 1, out);
    progress.Start();  // a first line at once
    progress.Finished(progress.Started({10, "cnn"}), 1, false);
    progress.Finished(progress.Started({10, "cnn"}), 1, true);  // no line yet
    progress.Finished(progress.Started({10, "cnn"}), 1, false);
    progress.End();  // the final line
  }
  std::rewind(out);
  std::string text;
  char buffer[256];
  while (std::fgets(buffer, sizeof(buffer), out)) text += buffer;
  std::fclose(out);
  REQUIRE(text.find("progress: 0/3 runs done, 0 failed") != std::string::npos);
  REQUIRE(text.find("progress: 3/3 runs done, 1 failed") != std::string::npos);
  REQUIRE(text.find("1/3") == std::string::npos);
  REQUIRE(text.find('\r') == std::string::npos);
}
