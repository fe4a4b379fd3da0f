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
#include "analysis/plots/display_names.h"
#include "analysis/plots/plot_figures.h"
#include "analysis/records/composite_axis.h"
#include "analysis/theory/theory.h"
#include "sim/experiment/io/safe_file.h"

namespace sim {
namespace {

struct SavingFigure {
  std::vector<KeyGroup> groups;
  double xlo = INFINITY, xhi = 0;
  int block = 0;
};

// One pair's points, by the value of `shape_axis`, and its fitted line.
void PairSeries(const PlotContext& ctx,
                const std::string& axis,
                const std::string& shape_axis,
                const std::string& dense,
                const std::string& routed,
                const std::string& stem,
                TextFile& dat,
                SavingFigure& f) {
  static const int kPoints[] = {7, 5, 9, 11, 13, 15};
  std::map<double, std::vector<std::pair<double, SavingPoint>>> by_shape;
  for (const SavingPoint& p : SavingPoints(ctx.cells, dense, routed)) {
    double x = 0, s = 0;
    if (!CellAxisValue(p.joined, axis, x) ||
        !CellAxisValue(p.joined, shape_axis, s))
      continue;
    by_shape[s].push_back({x, p});
  }
  if (by_shape.empty()) return;
  const std::string lc = " lc rgb '" + ModelColour(ctx.results, routed) + "'";
  const std::string name = "N*_" + ModelLabel(ctx.results, dense) + " / N*_" +
                           ModelLabel(ctx.results, routed);
  KeyGroup group;
  int shape = 0;
  for (const auto& [s, points] : by_shape) {
    dat << "# " << name << ", " << shape_axis << " = " << Num(s) << ": " << axis
        << " saving lo hi\n";
    for (const auto& [x, p] : points) {
      f.xlo = std::min(f.xlo, x);
      f.xhi = std::max(f.xhi, x);
      dat << x << " " << p.value << " " << (std::isnan(p.lo) ? p.value : p.lo)
          << " " << (std::isnan(p.hi) ? p.value : p.hi) << "\n";
    }
    dat << "\n\n";
    group.push_back({"'" + stem + ".dat' index " + std::to_string(f.block++) +
                         " using 1:2:3:4 with yerrorbars pt " +
                         std::to_string(kPoints[shape++ % 6]) + " ps 1.2" + lc,
                     name + ", " + shape_axis + " = " + Label(s)});
  }
  const Fit fit = FitSaving(ctx.cells, dense, routed, {axis});
  if (fit.ok) {
    char line[200], label[120];
    std::snprintf(line, sizeof(line), "exp(%.10g)*x**%.10g with lines lw 2",
                  fit.intercept, fit.slope[0]);
    std::snprintf(label, sizeof(label), "  fit %.2f [%.2f, %.2f] in ",
                  fit.slope[0], fit.lo[0], fit.hi[0]);
    group.push_back({std::string(line) + lc, label + axis});
  }
  f.groups.push_back(group);
}

}  // namespace

void PlotSavingCollapse(const PlotContext& ctx, std::vector<PlotFile>& plots) {
  for (const std::string& axis : ctx.options.composite_axes) {
    const std::vector<std::string> factors = FactorAxes({axis});
    if (factors.size() < 2) continue;
    const std::string stem = CompositeStem("saving_vs_", axis);
    SavingFigure f;
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
    if (f.groups.empty() || !(f.xhi > f.xlo)) continue;
    const double width = 6.0;
    const KeyBelow key = LegendBelow(f.groups, {}, width);
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
    file.warnings =
        Render(ctx.dir, stem,
               PlotHeader() + key.settings +
                   LogRangeTics("x", f.xlo / 1.15, f.xhi * 1.15) +
                   "set logscale y\nset title " +
                   Quote("Saving (ε = " + Num(ctx.options.target) + ") vs " +
                         axis + ", " + ProtocolText(ctx.results)) +
                   "\nset xlabel " + Quote(axis + " (log scale)") +
                   "\nset ylabel 'saving N*_dense / N*_routed (log scale)'\n" +
                   key.plot,
               PlotSize{width, 3.6 + KeyRowsHeight(key.rows, width)});
    plots.push_back(file);
  }
}

}  // namespace sim
