// `pmoe-sim check DIR`: the spec's expectations, judged (exit 1 fail, 3
// inconclusive, 0 pass).
#include <boost/program_options.hpp>
#include <iostream>

#include "analysis/checks/expectations.h"
#include "analysis/report/report.h"
#include "sim/cli/commands/analysis_flags.h"
#include "sim/cli/commands/commands.h"
#include "sim/experiment/store/results_store.h"

namespace sim {
namespace po = boost::program_options;

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
  if (!ParseAnalysisFlags(
          args,
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
      EvaluateRules(rules, results, ResolveAnalysisFlags(results, c, vm));
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
