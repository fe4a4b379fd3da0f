#include "analysis/plots/plots.h"

#include <filesystem>

#include "analysis/plots/plot_figures.h"

namespace sim {
namespace {

// Analyze alone writes this folder, and every file it draws is written
// anew: temp files that a killed analyze left behind (a failed write removes
// its own) go, and so do symlinks (the link alone, never its target), so
// that no figure is written through a link to somewhere else.
void RemoveTempFilesAndLinks(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const fs::file_type type = entry.symlink_status(ec).type();
    if (type == fs::file_type::symlink ||
        (entry.path().extension() == ".tmp" && type == fs::file_type::regular))
      fs::remove(entry.path(), ec);
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
                                const std::string& dir,
                                const std::vector<Cell>& router_cells) {
  std::filesystem::create_directories(dir);
  RemoveTempFilesAndLinks(dir);
  const PlotContext context{results, cells, options, dir};
  // Plots over N make no sense for online cells (one pass of fresh
  // samples, no N axis): they get the fixed-set cells only.
  std::vector<Cell> fixed_set;
  for (const Cell& c : cells)
    if (!c.online) fixed_set.push_back(c);
  const PlotContext over_n{results, fixed_set, options, dir};
  std::vector<PlotFile> plots;
  PlotTestError(context, true, plots);
  PlotTestError(context, false, plots);
  PlotTestLoss(context, plots);
  PlotAccuracy(over_n, plots);
  PlotPhases(over_n, plots);
  PlotComplexity(context, plots);
  PlotRouter(over_n, plots);
  PlotLoss(context, plots);
  PlotGap(context, plots);
  PlotCollapse(context, plots);
  PlotSavingCollapse(context, plots);
  PlotRouterSamples(context, router_cells, plots);
  PlotRouterProperness(context, plots);
  PlotCoupling(context, plots);
  return plots;
}

}  // namespace sim
