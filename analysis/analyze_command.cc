#include "analysis/analyze_command.h"

#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "analysis/rate_selection.h"
#include "analysis/report.h"
#include "analysis/test_set_size.h"
#include "sim/experiment/command_line.h"
#include "sim/experiment/grid_spec.h"
#include "sim/experiment/output_target.h"
#include "sim/experiment/record_check.h"
#include "sim/experiment/results_store.h"

namespace sim {
namespace po = boost::program_options;
namespace {

struct CommonOptions {
  std::string directory;
  std::string spec_path;
  double target = -1, success = -1;
  int bootstrap = -1;
};

bool Parse(const std::vector<std::string>& args,
           const char* title,
           CommonOptions& c,
           po::options_description& options,
           po::variables_map& vm) {
  options.add_options()("help,h", "show this help")(
      "results", po::value(&c.directory)->required(),
      "results folder (positional), e.g. results/demo")(
      "target", po::value(&c.target),
      "test-error target eps (default: analysis.target, else the "
      "first training target)")(
      "q", po::value(&c.success),
      "fraction of repeats that must succeed (default 0.9)")(
      "bootstrap", po::value(&c.bootstrap),
      "bootstrap replicates for intervals (default 500)");
  po::positional_options_description positional;
  positional.add("results", 1);
  return ParseCommandLine(args, options, positional, vm, title);
}

std::string Text(double x) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", x);
  return text;
}

// Options given on the command line override the spec's, and are checked
// as strictly (a bad value is an error, never silently replaced).
ComplexityOptions Resolve(const ResultsSet& results,
                          const CommonOptions& c,
                          const po::variables_map& vm) {
  ComplexityOptions options = ReadAnalysisOptions(results);
  if (vm.count("target")) {
    if (!(c.target >= 0 && c.target <= 1))  // false for NaN too
      throw SpecError("--target: must be in [0, 1], got " + Text(c.target));
    options.target = c.target;
  }
  if (vm.count("q")) {
    if (!(c.success > 0 && c.success <= 1))
      throw SpecError("--q: must be in (0, 1], got " + Text(c.success));
    options.success = c.success;
  }
  if (vm.count("bootstrap")) {
    if (c.bootstrap < 0 || c.bootstrap > 100000)
      throw SpecError("--bootstrap: must be in [0, 100000], got " +
                      std::to_string(c.bootstrap));
    options.bootstrap = c.bootstrap;
  }
  return options;
}

// "15 of 45 runs of the spec have no record (run ids ...)"; "" if complete.
std::string MissingRuns(const ResultsSet& results) {
  if (results.missing.empty()) return "";
  return results.directory + ": " + std::to_string(results.missing.size()) +
         " of " + std::to_string(results.expected_runs) +
         " runs of the spec have no record (run ids " +
         DescribeRunIds(results.missing) + ")";
}

Json RulesOf(const ResultsSet& results, const std::string& spec_path) {
  if (spec_path.empty()) return results.spec.value("expect", Json::array());
  const Json spec = ReadJsonFile(spec_path);
  if (!spec.is_object()) throw SpecError(spec_path + ": $: expected an object");
  const Json rules = spec.value("expect", Json::array());
  ValidateRules(rules, results.models, results.axes);
  return rules;
}

// The --out folder of `analyze` (created if needed).
void CreateReportFolder(const std::string& directory) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec || !std::filesystem::is_directory(directory)) {
    throw SpecError("--out: cannot create the folder " + directory +
                    (ec ? ": " + ec.message() : " (not a folder)"));
  }
}

}  // namespace

void ValidateExpectations(const Json& spec) {
  std::vector<std::string> models;
  if (spec.contains("models")) {
    for (auto it = spec["models"].begin(); it != spec["models"].end(); ++it)
      models.push_back(it.key());
  }
  if (spec.contains("expect"))
    ValidateRules(spec["expect"], models, GridAxes(spec));
  if (spec.contains("analysis")) {
    ResultsSet fake;
    fake.spec = spec;
    ReadAnalysisOptions(fake);
  }
}

