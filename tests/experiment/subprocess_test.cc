// Programs are started without a shell: arguments with shell syntax reach
// the program as text, a missing program is a clear failure, and gnuplot's
// string literals (Quote) print exactly what they hold, with nothing in
// them run as a command.
#include "sim/experiment/io/subprocess.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "analysis/plots/plot_style.h"
#include "sim/experiment/io/output_target.h"
#include "sim/experiment/io/safe_file.h"
#include "tests/experiment/store_fixtures.h"

using namespace sim;
using sim::testing::FreshDir;
using sim::testing::Slurp;
namespace fs = std::filesystem;

TEST_CASE("Arguments reach the program as text, never through a shell",
          "[experiment][subprocess]") {
  const fs::path dir = FreshDir("pmoe_subprocess_test");
  ProcessIo io;
  io.working_dir = dir.string();
  io.capture_stdout = true;
  const std::string hostile =
      "a;touch PWNED1 `touch PWNED2` $(touch PWNED3) | touch PWNED4 '\"";
  const ProcessResult echo = RunProgram({"printf", "%s", hostile}, io);
  REQUIRE(echo.started);
  REQUIRE(echo.exit_code == 0);
  REQUIRE(echo.output == hostile);
  for (const auto& entry : fs::directory_iterator(dir))
    FAIL("a file appeared: " + entry.path().string());

  // Standard input and error are files named relative to the working folder.
  WriteFileAtomic((dir / "in.txt").string(), "from a file\n");
  io.stdin_path = "in.txt";
  io.stderr_path = "err.txt";
  const ProcessResult cat = RunProgram({"cat"}, io);
  REQUIRE(cat.output == "from a file\n");
  REQUIRE(fs::exists(dir / "err.txt"));
  const ProcessResult failing = RunProgram({"false"}, io);
  REQUIRE(failing.started);
  REQUIRE(failing.exit_code == 1);
  REQUIRE_THAT(failing.error, Catch::Contains("exited with status 1"));
}

TEST_CASE("A program that cannot start is a failure, not a crash",
          "[experiment][subprocess]") {
  const ProcessResult missing =
      RunProgram({"pmoe-no-such-program-on-any-path"});
  REQUIRE_FALSE(missing.started);
  REQUIRE(missing.exit_code != 0);
  REQUIRE_THAT(missing.error, Catch::Contains("cannot start"));
  ProcessIo io;
  io.working_dir = "/nonexistent/pmoe";
  REQUIRE(RunProgram({"true"}, io).exit_code != 0);
  REQUIRE_FALSE(RunProgram({}).started);
}

TEST_CASE("gnuplot strings expand nothing and print what they hold",
          "[analysis][subprocess]") {
  if (!RunProgram({"gnuplot", "--version"}).started) {
    WARN("gnuplot not installed: skipped");
    return;
  }
  const fs::path dir = FreshDir("pmoe_gnuplot_quote_test");
  const std::vector<std::string> texts = {"cnn`touch PWNED1`",
                                          "x\"\nsystem('touch PWNED2')\n#",
                                          "@macro $(touch PWNED3) \\n \\\\",
                                          "it's a 'quoted' name",
                                          "tab\there\rand\x7f",
                                          "μ = ε/2"};
  std::string script = "set print 'printed.txt'\n";
  for (const std::string& t : texts) script += "print " + Quote(t) + "\n";
  WriteFileAtomic((dir / "quote.gp").string(), script);
  ProcessIo io;
  io.working_dir = dir.string();
  io.stdin_path = "quote.gp";
  io.stderr_path = "quote.log";
  const ProcessResult gnuplot = RunProgram({"gnuplot"}, io);
  INFO(Slurp(dir / "quote.log"));
  REQUIRE(gnuplot.exit_code == 0);
  std::string expected;
  for (std::string t : texts) {
    for (char& c : t)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    expected += t + "\n";
  }
  REQUIRE(Slurp(dir / "printed.txt") == expected);
  for (const auto& entry : fs::directory_iterator(dir))
    REQUIRE(entry.path().filename().string().rfind("PWNED", 0) != 0);
}

TEST_CASE("Output targets: a results folder's own files are refused",
          "[experiment][output]") {
  const fs::path dir = FreshDir("pmoe_output_target_test");
  const fs::path results = dir / "r";
  fs::create_directories(results);
  REQUIRE_FALSE(IsResultsFolder(results.string()));
  // Before the folder holds records, any name may be written.
  REQUIRE_NOTHROW(CheckOutputFile((results / "runs.jsonl").string(), "--out"));
  WriteFileAtomic((results / "spec.json").string(), "{}\n");
  REQUIRE(IsResultsFolder(results.string()));
  for (const char* name : {"spec.json", "runs.jsonl", "timings.jsonl",
                           "provenance.json", ".lock"}) {
    INFO(name);
    REQUIRE_THROWS_WITH(
        CheckOutputFile((results / name).string(), "--out"),
        Catch::StartsWith("--out: ") && Catch::Contains("holds its records"));
    // Even from the folder's own commands.
    REQUIRE_THROWS(
        CheckOutputFile((results / name).string(), "--out", results.string()));
  }
  // Analysis files: the folder's own analysis may write them, nothing else.
  const std::string report = (results / "report.md").string();
  REQUIRE_THROWS_WITH(CheckOutputFile(report, "--out"),
                      Catch::Contains("written by analyzing that folder"));
  REQUIRE_NOTHROW(CheckOutputFile(report, "--out", results.string()));
  REQUIRE_NOTHROW(CheckOutputFile((results / "replay.json").string(), "--out"));
  REQUIRE_NOTHROW(CheckOutputFile((dir / "runs.jsonl").string(), "--out"));
  // Through a symlink, and through a path that leaves and re-enters.
  fs::create_symlink(results / "runs.jsonl", dir / "link");
  REQUIRE_THROWS(CheckOutputFile((dir / "link").string(), "--out"));
  REQUIRE_THROWS(
      CheckOutputFile((results / ".." / "r" / "spec.json").string(), "--out"));
  // A folder's own files are never written through a link.
  REQUIRE_NOTHROW(RefuseLinkedOwnFiles(results.string(), {"report.md"}));
  fs::create_symlink(dir / "elsewhere.md", results / "report.md");
  REQUIRE_THROWS_WITH(RefuseLinkedOwnFiles(results.string(), {"report.md"}),
                      Catch::Contains("report.md: is a symlink"));
}
