// Final test accuracy vs N (the paper's Fig. 4 style).
#include <algorithm>
#include <cmath>

#include "analysis/plots/display_names.h"
#include "analysis/plots/mean_interval.h"
#include "analysis/plots/plot_facets.h"
#include "analysis/plots/plot_figures.h"
#include "sim/experiment/io/safe_file.h"

namespace sim {

void PlotAccuracy(const PlotContext& ctx, std::vector<PlotFile>& plots) {
  const std::string name = "accuracy_vs_N";
  const std::vector<Coords> facets =
      FacetCoords(ctx.cells, [](const Cell&) { return true; });
  const std::vector<std::string>& models = ctx.results.models;
  const FacetLayout layout = LayoutFor(static_cast<int>(facets.size()));
  TextFile dat(ctx.dir + "/" + name + ".dat");
  std::vector<KeyEntry> entries;
  for (const std::string& m : models) {
    bool drawn = false;
    for (const Cell& c : ctx.cells) drawn |= c.model == m && !c.points.empty();
    if (drawn)
      entries.push_back({"with linespoints lw 2 pt 7 ps 0.6 lc rgb '" +
                             ModelColour(ctx.results, m) + "'",
                         ModelLabel(ctx.results, m)});
  }
  const FacetKey key = FacetKeyFor(layout, entries);
  std::string body = MultiplotOpen(
      layout,
      "Final test accuracy (mean and 95% interval over repeats), " +
          ProtocolText(ctx.results),
      key.rows);
  // One y range for every panel, so panels compare at a glance; it holds
  // every error bar (an interval may pass 100%).
  double lowest = 100, highest = 100;
  for (const Cell& c : ctx.cells) {
    for (const GridPoint& p : c.points) {
      const double half = MeanHalfWidth95(p.sd_error, p.runs);
      lowest = std::min(lowest, 100 * (1 - p.mean_error - half));
      highest = std::max(highest, 100 * (1 - p.mean_error + half));
    }
  }
  const std::string yrange =
      "set yrange [" + Num(std::max(0.0, 5 * std::floor(lowest / 5))) + ":" +
      Num(highest > 100 ? std::ceil(highest) + 0.5 : 100.5) + "]\n";
  int block = 0;
  for (size_t f = 0; f < facets.size(); ++f) {
    std::string plot;
    for (size_t m = 0; m < models.size(); ++m) {
      const Cell* cell = nullptr;
      for (const Cell& c : ctx.cells)
        if (c.model == models[m] && c.coords == facets[f]) cell = &c;
      if (cell == nullptr || cell->points.empty()) continue;
      dat << "# " << cell->Label()
          << "\n# N N_drawn mean_accuracy_percent "
             "interval_half_width_percent runs\n";
      const double shift = LogOffset(int(m), int(models.size()));
      for (const GridPoint& p : cell->points) {
        dat << p.N << " " << p.N * shift << " " << 100 * (1 - p.mean_error)
            << " " << 100 * MeanHalfWidth95(p.sd_error, p.runs) << " " << p.runs
            << "\n";
      }
      dat << "\n\n";
      plot += std::string(plot.empty() ? "plot " : ", ") +
              Quote(name + ".dat") + " index " + std::to_string(block++) +
              " using 2:3:4 with yerrorlines lw 2 pt 7 ps 0.6 lc rgb '" +
              ModelColour(ctx.results, models[m]) + "' title " +
              Quote(ModelLabel(ctx.results, models[m]));
    }
    if (plot.empty()) continue;
    body += FacetPanel(layout, int(f), int(facets.size()),
                       "training samples N (log scale)", "test accuracy (%)") +
            "set title " + Quote(CoordsLabel(facets[f])) + "\n" +
            LogTics("x", GridNs(ctx.cells, "")) +
            "set grid lc rgb '#e0e0e0'\n" + yrange + plot + "\n";
  }
  body += FacetLegend(layout, key) + "unset multiplot\n";
  if (block == 0) return;  // no empty .dat left
  dat.close();
  PlotFile file{name, "Final test accuracy vs N per model and cell",
                "One panel per grid cell, one colour per model (the same in "
                "every plot); error bars are the 95% interval of the mean over "
                "repeats (mean +- t sd / sqrt(repeats); none for a single "
                "repeat), and points of different models at one N are "
                "shifted slightly apart. A line above another reaches the "
                "same accuracy with fewer samples.",
                ""};
  file.warnings = Render(ctx.dir, name, body, layout.size);
  plots.push_back(file);
}

}  // namespace sim
