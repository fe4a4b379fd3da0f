#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>

#include "analysis/report/csv_export.h"
#include "analysis/report/fits_csv.h"
#include "analysis/report/report.h"
#include "sim/cli/command_line.h"
#include "sim/cli/commands/commands.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/io/output_target.h"
#include "sim/experiment/store/results_store.h"

namespace sim {
namespace po = boost::program_options;

int ExportCommand(const std::vector<std::string>& args) {
  std::string directory, format, out_dir;
  po::options_description options("pmoe-sim export RESULTS_DIR --format csv");
  options.add_options()("help,h", "show this help")(
      "results", po::value(&directory)->required(),
      "results folder (positional), e.g. results/demo")(
      "format", po::value(&format)->required(), "table format: csv")(
      "out,o", po::value(&out_dir),
      "folder for runs.csv, curves.csv, cells.csv and fits.csv (default: the "
      "results folder)");
  po::positional_options_description positional;
  positional.add("results", 1);
  po::variables_map vm;
  if (!ParseCommandLine(args, options, positional, vm,
                        "Writes tidy tables of a results folder: runs.csv "
                        "(one row per run), curves.csv (run_id, step, metric, "
                        "value), cells.csv (N*, T* per cell and target) and "
                        "fits.csv (one row per fit of analysis.json, written "
                        "by analyze; the header only before it).")) {
    return 0;
  }
  if (format != "csv")
    throw SpecError("--format: expected csv, got '" + format + "'");
  if (out_dir.empty()) out_dir = directory;
  CheckOutputFile(out_dir, "--out");
  for (const char* name :
       {"/runs.csv", "/curves.csv", "/cells.csv", "/fits.csv"})
    CheckOutputFile(out_dir + name, "--out", directory);
  RefuseLinkedOwnFiles(out_dir,
                       {"runs.csv", "curves.csv", "cells.csv", "fits.csv"});
  const ResultsSet results = LoadResults(directory);
  const std::vector<Json> records = ReadJsonLines(directory + "/runs.jsonl");
  // Cells at every training target, with the spec's analysis options.
  ComplexityOptions cell_options = ReadAnalysisOptions(results);
  std::vector<std::vector<Cell>> cells;
  for (double target : results.targets) {
    cell_options.target = target;
    cells.push_back(SummariseCells(results, cell_options));
  }
  std::filesystem::create_directories(out_dir);
  WriteFileAtomic(out_dir + "/runs.csv", RunsCsv(records));
  WriteFileAtomic(out_dir + "/curves.csv", CurvesCsv(records));
  WriteFileAtomic(out_dir + "/cells.csv",
                  CellsCsv(results.targets, cells, cell_options.success));
  // The fits of the folder's last analysis (none before `analyze`).
  const std::string analysis_path = directory + "/analysis.json";
  const Json analysis = std::filesystem::exists(analysis_path)
                            ? ReadJsonFile(analysis_path)
                            : Json();
  const Json fits =
      analysis.is_object() ? analysis.value("fits", Json()) : Json();
  WriteFileAtomic(out_dir + "/fits.csv", FitsCsv(fits));
  std::cerr << "wrote runs.csv, curves.csv, cells.csv and fits.csv ("
            << (fits.is_array() ? fits.size() : 0) << " fits"
            << (fits.is_null() ? ", no analysis.json yet" : "") << ") in "
            << out_dir << "\n";
  return 0;
}

}  // namespace sim
