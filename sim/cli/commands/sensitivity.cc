#include "analysis/sensitivity/sensitivity.h"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <iostream>
#include <map>
#include <sstream>

#include "analysis/checks/validate_expectations.h"
#include "analysis/text/format_number.h"
#include "sim/cli/command_line.h"
#include "sim/cli/commands/commands.h"
#include "sim/experiment/grid/budget_variants.h"
#include "sim/experiment/grid/grid_growth.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/io/output_target.h"
#include "sim/experiment/run/config_memo.h"
#include "sim/experiment/run/grid_runner.h"
#include "sim/experiment/spec/option_values.h"
#include "sim/experiment/store/results_store.h"

namespace sim {
namespace po = boost::program_options;
namespace {

struct SensitivityOptions {
  std::string spec_path, out_dir, base_dir, eta_text = "0.5,2";
  double steps_factor = 2;
  int threads = 1;
  double target = -1;
  bool retrain = false;  // train every variant's runs, sharing none
};

// Factors a variant may use: a variant's name holds its factor ("%g", no
// exponent in this range), and a budget a thousand times larger or
// smaller is not a sensitivity check.
constexpr double kMinFactor = 1e-3, kMaxFactor = 1e3;

bool SaneFactor(double f) { return f >= kMinFactor && f <= kMaxFactor; }

std::vector<double> ParseFactors(const std::string& text) {
  std::vector<double> factors;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    char* end = nullptr;
    const double f = std::strtod(item.c_str(), &end);
    if (end == item.c_str() || *end != '\0' || !SaneFactor(f))
      throw SpecError(
          "--eta-factors: expected numbers in [0.001, 1000], got '" +
          ClipName(text) + "'");
    factors.push_back(f);
  }
  if (factors.empty()) throw SpecError("--eta-factors: must not be empty");
  return factors;
}

// The spec and its variants.
std::vector<const Json*> GridSpecs(const Json& spec,
                                   const std::vector<SpecVariant>& variants) {
  std::vector<const Json*> specs = {&spec};
  for (const SpecVariant& v : variants) specs.push_back(&v.spec);
  return specs;
}

// Runs (or resumes) `spec` into `directory` and analyses it.
// Runs whose configs coincide with one trained before in this check are
// shared (`memo`, null with --retrain).
Analysis RunAndAnalyze(const Json& spec,
                       const std::string& directory,
                       const SensitivityOptions& o,
                       TrialMemo* memo,
                       Progress& progress) {
  // A grown grid keeps the folder's run ids (grid_growth.h).
  const GridSpec grid = GrowFromFolder(directory, ParseGridSpec(spec), {});
  const DataCache data = LoadGridData(grid);
  {
    ResultsStore store(directory, grid, false);
    RunnerOptions runner;
    runner.threads = o.threads;
    runner.memo = memo;
    runner.shared_progress = &progress;  // one bar over every grid
    RunGrid(grid, &data, store, runner);
  }
  const ResultsSet results = LoadResults(directory);
  ComplexityOptions options = ReadAnalysisOptions(results);
  if (o.target >= 0) options.target = o.target;
  return Analyze(results, options);
}

// The base grid's max_steps -> the steps variant's (the first variant),
// for the online runs whose steps do not depend on their budget: each is
// then trained once to the larger budget, with a record at the smaller.
std::map<long, long> StepsPairs(const Json& spec, const SpecVariant& steps) {
  const GridSpec base = ParseGridSpec(spec), scaled = ParseGridSpec(steps.spec);
  std::map<long, long> pairs;
  for (size_t i = 0; i < base.runs.size() && i < scaled.runs.size(); ++i) {
    const TrainConfig& a = base.runs[i].config.train;
    const TrainConfig& b = scaled.runs[i].config.train;
    if (base.runs[i].model == scaled.runs[i].model &&
        StepsIndependentOfBudget(a) && StepsIndependentOfBudget(b))
      pairs.emplace(a.max_steps, b.max_steps);
  }
  return pairs;
}

// The base grid, then every variant, each analysed; runs whose configs
// coincide are trained once unless --retrain, and the base grid's online
// runs are trained together with the steps variant's.
Sensitivity RunAndCompare(const Json& spec,
                          const std::vector<SpecVariant>& variants,
                          const SensitivityOptions& o) {
  ConfigMemo shared;
  TrialMemo* memo = o.retrain ? nullptr : &shared;
  // A bar on a terminal; lines every minute in a log file. It plans every
  // grid's runs; each grid replaces its plan with the runs not recorded.
  int runs = 0;
  std::vector<std::vector<PlannedRun>> grids;
  for (const Json* s : GridSpecs(spec, variants)) {
    grids.push_back(HandOutPlan(ParseGridSpec(*s)));
    runs += static_cast<int>(grids.back().size());
  }
  Progress progress(
      ::isatty(STDERR_FILENO) ? ProgressMode::kBar : ProgressMode::kLines,
      grids, 60, o.threads);
  progress.Start();
  if (memo != nullptr) shared.PairBudgets(StepsPairs(spec, variants.front()));
  const Analysis base = RunAndAnalyze(spec, o.base_dir, o, memo, progress);
  shared.PairBudgets({});
  std::vector<std::string> labels;
  std::vector<Analysis> analyses;
  for (const SpecVariant& v : variants) {
    labels.push_back(v.label);
    analyses.push_back(
        RunAndAnalyze(v.spec, o.out_dir + "/" + v.label, o, memo, progress));
  }
  progress.End();
  std::cerr << "sensitivity: " << runs << " runs in " << 1 + variants.size()
            << " grids -> " << o.base_dir << " and " << o.out_dir << "\n";
  if (memo != nullptr)
    std::cerr << "sensitivity: " << shared.reused()
              << " runs reused (configs that coincide with a run trained "
                 "before in this check)\n";
  return CompareBudgets(base, labels, analyses);
}

// The verdicts also go beside the base records, for analyze's report.
void WriteBesideBase(const Sensitivity& s,
                     const std::string& table,
                     const SensitivityOptions& o) {
  Json beside = SensitivityToJson(s);
  beside["variants_folder"] = o.out_dir;
  beside["table"] = table;
  beside["records"] = LoadResults(o.base_dir).runs.size();
  WriteFileAtomic(o.base_dir + "/sensitivity.json", beside.dump(2) + "\n");
}

}  // namespace

