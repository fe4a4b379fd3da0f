#include "analysis/plots.h"

#include <filesystem>

#include "analysis/plot_figures.h"

namespace sim {
namespace {

// Temp files of writes that a killed analyze left behind (a failed write
// removes its own): analyze alone writes this folder, and every file it
// draws is written anew.
void RemoveTempFiles(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".tmp" &&
        entry.symlink_status(ec).type() == std::filesystem::file_type::regular)
      std::filesystem::remove(entry.path(), ec);
  }
}

}  // namespace

std::vector<std::string> VaryingAxes(const PlotContext& ctx) {
  std::vector<std::string> axes;
  for (const std::string& axis : ctx.results.axes) {
    if (axis == "N") continue;
    for (const std::string& model : ctx.results.models) {
      if (AxisValues(ctx.cells, model, axis).size() >= 2) {
        axes.push_back(axis);
        break;
      }
    }
  }
  return axes;
}

std::vector<PlotFile> DrawPlots(const ResultsSet& results,
                                const std::vector<Cell>& cells,
                                const ComplexityOptions& options,
                                const std::string& dir) {
  std::filesystem::create_directories(dir);
  RemoveTempFiles(dir);
  const PlotContext context{results, cells, options, dir};
  // Plots over N make no sense for online cells (one pass of fresh
  // samples, no N axis): they get the fixed-set cells only.
  std::vector<Cell> fixed_set;
  for (const Cell& c : cells)
    if (!c.online) fixed_set.push_back(c);
  const PlotContext over_n{results, fixed_set, options, dir};
  std::vector<PlotFile> plots;
  PlotAccuracy(over_n, plots);
  PlotPhases(over_n, plots);
  PlotComplexity(context, plots);
  PlotRouter(over_n, plots);
  PlotLoss(context, plots);
  PlotGap(context, plots);
  return plots;
}

}  // namespace sim
