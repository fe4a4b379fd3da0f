#include "analysis/plots.h"

#include <filesystem>

#include "analysis/plot_figures.h"

namespace sim {

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
  const PlotContext context{results, cells, options, dir};
  std::vector<PlotFile> plots;
  PlotAccuracy(context, plots);
  PlotPhases(context, plots);
  PlotComplexity(context, plots);
  PlotRouter(context, plots);
  PlotLoss(context, plots);
  PlotGap(context, plots);
  return plots;
}

}  // namespace sim
