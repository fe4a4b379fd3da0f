// Router diagnostics vs N (or N_r) for patch-routed models (paper Figs.
// 8-9): one panel per cell, one colour per model.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <sstream>

#include "analysis/plots/display_names.h"
#include "analysis/plots/mean_interval.h"
#include "analysis/plots/plot_facets.h"
#include "analysis/plots/plot_figures.h"
#include "analysis/theory/theory.h"
#include "sim/experiment/io/safe_file.h"

namespace sim {
namespace {

bool PatchRouted(const Cell& c) {
  const Routing routing = TraitsOf(c.type).routing;
  return routing == Routing::kPatchHard || routing == Routing::kPatchSoft;
}

bool SoftGates(const Cell& c) {
  return TraitsOf(c.type).routing == Routing::kPatchSoft;
}

// Sums of recall and top-gated share (and of their squares) per x over
// the cell's routed runs: recall, top, count, recall^2, top^2.
std::map<double, std::array<double, 5>> RouterSums(const ResultsSet& results,
                                                   const Cell& cell,
                                                   const std::string& x_axis) {
  std::map<double, std::array<double, 5>> sums;
  for (const RunRecord& r : results.runs) {
    if (r.model != cell.model || !r.routed) continue;
    auto coords = r.coords;
    coords.erase("N");
    if (coords != cell.coords) continue;
    const double x = x_axis == "N" ? r.N() : r.coords.at("N_r");
    auto& s = sums[x];
    s[0] += r.router_recall;
    s[1] += r.router_top_gated;
    s[2] += 1;
    s[3] += r.router_recall * r.router_recall;
    s[4] += r.router_top_gated * r.router_top_gated;
  }
  return sums;
}

// "mean half_width" in percent of one quantity's sums (index 0 or 1).
std::string MeanAndInterval(const std::array<double, 5>& s, int q) {
  const int n = int(s[2]);
  const double mean = s[q] / n;
  const double sd =
      n > 1 ? std::sqrt(std::max(0.0, (s[q + 3] - n * mean * mean) / (n - 1)))
            : 0;
  return Num(100 * mean) + " " + Num(100 * MeanHalfWidth95(sd, n));
}

// Cells are grouped into panels by every coordinate but the x axis (N_r
// is a cell coordinate; N is not).
Coords FacetOf(const Cell& c, const std::string& x_axis) {
  Coords f = c.coords;
  f.erase(x_axis);
  return f;
}

// Writes the data blocks of one panel and returns its plot command (empty
// if no model has data there).
std::string PanelPlot(const PlotContext& ctx,
                      const Coords& facet,
                      const std::string& x_axis,
                      const std::string& name,
                      std::ostream& dat,
                      int& block) {
  const int count = int(ctx.results.models.size());
  std::string plot;
  for (int m = 0; m < count; ++m) {
    const std::string& model = ctx.results.models[m];
    const std::string lc = " lc rgb '" + ModelColour(ctx.results, model) + "'";
    bool soft_gates = false;
    std::ostringstream rows;
    for (const Cell& c : ctx.cells) {
      if (c.model != model || !PatchRouted(c) || FacetOf(c, x_axis) != facet)
        continue;
      soft_gates = SoftGates(c);
      for (const auto& [x, s] : RouterSums(ctx.results, c, x_axis)) {
        rows << x << " " << x * LogOffset(m, count) << " "
             << MeanAndInterval(s, 0) << " " << MeanAndInterval(s, 1) << "\n";
      }
    }
    // gnuplot numbers only blocks with data: never write an empty one.
    if (rows.str().empty()) continue;
    dat << "# " << model << " " << CoordsLabel(facet)
        << "\n# x drawn_at recall_percent half_width top_gated_percent "
           "half_width (95% interval of the mean)\n"
        << rows.str() << "\n\n";
    const std::string idx = std::to_string(block++);
    plot += std::string(plot.empty() ? "plot " : ", ") + Quote(name + ".dat") +
            " index " + idx + " using 2:3:4 with yerrorlines lw 2 pt 7 " +
            "ps 0.6" + lc + " title " + Quote(ModelLabel(ctx.results, model));
    // With hard gates (separate training) every routed patch has the same
    // gate, so "largest gate" means nothing there.
    if (soft_gates) {
      plot += ", '' index " + idx +
              " using 2:5:6 with yerrorlines lw 1.5 dt 2 pt 6 ps 0.6" + lc +
              " title " + Quote(ModelLabel(ctx.results, model) + " top-gated");
    }
  }
  return plot;
}

// Legend entries, in the spec's model order: one per routed model, and its
// top-gated line if its gates are soft.
std::vector<KeyEntry> LegendEntries(const PlotContext& ctx) {
  std::vector<KeyEntry> entries;
  for (const std::string& model : ctx.results.models) {
    bool routed = false, soft = false;
    for (const Cell& c : ctx.cells) {
      if (c.model != model || !PatchRouted(c)) continue;
      routed = true;
      soft |= SoftGates(c);
    }
    const std::string lc = " lc rgb '" + ModelColour(ctx.results, model) + "'";
    if (routed)
      entries.push_back({"with linespoints lw 2 pt 7 ps 0.6" + lc,
                         ModelLabel(ctx.results, model)});
    if (soft)
      entries.push_back({"with linespoints lw 1.5 dt 2 pt 6 ps 0.6" + lc,
                         ModelLabel(ctx.results, model) + " top-gated"});
  }
  return entries;
}

}  // namespace

void PlotRouter(const PlotContext& ctx, std::vector<PlotFile>& plots) {
  const std::vector<std::string>& axes = ctx.results.axes;
  const std::string x_axis =
      std::find(axes.begin(), axes.end(), "N_r") != axes.end() ? "N_r" : "N";
  const std::string name = "router_vs_" + x_axis;
  std::vector<Coords> facets;
  for (const Cell& c : ctx.cells) {
    const Coords f = FacetOf(c, x_axis);
    if (PatchRouted(c) &&
        std::find(facets.begin(), facets.end(), f) == facets.end())
      facets.push_back(f);
  }
  if (facets.empty()) return;
  const FacetLayout layout = LayoutFor(int(facets.size()));
  const FacetKey key = FacetKeyFor(layout, LegendEntries(ctx));
  // Dashed top-gated lines only where some model has soft gates.
  bool soft_gates = false;
  for (const Cell& c : ctx.cells) soft_gates |= SoftGates(c);
  std::string body = MultiplotOpen(
      layout,
      (soft_gates
           ? "Router on the test set: in top-l (solid), top-gated (dashed), "
           : "Router on the test set: discriminative patch in top-l, ") +
          ProtocolText(ctx.results),
      key.rows);
  TextFile dat(ctx.dir + "/" + name + ".dat");
  int block = 0;
  for (size_t f = 0; f < facets.size(); ++f) {
    const std::string plot =
        PanelPlot(ctx, facets[f], x_axis, name, dat, block);
    if (plot.empty()) continue;
    const std::vector<double> xs = x_axis == "N"
                                       ? GridNs(ctx.cells, "")
                                       : AxisValues(ctx.cells, "", "N_r");
    body +=
        FacetPanel(layout, int(f), int(facets.size()),
                   AxisLabel(x_axis) + ScaleSuffix(xs), "test samples (%)") +
        "set title " + Quote(CoordsLabel(facets[f])) + "\n" + LogTics("x", xs) +
        "set grid lc rgb '#e0e0e0'\nset yrange [0:105]\n" + plot + "\n";
  }
  body += FacetLegend(layout, key) + "unset multiplot\n";
  if (block == 0) return;  // no empty .dat left
  dat.close();
  PlotFile file{
      name, "Router diagnostics vs " + x_axis + " (paper Figs. 8-9)",
      std::string(
          "One panel per grid cell, one colour per model. Solid: percentage "
          "of test samples whose discriminative patch is among the l patches "
          "routed to its expert (separate training: expert 1 for y=+1, "
          "expert 2 for y=-1; joint: the best expert per class), the mean "
          "over repeats with its 95% interval (mean +- t sd / sqrt(repeats); "
          "none for a single repeat).") +
          (soft_gates ? " Dashed, for jointly trained models only (their "
                        "gates are soft): percentage where it also has that "
                        "expert's largest routing value, hence largest gate "
                        "(Assumption 4.4)."
                      : ""),
      ""};
  file.warnings = Render(ctx.dir, name, body, layout.size);
  plots.push_back(file);
}

}  // namespace sim
