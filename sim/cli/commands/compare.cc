// `pmoe-sim compare FOLDER... --out DIR`: N* against one axis from several
// results folders in one log-log figure.

#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>

#include "analysis/estimate/analysis_options.h"
#include "analysis/plots/plot_compare.h"
#include "sim/cli/command_line.h"
#include "sim/cli/commands/commands.h"
#include "sim/experiment/io/output_target.h"
#include "sim/experiment/spec/json_reader.h"

namespace sim {
namespace po = boost::program_options;
namespace {

// The axis besides N that every folder's grid has and varies, if there is
// exactly one; otherwise --axis must name it.
std::string CommonAxis(const std::vector<ResultsSet>& sets) {
  std::vector<std::string> common;
  for (const std::string& axis : sets.front().axes) {
    if (axis == "N") continue;
    bool everywhere = true;
    for (const ResultsSet& s : sets)
      everywhere &=
          std::find(s.axes.begin(), s.axes.end(), axis) != s.axes.end();
    if (everywhere) common.push_back(axis);
  }
  if (common.size() == 1) return common.front();
  std::string names;
  for (const std::string& a : common) names += (names.empty() ? "" : ", ") + a;
  throw SpecError("--axis: required, the folders share " +
                  (common.empty() ? std::string("no axis besides N")
                                  : "the axes " + names));
}

}  // namespace

int CompareCommand(const std::vector<std::string>& args) {
  std::vector<std::string> folders;
  std::string out, axis;
  po::options_description options("pmoe-sim compare FOLDER... --out DIR");
  options.add_options()("help,h", "show this help")(
      "folders", po::value(&folders)->multitoken(),
      "results folders (positional), e.g. results/demo results/demo_budget")(
      "out,o", po::value(&out)->required(), "folder for the figure")(
      "axis", po::value(&axis),
      "the axis to plot N* against (default: the one axis besides N that "
      "every folder has)");
  po::positional_options_description positional;
  positional.add("folders", -1);
  po::variables_map vm;
  if (!ParseCommandLine(
          args, options, positional, vm,
          "Overlays N* against one axis from several results folders "
          "(budget, online, converged protocols) in one log-log figure, "
          "each folder at its own analysis options (spec's analysis "
          "object): DIR/compare_nstar_vs_AXIS.{svg,png,pdf,gp,dat}.")) {
    return 0;
  }
  if (folders.size() < 2)
    throw SpecError("compare: expected two or more results folders, got " +
                    std::to_string(folders.size()));
  std::vector<ResultsSet> sets;
  for (const std::string& f : folders) sets.push_back(LoadResults(f));
  if (axis.empty()) axis = CommonAxis(sets);
  CheckOutputFile(out, "--out");
  // A figure of several folders belongs to none of them.
  if (IsResultsFolder(out))
    throw SpecError("--out: " + out +
                    " is a results folder; choose a folder of its own for "
                    "the comparison");
  std::vector<ComparedFolder> compared;
  for (const ResultsSet& s : sets) {
    if (std::find(s.axes.begin(), s.axes.end(), axis) == s.axes.end())
      throw SpecError("--axis: " + s.directory + " has no axis " + axis);
    ComparedFolder c;
    c.results = &s;
    c.options = ReadAnalysisOptions(s);
    c.cells = SummariseCells(s, c.options);
    compared.push_back(std::move(c));
  }
  std::filesystem::create_directories(out);
  const PlotFile file = PlotCompare(compared, axis, out);
  if (!file.warnings.empty())
    std::cerr << "warning: gnuplot warned while drawing " << file.name
              << " (see " << out << "/" << file.name << ".log)\n";
  std::cerr << "wrote " << out << "/" << file.name << ".svg, .png and .pdf\n";
  return 0;
}

}  // namespace sim