int SensitivityCommand(const std::vector<std::string>& args) {
  SensitivityOptions o;
  po::options_description options(
      "pmoe-sim sensitivity SPEC: does N* survive twice the steps and "
      "another step size?\nExit status: 0 robust, 1 budget-dependent (an "
      "exponent moved beyond its interval), 3 inconclusive, 2 bad input. "
      "The verdicts also go to BASE/sensitivity.json, which analyze "
      "reports.");
  options.add_options()("help,h", "show this help")(
      "spec", po::value(&o.spec_path)->required(), "spec JSON (positional)")(
      "base", po::value(&o.base_dir),
      "results folder of the spec itself (default: results/NAME; run or "
      "resumed here)")("out,o", po::value(&o.out_dir),
                       "folder of the variants (default: "
                       "results/NAME_sensitivity)")(
      "steps-factor", po::value(&o.steps_factor),
      "multiply epochs (budget) or max_steps (online, converged) by this "
      "(default 2)")("eta-factors", po::value(&o.eta_text),
                     "learning-rate factors, comma-separated (default 0.5,2)")(
      "target", po::value(&o.target),
      "test-error target eps (default: the "
      "spec's analysis.target)")("threads,j", po::value(&o.threads),
                                 "worker threads")(
      "retrain", po::bool_switch(&o.retrain),
      "train every run of every variant, even where its config coincides "
      "with a run already trained in this check (the same records, slower)");
  po::positional_options_description positional;
  positional.add("spec", 1);
  po::variables_map vm;
  if (!ParseCommandLine(args, options, positional, vm)) return 0;
  CheckThreads(o.threads);
  if (!SaneFactor(o.steps_factor))
    throw SpecError("--steps-factor: must be in [0.001, 1000], got " +
                    FormatNumber(o.steps_factor));
  // Checked as analyze checks it: a bad value is an error, never replaced.
  if (vm.count("target") && !(o.target >= 0 && o.target <= 1))
    throw SpecError("--target: must be in [0, 1], got " +
                    FormatNumber(o.target));
  const Json spec = ReadJsonFile(o.spec_path);
  const GridSpec grid = ParseGridSpec(spec);
  // The analysis and the rules too, before the first of four grids runs.
  ValidateExpectations(grid.resolved);
  const std::string name = grid.name;
  if (o.base_dir.empty()) o.base_dir = "results/" + name;
  if (o.out_dir.empty()) o.out_dir = "results/" + name + "_sensitivity";
  CheckOutputFile(o.base_dir, "--base");
  CheckOutputFile(o.out_dir, "--out");
  const std::vector<SpecVariant> variants =
      BudgetVariants(spec, o.steps_factor, ParseFactors(o.eta_text));
  // Every variant is checked before anything runs.
  for (const SpecVariant& v : variants) {
    try {
      ParseGridSpec(v.spec);
    } catch (const SpecError& e) {
      throw SpecError("variant " + v.label + " of " + o.spec_path + ": " +
                      e.what());
    }
  }
  const Sensitivity s = RunAndCompare(spec, variants, o);
  const std::string table = SensitivityTable(s);
  std::cout << table;
  WriteFileAtomic(o.out_dir + "/sensitivity.json",
                  SensitivityToJson(s).dump(2) + "\n");
  WriteFileAtomic(o.out_dir + "/sensitivity.txt", table);
  WriteBesideBase(s, table, o);
  switch (s.overall) {
    case Robustness::kRobust:
      return 0;
    case Robustness::kBudgetDependent:
      return 1;
    case Robustness::kInconclusive:
      return 3;
  }
  return 3;
}

}  // namespace sim
