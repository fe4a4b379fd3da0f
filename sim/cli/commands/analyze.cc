// `pmoe-sim analyze DIR`: N*, T*, fits, checks, plots and the report.

#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "analysis/checks/validate_expectations.h"
#include "analysis/report/report.h"
#include "analysis/report/report_html.h"
#include "sim/cli/command_line.h"
#include "sim/cli/commands/analysis_flags.h"
#include "sim/cli/commands/commands.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/grid/record_check.h"
#include "sim/experiment/io/output_target.h"
#include "sim/experiment/store/results_store.h"

namespace sim {
namespace po = boost::program_options;
namespace {

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
  if (!ParseAnalysisFlags(
          args,
          "Estimates N* and T* per cell, fits scaling laws, compares them "
          "with the theory, evaluates "
          "the spec's expectations and writes analysis.json, report.md, "
          "report.html (self-contained, figures inline) and "
          "plots/.",
          c, options, vm)) {
    return 0;
  }
  const ResultsSet results = LoadResults(c.directory);
  const std::string report_dir = out.empty() ? c.directory : out;
  if (!out.empty()) {
    CheckOutputFile(out, "--out");
    for (const char* name :
         {"/analysis.json", "/report.md", "/report.html", "/plots"})
      CheckOutputFile(out + name, "--out", c.directory);
    CreateReportFolder(out);
  }
  RefuseLinkedOwnFiles(report_dir,
                       {"analysis.json", "report.md", "report.html", "plots"});
  const std::string missing = MissingRuns(results);
  if (!missing.empty())
    std::cerr << "warning: " << missing << "; the analysis covers the "
              << results.runs.size() << " recorded runs only\n";
  Analysis analysis = Analyze(results, ResolveAnalysisFlags(results, c, vm));
  if (!missing.empty())
    analysis.warnings.insert(analysis.warnings.begin(), missing);
  for (size_t i = missing.empty() ? 0 : 1; i < analysis.warnings.size(); ++i)
    std::cerr << "warning: " << analysis.warnings[i] << "\n";
  analysis.checks = EvaluateRules(results.spec.value("expect", Json::array()),
                                  results, analysis.options);
  if (!vm.count("no-plots")) {
    analysis.plots = DrawPlots(results, analysis.cells, analysis.options,
                               report_dir + "/plots", analysis.router_cells);
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
  WriteFileAtomic(report_dir + "/report.html",
                  ReportHtml(results, analysis, report_dir));
  if (!vm.count("quiet")) {
    std::cout << CellsTable(analysis) << "\n"
              << FitsTable(analysis) << "\n"
              << GapsTable(analysis) << ChecksTable(analysis.checks);
  }
  std::cerr << "wrote " << report_dir
            << "/report.md, report.html, analysis.json and "
            << analysis.plots.size() << " plots in " << report_dir
            << "/plots\n";
  return 0;
}

}  // namespace sim
