// Test error of every seed: against SGD steps for online cells, against N
// for cells on a fixed training set; one panel per cell, a band over the
// seeds, and the target eps.
#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/plots/display_names.h"
#include "analysis/plots/plot_facets.h"
#include "analysis/plots/plot_figures.h"
#include "sim/experiment/io/safe_file.h"

namespace sim {
namespace {

// (x, test error) of one seed; x is the step (online) or N.
using Curve = std::map<double, double>;

// The curves of `model`'s ok runs in the facet, one per run (online) or
// one per repeat across N (fixed set).
std::vector<Curve> SeedCurves(const ResultsSet& results,
                              const std::string& model,
                              const Coords& facet,
                              bool online,
                              std::vector<double> RunRecord::*metric) {
  std::map<int, Curve> by_repeat;
  std::vector<Curve> curves;
  for (const RunRecord& r : results.runs) {
    Coords coords = r.coords;
    coords.erase("N");
    if (r.model != model || coords != facet || !r.ok) continue;
    if (!online) {
      if (r.test_error_measured) by_repeat[r.repeat][r.N()] = r.test_error;
      continue;
    }
    Curve c;
    const std::vector<double>& values = r.*metric;
    for (size_t i = 0; i < r.curve_step.size() && i < values.size(); ++i)
      if (r.curve_step[i] > 0 && std::isfinite(values[i]))
        c[r.curve_step[i]] = values[i];
    if (!c.empty()) curves.push_back(c);
  }
  for (auto& [repeat, c] : by_repeat) curves.push_back(c);
  return curves;
}

struct Range {
  double x_lo = INFINITY, x_hi = 0, y_hi = 0;
};

// Writes two blocks (every seed, then the band: x, lowest, highest);
// returns the plot clauses drawing them.
std::string WriteModel(const std::vector<Curve>& curves,
                       const std::string& colour,
                       const std::string& dat_name,
                       std::ostream& dat,
                       int& block,
                       Range& range) {
  std::map<double, std::pair<double, double>> band;
  for (const Curve& c : curves) {
    for (const auto& [x, y] : c) {
      dat << x << " " << y << "\n";
      auto [it, fresh] = band.try_emplace(x, y, y);
      it->second.first = std::min(it->second.first, y);
      it->second.second = std::max(it->second.second, y);
      range.x_lo = std::min(range.x_lo, x);
      range.x_hi = std::max(range.x_hi, x);
      range.y_hi = std::max(range.y_hi, y);
    }
    dat << "\n";
  }
  dat << "\n";
  for (const auto& [x, lh] : band)
    dat << x << " " << lh.first << " " << lh.second << "\n";
  dat << "\n\n";
  const std::string lines = std::to_string(block++);
  const std::string fill = std::to_string(block++);
  const std::string lc = " lc rgb '" + colour + "'";
  return Quote(dat_name) + " index " + fill +
         " using 1:2:3 with filledcurves fs transparent solid 0.18 noborder" +
         lc + " notitle, " + Quote(dat_name) + " index " + lines +
         " using 1:2 with lines lw 0.9" + lc + " notitle";
}

// What the figure shows and how to read it.
PlotFile TestErrorFile(const std::string& name,
                       bool online,
                       const std::string& eps) {
  return {name,
          online ? "Test error vs SGD steps, every cell and seed"
                 : "Test error vs N, every cell and seed",
          "One panel per grid cell, one colour per model. Thin lines: "
          "each seed's test error" +
              std::string(online ? " at each evaluation"
                                 : " after training, at each N") +
              "; shaded: the band from the lowest to the highest seed; "
              "dashed: the target ε = " +
              eps + ". " +
              (online ? "T* is where a line stays below it; "
                        "N* = B T*."
                      : "N* is where the seeds cross it."),
          ""};
}

// Which curve a figure draws: the test error (with the target eps) or,
// online, the test loss.
struct SeedMetric {
  std::vector<double> RunRecord::*values;
  bool error;
};

void DrawSeedFigure(const PlotContext& ctx,
                    bool online,
                    const SeedMetric& metric,
                    std::vector<PlotFile>& plots);

}  // namespace

void PlotTestError(const PlotContext& ctx,
                   bool online,
                   std::vector<PlotFile>& plots) {
  DrawSeedFigure(ctx, online, {&RunRecord::curve_test_error, true}, plots);
}

void PlotTestLoss(const PlotContext& ctx, std::vector<PlotFile>& plots) {
  DrawSeedFigure(ctx, true, {&RunRecord::curve_test_loss, false}, plots);
}

namespace {

// Every model's seeds in every facet, written to `dat`: one plot clause
// list per facet (each clause led by ", "), the legend's models, the range.
struct SeedPanels {
  std::vector<std::string> panels;
  std::vector<KeyEntry> entries;
  Range range;
  int block = 0;
};

SeedPanels CollectSeeds(const PlotContext& ctx,
                        bool online,
                        const SeedMetric& metric,
                        const std::string& name,
                        const std::vector<Coords>& facets,
                        TextFile& dat) {
  SeedPanels out;
  out.panels.resize(facets.size());
  for (const std::string& m : ctx.results.models) {
    const std::string colour = ModelColour(ctx.results, m);
    bool drawn = false;
    for (size_t f = 0; f < facets.size(); ++f) {
      const std::vector<Curve> curves =
          SeedCurves(ctx.results, m, facets[f], online, metric.values);
      if (curves.empty()) continue;
      dat << "# " << m << " " << CoordsLabel(facets[f]) << ": "
          << (online ? "step" : "N")
          << (metric.error ? " test_error" : " test_loss")
          << " per seed; then the band\n";
      out.panels[f] += ", " + WriteModel(curves, colour, name + ".dat", dat,
                                         out.block, out.range);
      drawn = true;
    }
    if (drawn)
      out.entries.push_back({"with lines lw 2 lc rgb '" + colour + "'",
                             ModelLabel(ctx.results, m)});
  }
  return out;
}

// The figure's title: what it draws, under which protocol.
std::string SeedTitle(const PlotContext& ctx, bool online, bool error) {
  std::string protocol = online ? "online" : "budget";
  for (const RunRecord& r : ctx.results.runs)
    if ((r.protocol == "online") == online) protocol = r.protocol;
  if (!error)
    return "Test loss during training, every seed (" + protocol +
           " protocol: one pass of fresh samples)";
  return online
             ? "Test error during training, every seed (" + protocol +
                   " protocol: one pass of fresh samples)"
             : "Final test error vs N, every seed (" + protocol + " protocol)";
}

void DrawSeedFigure(const PlotContext& ctx,
                    bool online,
                    const SeedMetric& metric,
                    std::vector<PlotFile>& plots) {
  const std::string name =
      !metric.error ? "test_loss_vs_steps"
                    : (online ? "test_error_vs_steps" : "test_error_vs_N");
  const std::vector<Coords> facets = FacetCoords(
      ctx.cells, [online](const Cell& c) { return c.online == online; });
  if (facets.empty()) return;
  const FacetLayout layout = LayoutFor(static_cast<int>(facets.size()));
  const std::string eps = Label(ctx.options.target);
  TextFile dat(ctx.dir + "/" + name + ".dat");
  SeedPanels seeds = CollectSeeds(ctx, online, metric, name, facets, dat);
  if (seeds.block == 0) return;  // no empty .dat left
  dat.close();
  if (metric.error)
    seeds.entries.push_back(
        {"with lines dt 2 lw 1.5 lc rgb 'black'", "target ε = " + eps});
  const FacetKey key = FacetKeyFor(layout, seeds.entries);
  std::string body =
      MultiplotOpen(layout, SeedTitle(ctx, online, metric.error), key.rows);
  const Range& range = seeds.range;
  // Fixed sets: a tick at each N of the grid; online: decades of steps.
  const std::string x_axis =
      online ? LogRangeTics("x", range.x_lo,
                            std::max(range.x_hi, range.x_lo * 1.01))
             : LogTics("x", GridNs(ctx.cells, ""));
  const double y_hi =
      metric.error ? std::max(ctx.options.target, range.y_hi) : range.y_hi;
  // The loss spans decades (large steps overshoot early, separable data
  // drives it towards 0): a log scale, cut at 1e-4 (an error-free fit).
  const std::string yrange =
      metric.error ? "set yrange [0:" + Num(y_hi * 1.05) + "]\n"
                   : std::string("set logscale y\nset yrange [1e-4:*]\n");
  // The target eps under the test error; the loss has no target.
  const std::string first =
      metric.error ? Num(ctx.options.target) +
                         " with lines dt 2 lw 1.5 lc rgb 'black' notitle"
                   : "";
  for (size_t f = 0; f < facets.size(); ++f) {
    const std::string& panel = seeds.panels[f];
    if (panel.empty()) continue;
    body += FacetPanel(layout, int(f), int(facets.size()),
                       online ? "SGD steps T (log scale)"
                              : "training samples N (log scale)",
                       metric.error ? "test error" : "test loss (log scale)") +
            "set title " + Quote(CoordsLabel(facets[f])) + "\n" + x_axis +
            "set grid lc rgb '#e0e0e0'\n" + yrange + "plot " +
            (first.empty() ? panel.substr(2) : first + panel) + "\n";
  }
  body += FacetLegend(layout, key) + "unset multiplot\n";
  PlotFile file = metric.error ? TestErrorFile(name, online, eps)
                               : PlotFile{name,
                                          "Test loss vs SGD steps, every cell "
                                          "and seed",
                                          "One panel per grid cell, one colour "
                                          "per model. Thin lines: each seed's "
                                          "test loss at each evaluation (log "
                                          "scale, cut at 1e-4); shaded: the "
                                          "band from the lowest to the "
                                          "highest seed.",
                                          ""};
  file.warnings = Render(ctx.dir, name, body, layout.size);
  plots.push_back(file);
}

}  // namespace

}  // namespace sim
