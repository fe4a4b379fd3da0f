// Phase transitions: success probability over (axis, N) (paper Fig. 5).
#include <cmath>

#include "analysis/plots/display_names.h"
#include "analysis/plots/plot_facets.h"
#include "analysis/plots/plot_figures.h"
#include "sim/experiment/io/safe_file.h"

namespace sim {
namespace {

// Mean success probability at (axis = value, N) over the model's cells
// (averaged over the other axes); NaN where no cell has that point.
double MeanSuccess(const std::vector<Cell>& cells,
                   const std::string& model,
                   const std::string& axis,
                   double value,
                   double N) {
  double sum = 0;
  int count = 0;
  for (const Cell& c : cells) {
    if (c.model != model || c.coords.at(axis) != value) continue;
    for (const GridPoint& p : c.points) {
      if (p.N == N) {
        sum += p.success;
        ++count;
      }
    }
  }
  return count ? sum / count : std::nan("");
}

// Tick labels at the values, placed at their indices (an even grid).
std::string IndexTics(const std::string& axis,
                      const std::vector<double>& values) {
  std::string out = "set " + axis + "tics (";
  for (size_t i = 0; i < values.size(); ++i) {
    out += std::string(i ? ", " : "") + Quote(Num(values[i])) + " " +
           std::to_string(i);
  }
  return out + ")\nset " + axis +
         "range [-0.5:" + std::to_string(values.size() - 0.5) + "]\n";
}

// "top_k (1, 2, 4)": axes and their values, joined by "and".
std::string AxesText(const PlotContext& ctx,
                     const std::string& model,
                     const std::vector<std::string>& axes) {
  std::string out;
  for (size_t i = 0; i < axes.size(); ++i) {
    std::string values;
    for (double v : AxisValues(ctx.cells, model, axes[i]))
      values += (values.empty() ? "" : ", ") + Num(v);
    out += std::string(i == 0                 ? ""
                       : i + 1 == axes.size() ? " and "
                                              : ", ") +
           axes[i] + " (" + values + ")";
  }
  return out;
}

// What a square pools: the other axes it averages over, and the axes that
// move with `axis` (zipped with it). Empty when it pools nothing.
std::string Pooling(const PlotContext& ctx,
                    const std::string& model,
                    const std::string& axis) {
  const std::vector<std::string> others = OtherAxes(ctx.cells, model, axis);
  const std::vector<std::string> zipped = ZippedWith(ctx.cells, model, axis);
  std::string out;
  if (!others.empty())
    out += " Each square averages the success probability over " +
           AxesText(ctx, model, others) + ".";
  if (!zipped.empty())
    out += " " + AxesText(ctx, model, zipped) +
           (zipped.size() > 1 ? " move" : " moves") + " with " + axis +
           " (zipped axes).";
  return out;
}

void PlotPhase(const PlotContext& ctx,
               const std::string& model,
               const std::string& axis,
               std::vector<PlotFile>& plots) {
  const std::vector<double> values = AxisValues(ctx.cells, model, axis);
  const std::vector<double> Ns = GridNs(ctx.cells, model);
  const std::string name = "phase_" + model + "_" + axis + "_N";
  TextFile dat(ctx.dir + "/" + name + ".dat");
  dat << "# x_index N_index success_probability (averaged over other axes)\n";
  for (size_t xi = 0; xi < values.size(); ++xi) {
    for (size_t ni = 0; ni < Ns.size(); ++ni) {
      dat << xi << " " << ni << " "
          << MeanSuccess(ctx.cells, model, axis, values[xi], Ns[ni]) << "\n";
    }
    dat << "\n";
  }
  dat.close();
  const std::string eps = Num(ctx.options.target);
  const std::vector<std::string> others = OtherAxes(ctx.cells, model, axis);
  std::string pooled;
  for (const std::string& o : others)
    pooled += (pooled.empty() ? "" : ", ") + o;
  const std::string body =
      "set title " +
      Quote(ModelLabel(ctx.results, model) +
            ": fraction of repeats with test error <= ε = " + eps) +
      (pooled.empty() ? ""
                      : ".\"\\n\"." + Quote("(mean over " + pooled + ")")) +
      "\n" + IndexTics("x", values) + IndexTics("y", Ns) + "set xlabel " +
      Quote(AxisLabel(axis)) +
      "\nset ylabel 'training samples N'\nset cbrange [0:1]\n"
      "set cblabel 'success probability'\nset palette gray\n"
      "plot " +
      Quote(name + ".dat") + " using 1:2:3 with image notitle";
  PlotFile file{
      name,
      ModelLabel(ctx.results, model) + ": success probability over (" + axis +
          ", N)",
      "White = every repeat reached test error <= ε = " + eps +
          ", black = none (paper Fig. 5). The boundary between them is the "
          "sample complexity as a function of " +
          axis + "." + Pooling(ctx, model, axis),
      ""};
  file.warnings = Render(ctx.dir, name, body, PlotSize{4.5, 3.2});
  plots.push_back(file);
}

}  // namespace

void PlotPhases(const PlotContext& ctx, std::vector<PlotFile>& plots) {
  for (const std::string& axis : VaryingAxes(ctx)) {
    for (const std::string& model : ctx.results.models) {
      if (AxisValues(ctx.cells, model, axis).size() >= 2)
        PlotPhase(ctx, model, axis, plots);
    }
  }
}

}  // namespace sim
