// The collapse plot: N* against a composite variable (analysis.
// composite_axes, e.g. n/l), every cell of the grid on one log-log figure,
// the point shape telling the composite's last factor apart (l), with the
// model's power law fitted in the composite. A law in the composite puts
// every point of a model on one line; points that fan out by shape refute
// it.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "analysis/fits/scaling_fit.h"
#include "analysis/plots/collapse_figure.h"
#include "analysis/plots/display_names.h"
#include "analysis/plots/plot_figures.h"
#include "analysis/records/composite_axis.h"
#include "sim/experiment/io/safe_file.h"

namespace sim {

std::string CompositeStem(const std::string& prefix, const std::string& axis) {
  std::string stem = prefix;
  for (char c : axis) {
    if (c == '/')
      stem += "_over_";
    else if (c == '*')
      stem += "_times_";
    else if (c == '^')
      stem += "_pow_";
    else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
             c == '.')
      stem += c;
  }
  return stem;
}

void AddCollapseGroup(const std::vector<CollapsePoint>& points,
                      const std::string& name,
                      const std::string& axis,
                      const std::string& shape_axis,
                      const std::string& colour,
                      const Fit& fit,
                      const std::string& stem,
                      TextFile& dat,
                      CollapseFigure& f) {
  static const int kPoints[] = {7, 5, 9, 11, 13, 15};
  std::map<double, std::vector<const CollapsePoint*>> by_shape;
  for (const CollapsePoint& p : points) by_shape[p.shape].push_back(&p);
  const std::string lc = " lc rgb '" + colour + "'";
  KeyGroup group;
  int shape = 0;
  for (const auto& [s, list] : by_shape) {
    dat << "# " << name << ", " << shape_axis << " = " << Num(s) << ": " << axis
        << " value lo hi\n";
    for (const CollapsePoint* p : list) {
      f.xlo = std::min(f.xlo, p->x);
      f.xhi = std::max(f.xhi, p->x);
      dat << p->x << " " << p->y << " " << p->lo << " " << p->hi << "\n";
    }
    dat << "\n\n";
    group.push_back({"'" + stem + ".dat' index " + std::to_string(f.block++) +
                         " using 1:2:3:4 with yerrorbars pt " +
                         std::to_string(kPoints[shape++ % 6]) + " ps 1.2" + lc,
                     name + ", " + shape_axis + " = " + Label(s)});
  }
  if (fit.ok) {
    char line[200], label[120];
    std::snprintf(line, sizeof(line), "exp(%.10g)*x**%.10g with lines lw 2",
                  fit.intercept, fit.slope[0]);
    if (std::isfinite(fit.lo[0]) && std::isfinite(fit.hi[0]))
      std::snprintf(label, sizeof(label), "  fit %.2f [%.2f, %.2f] in ",
                    fit.slope[0], fit.lo[0], fit.hi[0]);
    else
      std::snprintf(label, sizeof(label), "  fit %.2f in ", fit.slope[0]);
    group.push_back({std::string(line) + lc, label + axis});
  }
  f.groups.push_back(group);
}

void RenderCollapse(const PlotContext& ctx,
                    const CollapseFigure& f,
                    PlotFile file,
                    const std::string& title,
                    const std::string& ylabel,
                    const std::string& axis,
                    std::vector<PlotFile>& plots) {
  if (f.groups.empty() || !(f.xhi > f.xlo)) return;
  const double width = 6.0;
  const KeyBelow key = LegendBelow(f.groups, {}, width);
  file.warnings = Render(ctx.dir, file.name,
                         PlotHeader() + key.settings +
                             LogRangeTics("x", f.xlo / 1.15, f.xhi * 1.15) +
                             "set logscale y\nset title " +
                             Quote(title + ", " + ProtocolText(ctx.results)) +
                             "\nset xlabel " + Quote(axis + " (log scale)") +
                             "\nset ylabel " + Quote(ylabel) + "\n" + key.plot,
                         PlotSize{width, 3.6 + KeyRowsHeight(key.rows, width)});
  plots.push_back(file);
}

namespace {

// One model's usable cells at their composite value, with its fitted line;
// a model the composite does not move (the CNN reads every patch: its l is
// n) has no collapse to show.
void ModelSeries(const PlotContext& ctx,
                 const std::string& axis,
                 const std::string& shape_axis,
                 const std::string& model,
                 const std::string& stem,
                 TextFile& dat,
                 CollapseFigure& f) {
  std::vector<CollapsePoint> points;
  std::set<double> xs;
  for (const Cell& c : ctx.cells) {
    CollapsePoint p;
    if (c.model != model || !c.n_star.usable() ||
        !CellAxisValue(c, axis, p.x) || !CellAxisValue(c, shape_axis, p.shape))
      continue;
    p.y = c.n_star.value;
    p.lo = c.n_star.lo;
    p.hi = c.n_star.hi;
    points.push_back(p);
    xs.insert(p.x);
  }
  if (xs.size() < 2) return;
  AddCollapseGroup(points, ModelLabel(ctx.results, model), axis, shape_axis,
                   ModelColour(ctx.results, model),
                   FitCells(ctx.cells, model, {axis}, Quantity::kNStar), stem,
                   dat, f);
}

}  // namespace

void PlotCollapse(const PlotContext& ctx, std::vector<PlotFile>& plots) {
  for (const std::string& axis : ctx.options.composite_axes) {
    const std::vector<std::string> factors = FactorAxes({axis});
    if (factors.size() < 2) continue;
    const std::string stem = CompositeStem("nstar_vs_", axis);
    CollapseFigure f;
    {
      TextFile dat(ctx.dir + "/" + stem + ".dat");
      for (const std::string& model : ctx.results.models)
        ModelSeries(ctx, axis, factors.back(), model, stem, dat, f);
      dat.close();
    }
    PlotFile file{
        stem, "N* vs " + axis + " (collapse): every cell on one figure",
        "Every cell of the grid at its value of " + axis +
            ", N* with its 95% bootstrap interval; the point shape tells " +
            factors.back() +
            " apart, the colour the model; the line is the model's power "
            "law fitted in " +
            axis + ". If N* is a function of " + axis +
            " alone, a model's points lie on one line whatever their shape; "
            "points that fan out by shape refute it (the collapse rule "
            "tests it).",
        ""};
    RenderCollapse(ctx, f, file,
                   "N* (ε = " + Num(ctx.options.target) + ") vs " + axis,
                   "sample complexity N* (log scale)", axis, plots);
  }
}

}  // namespace sim
