#include "sim/cli/commands/analysis_flags.h"

#include <cstdio>

#include "analysis/checks/expectations.h"
#include "analysis/estimate/analysis_options.h"
#include "sim/cli/command_line.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/grid/record_check.h"

namespace sim {
namespace po = boost::program_options;
namespace {

std::string Text(double x) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", x);
  return text;
}

}  // namespace

bool ParseAnalysisFlags(const std::vector<std::string>& args,
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
      "fraction of repeats that must succeed (default: "
      "analysis.success_fraction, else 0.9)")(
      "bootstrap", po::value(&c.bootstrap),
      "bootstrap replicates for intervals (default: analysis.bootstrap, "
      "else 500)")(
      "t-star", po::value(&c.t_star),
      "when a run reaches eps: stays (the first evaluation after which the "
      "test error stays <= eps; default) or first_touch");
  po::positional_options_description positional;
  positional.add("results", 1);
  return ParseCommandLine(args, options, positional, vm, title);
}

// Options given on the command line override the spec's, and are checked
// as strictly (a bad value is an error, never silently replaced).
ComplexityOptions ResolveAnalysisFlags(const ResultsSet& results,
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
  if (vm.count("t-star")) {
    if (c.t_star != "stays" && c.t_star != "first_touch")
      throw SpecError("--t-star: must be stays or first_touch, got \"" +
                      ClipName(c.t_star) + "\"");
    options.t_star =
        c.t_star == "stays" ? TStarRule::kStays : TStarRule::kFirstTouch;
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

}  // namespace sim
