// The saving's collapse plot: N*_dense / N*_routed against a composite
// variable (analysis.composite_axes, e.g. n/l), every grid point where both
// models have a usable N* on one log-log figure, the point shape telling
// the composite's last factor apart, with the saving's power law fitted in
// the composite. A saving that is a function of the composite alone puts
// every point on one line; points that fan out by shape refute it.
#include <cmath>
#include <map>

#include "analysis/fits/saving_points.h"
#include "analysis/fits/scaling_fit.h"
#include "analysis/plots/collapse_figure.h"
#include "analysis/plots/display_names.h"
#include "analysis/plots/plot_figures.h"
#include "analysis/records/composite_axis.h"
#include "analysis/theory/theory.h"
#include "sim/experiment/io/safe_file.h"

namespace sim {
namespace {

// One pair's points at their composite value, with the saving's fit.
void PairSeries(const PlotContext& ctx,
                const std::string& axis,
                const std::string& shape_axis,
                const std::string& dense,
                const std::string& routed,
                const std::string& stem,
                TextFile& dat,
                CollapseFigure& f) {
  std::vector<CollapsePoint> points;
  for (const SavingPoint& s : SavingPoints(ctx.cells, dense, routed)) {
    CollapsePoint p;
    if (!CellAxisValue(s.joined, axis, p.x) ||
        !CellAxisValue(s.joined, shape_axis, p.shape))
      continue;
    p.y = s.value;
    p.lo = std::isnan(s.lo) ? s.value : s.lo;
    p.hi = std::isnan(s.hi) ? s.value : s.hi;
    points.push_back(p);
  }
  if (points.empty()) return;
  AddCollapseGroup(points,
                   "N*_" + ModelLabel(ctx.results, dense) + " / N*_" +
                       ModelLabel(ctx.results, routed),
                   axis, shape_axis, ModelColour(ctx.results, routed),
                   FitSaving(ctx.cells, dense, routed, {axis}), stem, dat, f);
}

}  // namespace

void PlotSavingCollapse(const PlotContext& ctx, std::vector<PlotFile>& plots) {
  for (const std::string& axis : ctx.options.composite_axes) {
    const std::vector<std::string> factors = FactorAxes({axis});
    if (factors.size() < 2) continue;
    const std::string stem = CompositeStem("saving_vs_", axis);
    CollapseFigure f;
    {
      TextFile dat(ctx.dir + "/" + stem + ".dat");
      for (const std::string& dense : ctx.results.models) {
        if (!TraitsOf(ctx.results.ModelType(dense)).dense_baseline) continue;
        for (const std::string& routed : ctx.results.models)
          if (!TraitsOf(ctx.results.ModelType(routed)).dense_baseline)
            PairSeries(ctx, axis, factors.back(), dense, routed, stem, dat, f);
      }
      dat.close();
    }
    PlotFile file{
        stem, "Saving vs " + axis + " (collapse): every grid point",
        "The saving N*_dense / N*_routed at every grid point where both N* "
        "are measured, with the 95% interval of the ratio over bootstrap "
        "replicates, at its value of " +
            axis + "; the point shape tells " + factors.back() +
            " apart; the line is the saving's power law fitted in " + axis +
            ". A saving that is a function of " + axis +
            " alone puts the points on one line whatever their shape (the "
            "collapse rule tests it).",
        ""};
    RenderCollapse(ctx, f, file,
                   "Saving (ε = " + Num(ctx.options.target) + ") vs " + axis,
                   "saving N*_dense / N*_routed (log scale)", axis, plots);
  }
}

}  // namespace sim