int AnalyzeCommand(const std::vector<std::string>& args) {
  CommonOptions c;
  po::options_description options("pmoe-sim analyze RESULTS_DIR");
  std::string out;
  options.add_options()("no-plots", "skip the gnuplot step")(
      "quiet,q", "no tables on stdout")(
      "out,o", po::value(&out),
      "write the report here instead of into the results folder (e.g. "
      "to try another --target without overwriting the default report)");
  po::variables_map vm;
  if (!Parse(args,
             "Estimates N* and T* per cell, fits scaling laws, compares them "
             "with the theory, evaluates "
             "the spec's expectations and writes analysis.json, report.md and "
             "plots/.",
             c, options, vm)) {
    return 0;
  }
  const ResultsSet results = LoadResults(c.directory);
  const std::string report_dir = out.empty() ? c.directory : out;
  if (!out.empty()) {
    CheckOutputFile(out, "--out");
    for (const char* name : {"/analysis.json", "/report.md", "/plots"})
      CheckOutputFile(out + name, "--out", c.directory);
    CreateReportFolder(out);
  }
  RefuseLinkedOwnFiles(report_dir, {"analysis.json", "report.md", "plots"});
  const std::string missing = MissingRuns(results);
  if (!missing.empty())
    std::cerr << "warning: " << missing << "; the analysis covers the "
              << results.runs.size() << " recorded runs only\n";
  Analysis analysis = Analyze(results, Resolve(results, c, vm));
  std::cerr << RateEdgeWarnings(RateEdges(results))
            << TestSetWarning(results, analysis.options.target);
  analysis.checks = EvaluateRules(results.spec.value("expect", Json::array()),
                                  results, analysis.options);
  if (!vm.count("no-plots")) {
    analysis.plots = DrawPlots(results, analysis.cells, analysis.options,
                               report_dir + "/plots");
    for (const PlotFile& p : analysis.plots) {
      if (!p.warnings.empty())
        std::cerr << "warning: gnuplot warned while drawing " << p.name
                  << " (see " << report_dir << "/plots/" << p.name << ".log)\n";
    }
  }
  Json json = AnalysisToJson(analysis);
  json["runs"] = {{"expected", results.expected_runs},
                  {"recorded", results.runs.size()},
                  {"missing", results.missing}};
  WriteFileAtomic(report_dir + "/analysis.json", json.dump(2) + "\n");
  WriteFileAtomic(report_dir + "/report.md", ReportMarkdown(results, analysis));
  if (!vm.count("quiet")) {
    std::cout << CellsTable(analysis) << "\n"
              << FitsTable(analysis) << "\n"
              << GapsTable(analysis) << ChecksTable(analysis.checks);
  }
  std::cerr << "wrote " << report_dir << "/report.md, analysis.json and "
            << analysis.plots.size() << " plots in " << report_dir
            << "/plots\n";
  return 0;
}

int CheckCommand(const std::vector<std::string>& args) {
  CommonOptions c;
  po::options_description options("pmoe-sim check RESULTS_DIR");
  options.add_options()(
      "spec", po::value(&c.spec_path),
      "take the expectations from this spec instead of the folder's "
      "spec.json")("allow-incomplete",
                   "give verdicts even if runs of the spec have no record")(
      "json", "print the verdicts as JSON (as analysis.json's \"checks\")");
  po::variables_map vm;
  if (!Parse(args,
             "Evaluates every expectation (\"expect\" rules) and prints rule, "
             "measured value, interval and "
             "verdict. Exit status 1 if any rule fails, else 3 if any is "
             "inconclusive (too little data to judge), 0 if all pass; 2 on "
             "bad input.",
             c, options, vm)) {
    return 0;
  }
  const ResultsSet results = LoadResults(c.directory);
  const std::string missing = MissingRuns(results);
  if (!missing.empty() && !vm.count("allow-incomplete")) {
    throw SpecError(missing +
                    ": no verdict on an incomplete grid (finish it with "
                    "'pmoe-sim run', or pass --allow-incomplete)");
  }
  if (!missing.empty()) std::cerr << "warning: " << missing << "\n";
  const Json rules = RulesOf(results, c.spec_path);
  const std::vector<CheckRow> checks =
      EvaluateRules(rules, results, Resolve(results, c, vm));
  int counts[3] = {0, 0, 0};
  for (const CheckRow& row : checks) ++counts[static_cast<int>(row.verdict)];
  if (vm.count("json")) {
    const Json json = {{"checks", ChecksToJson(checks)},
                       {"passed", counts[0]},
                       {"failed", counts[1]},
                       {"inconclusive", counts[2]},
                       {"exit_code", CheckExitCode(checks)}};
    std::cout << json.dump(2) << "\n";
  } else {
    std::cout << ChecksTable(checks);
    std::cout << counts[0] << " passed, " << counts[1] << " failed, "
              << counts[2] << " inconclusive\n";
  }
  std::cout.flush();
  if (!std::cout) throw SpecError("stdout: write failed");
  return CheckExitCode(checks);
}

}  // namespace sim
