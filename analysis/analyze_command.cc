#include "analysis/analyze_command.h"

#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>

#include "analysis/report.h"
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
  po::store(po::command_line_parser(args)
                .options(options)
                .positional(positional)
                .run(),
            vm);
  if (vm.count("help")) {
    std::cout << title << "\n" << options;
    return false;
  }
  po::notify(vm);
  return true;
}

ComplexityOptions Resolve(const ResultsSet& results, const CommonOptions& c) {
  ComplexityOptions options = ReadAnalysisOptions(results);
  if (c.target >= 0) options.target = c.target;
  if (c.success > 0) options.success = c.success;
  if (c.bootstrap >= 0) options.bootstrap = c.bootstrap;
  if (options.target > 1) throw SpecError("--target: must be in [0, 1]");
  if (options.success > 1) throw SpecError("--q: must be in (0, 1]");
  return options;
}

Json RulesOf(const ResultsSet& results, const std::string& spec_path) {
  if (spec_path.empty()) return results.spec.value("expect", Json::array());
  std::ifstream in(spec_path);
  if (!in) throw SpecError(spec_path + ": cannot open file");
  const Json spec = Json::parse(in);
  return spec.value("expect", Json::array());
}

}  // namespace

void ValidateExpectations(const Json& spec) {
  std::vector<std::string> models;
  if (spec.contains("models")) {
    for (auto it = spec["models"].begin(); it != spec["models"].end(); ++it)
      models.push_back(it.key());
  }
  if (spec.contains("expect")) ValidateRules(spec["expect"], models);
  if (spec.contains("analysis")) {
    ResultsSet fake;
    fake.spec = spec;
    ReadAnalysisOptions(fake);
  }
}

int AnalyzeCommand(const std::vector<std::string>& args) {
  CommonOptions c;
  po::options_description options("pmoe-sim analyze RESULTS_DIR");
  options.add_options()("no-plots", "skip the gnuplot step")(
      "quiet,q", "no tables on stdout");
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
  Analysis analysis = Analyze(results, Resolve(results, c));
  analysis.checks = EvaluateRules(results.spec.value("expect", Json::array()),
                                  results, analysis.options);
  if (!vm.count("no-plots")) {
    analysis.plots = DrawPlots(results, analysis.cells, analysis.options,
                               c.directory + "/plots");
    for (const PlotFile& p : analysis.plots) {
      if (!p.warnings.empty())
        std::cerr << "warning: gnuplot warned while drawing " << p.name
                  << " (see " << c.directory << "/plots/" << p.name
                  << ".log)\n";
    }
  }
  WriteFileAtomic(c.directory + "/analysis.json",
                  AnalysisToJson(analysis).dump(2) + "\n");
  WriteFileAtomic(c.directory + "/report.md",
                  ReportMarkdown(results, analysis));
  if (!vm.count("quiet")) {
    std::cout << CellsTable(analysis) << "\n"
              << FitsTable(analysis) << "\n"
              << GapsTable(analysis) << ChecksTable(analysis.checks);
  }
  std::cerr << "wrote " << c.directory << "/report.md, analysis.json and "
            << analysis.plots.size() << " plots in " << c.directory
            << "/plots\n";
  return 0;
}

int CheckCommand(const std::vector<std::string>& args) {
  CommonOptions c;
  po::options_description options("pmoe-sim check RESULTS_DIR");
  options.add_options()(
      "spec", po::value(&c.spec_path),
      "take the expectations from this spec instead of the folder's spec.json");
  po::variables_map vm;
  if (!Parse(args,
             "Evaluates every expectation (\"expect\" rules) and prints rule, "
             "measured value, interval and "
             "verdict. Exit status 1 if any rule fails, 2 on bad input.",
             c, options, vm)) {
    return 0;
  }
  const ResultsSet results = LoadResults(c.directory);
  const Json rules = RulesOf(results, c.spec_path);
  const std::vector<CheckRow> checks =
      EvaluateRules(rules, results, Resolve(results, c));
  std::cout << ChecksTable(checks);
  int failed = 0;
  for (const CheckRow& row : checks) failed += !row.passed;
  std::cout << checks.size() - failed << " passed, " << failed << " failed\n";
  return failed ? 1 : 0;
}

}  // namespace sim
