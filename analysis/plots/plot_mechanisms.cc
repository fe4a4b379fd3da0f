// Figures of the proofs' mechanisms: the routers' sample complexity N_r*
// against n with Lemma 4.1's slope (router_samples.h), the fraction of runs
// whose jointly trained routers are proper against steps (Assumption 4.4,
// router_properness.h), and Lemma G.1's activation coupling against steps.
#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/estimate/router_properness.h"
#include "analysis/fits/scaling_fit.h"
#include "analysis/plots/display_names.h"
#include "analysis/plots/plot_facets.h"
#include "analysis/plots/plot_figures.h"
#include "sim/experiment/io/safe_file.h"

namespace sim {
namespace {

// The runs a cell's T* reads: all of an online cell's, else those at its
// largest N.
std::vector<const RunRecord*> CellRuns(const ResultsSet& results,
                                       const Cell& cell) {
  std::vector<const RunRecord*> runs;
  double largest = 0;
  for (const RunRecord& r : results.runs) {
    Coords coords = r.coords;
    coords.erase("N");
    if (r.model != cell.model || coords != cell.coords) continue;
    runs.push_back(&r);
    largest = std::max(largest, r.N());
  }
  if (cell.online) return runs;
  runs.erase(
      std::remove_if(runs.begin(), runs.end(),
                     [&](const RunRecord* r) { return r->N() != largest; }),
      runs.end());
  return runs;
}

// Per cell, the mean over its runs of a per-evaluation value at each step
// (`value` fills one run's values, aligned with its curve_step; empty
// where the run has none).
using StepMeans = std::map<double, std::pair<double, int>>;
template <typename F>
std::vector<std::pair<const Cell*, StepMeans>> CellSeries(
    const PlotContext& ctx, F value) {
  std::vector<std::pair<const Cell*, StepMeans>> out;
  for (const Cell& cell : ctx.cells) {
    StepMeans means;
    for (const RunRecord* r : CellRuns(ctx.results, cell)) {
      const std::vector<double> v = value(*r);
      if (v.size() != r->curve_step.size()) continue;
      for (size_t i = 0; i < v.size(); ++i) {
        if (r->curve_step[i] <= 0 || !std::isfinite(v[i])) continue;
        auto& [sum, count] = means[r->curve_step[i]];
        sum += v[i];
        ++count;
      }
    }
    if (!means.empty()) out.push_back({&cell, means});
  }
  return out;
}

// One line per cell against SGD steps (log scale), coloured by model.
void DrawStepFigure(
    const PlotContext& ctx,
    const std::vector<std::pair<const Cell*, StepMeans>>& series,
    const PlotFile& file,
    const std::string& ylabel,
    std::vector<PlotFile>& plots) {
  if (series.empty()) return;
  double lo = INFINITY, hi = 0;
  std::vector<KeyGroup> groups;
  {
    TextFile dat(ctx.dir + "/" + file.name + ".dat");
    int block = 0, dash = 0;
    for (const auto& [cell, means] : series) {
      dat << "# " << cell->Label() << ": step mean\n";
      for (const auto& [step, sc] : means) {
        dat << step << " " << sc.first / sc.second << "\n";
        lo = std::min(lo, step);
        hi = std::max(hi, step);
      }
      dat << "\n\n";
      groups.push_back(
          {{"'" + file.name + ".dat' index " + std::to_string(block++) +
                " using 1:2 with linespoints pt 7 ps 0.5 lw 1.5 dt " +
                std::to_string(1 + dash++ % 4) + " lc rgb '" +
                ModelColour(ctx.results, cell->model) + "'",
            ModelLabel(ctx.results, cell->model) + " " +
                CoordsLabel(cell->coords)}});
    }
    dat.close();
  }
  if (!(hi > lo)) hi = lo * 1.01;
  const double width = 6.0;
  const KeyBelow key = LegendBelow(groups, {}, width);
  PlotFile out = file;
  out.warnings =
      Render(ctx.dir, file.name,
             PlotHeader() + key.settings + LogRangeTics("x", lo, hi) +
                 "set yrange [0:1.05]\nset title " +
                 Quote(file.title + ", " + ProtocolText(ctx.results)) +
                 "\nset xlabel 'SGD steps T (log scale)'\nset ylabel " +
                 Quote(ylabel) + "\n" + key.plot,
             PlotSize{width, 3.6 + KeyRowsHeight(key.rows, width)});
  plots.push_back(out);
}

}  // namespace

namespace {

struct RouterFigure {
  std::vector<KeyGroup> groups;
  double lo = INFINITY, hi = 0;
  int block = 0, drawn = 0;
};

// The fitted line and Lemma 4.1's slope 2 through the fit's centre.
void AddRouterFit(const Fit& fit,
                  const RouterFigure& f,
                  const std::string& lc,
                  KeyGroup& group) {
  const double centre = std::sqrt(f.lo * f.hi);
  const double at = fit.intercept + fit.slope[0] * std::log(centre);
  char line[160], lemma[160], label[120];
  std::snprintf(line, sizeof(line), "exp(%.10g)*x**%.10g with lines lw 2",
                fit.intercept, fit.slope[0]);
  std::snprintf(lemma, sizeof(lemma),
                "exp(%.10g)*(x/%.10g)**2 with lines dt 2 lw 1.5", at, centre);
  std::snprintf(label, sizeof(label),
                "fit in n, cells pooled: n^%.2f [%.2f, %.2f]", fit.slope[0],
                fit.lo[0], fit.hi[0]);
  group.push_back({std::string(line) + lc, label});
  group.push_back({std::string(lemma) + lc, "Lemma 4.1: n^2"});
}

// One model's router cells, a series per value of the other coordinates.
void RouterModelSeries(const PlotContext& ctx,
                       const std::vector<Cell>& cells,
                       const std::string& model,
                       const std::string& stem,
                       TextFile& dat,
                       RouterFigure& f) {
  std::map<std::string, std::vector<const Cell*>> by_rest;
  for (const Cell& c : cells) {
    if (c.model != model || !c.coords.count("n")) continue;
    Coords rest = c.coords;
    rest.erase("n");
    by_rest[CoordsLabel(rest)].push_back(&c);
  }
  if (by_rest.empty()) return;
  const std::string lc = " lc rgb '" + ModelColour(ctx.results, model) + "'";
  const int models = int(ctx.results.models.size());
  KeyGroup group;
  int shape = 0;
  for (const auto& [rest, list] : by_rest) {
    dat << "# " << model << " " << rest
        << ": n N_r* lo hi (bound if censored)\n";
    for (const Cell* c : list) {
      const double n = c->coords.at("n");
      f.lo = std::min(f.lo, n);
      f.hi = std::max(f.hi, n);
      const Estimate& e = c->n_star;
      // Models side by side at one n, so their bars do not hide.
      dat << n * LogOffset(f.drawn, models) << " " << e.Reported() << " "
          << (e.usable() ? e.lo : e.Reported()) << " "
          << (e.usable() ? e.hi : e.Reported()) << "\n";
    }
    dat << "\n\n";
    group.push_back(
        {"'" + stem + ".dat' index " + std::to_string(f.block++) +
             " using 1:2:3:4 with yerrorbars pt " +
             std::to_string(7 + 2 * (shape++ % 4)) + " ps 1.2" + lc,
         ModelLabel(ctx.results, model) + (rest.empty() ? "" : " " + rest)});
  }
  ++f.drawn;
  const Fit fit = FitCells(cells, model, {"n"}, Quantity::kNStar);
  if (fit.ok) AddRouterFit(fit, f, lc, group);
  f.groups.push_back(group);
}

}  // namespace

void PlotRouterSamples(const PlotContext& ctx,
                       const std::vector<Cell>& cells,
                       std::vector<PlotFile>& plots) {
  const std::string stem = "router_samples_vs_n";
  if (std::none_of(cells.begin(), cells.end(),
                   [](const Cell& c) { return c.coords.count("n") > 0; }))
    return;
  RouterFigure f;
  {
    TextFile dat(ctx.dir + "/" + stem + ".dat");
    for (const std::string& model : ctx.results.models)
      RouterModelSeries(ctx, cells, model, stem, dat, f);
    dat.close();
  }
  const std::vector<KeyGroup>& groups = f.groups;
  const double lo = f.lo, hi = f.hi;
  if (groups.empty() || !(hi > lo)) return;
  const double width = 6.0;
  const KeyBelow key = LegendBelow(groups, {}, width);
  PlotFile file{
      stem, "N_r* vs n: the routers' sample complexity (Lemma 4.1)",
      "Each cell's N_r*, the smallest router sample count N_r at which a "
      "fraction q of runs route the discriminative patch into the top l for "
      "at least 1 - ε_r of test samples, with its 95% bootstrap interval "
      "(a censored cell is drawn at its bound); the solid line is the power "
      "law fitted in n, the dashed line Lemma 4.1's n^2 through the fit's "
      "centre. A fitted slope above 2 would refute the lemma's order at "
      "these sizes; below it, the lemma is loose here.",
      ""};
  file.warnings = Render(
      ctx.dir, stem,
      PlotHeader() + key.settings + LogRangeTics("x", lo / 1.15, hi * 1.15) +
          "set logscale y\nset title " +
          Quote("N_r* (ε_r = " + Num(ctx.options.router_target) +
                ") vs n: the routers' sample complexity") +
          "\nset xlabel 'patches n (log scale)'\n"
          "set ylabel 'router samples N_r* (log scale)'\n" +
          key.plot,
      PlotSize{width, 3.6 + KeyRowsHeight(key.rows, width)});
  plots.push_back(file);
}

void PlotRouterProperness(const PlotContext& ctx,
                          std::vector<PlotFile>& plots) {
  const double target = ctx.options.router_target;
  const auto series = CellSeries(ctx, [target](const RunRecord& r) {
    std::vector<double> v;
    for (bool proper : ProperAt(r, target)) v.push_back(proper ? 1 : 0);
    return v;
  });
  DrawStepFigure(
      ctx, series,
      {"router_properness_vs_steps",
       "Runs with proper routers vs steps (Assumption 4.4)",
       "The fraction of a cell's runs whose jointly trained routers are "
       "proper at each evaluation: for every class one expert top-gates its "
       "discriminative patch on at least 1 - ε_r of its test samples (ε_r = " +
           Num(target) +
           "). T' is where a run turns proper for good; the test error stays "
           "high until it does.",
       ""},
      "fraction of runs with proper routers", plots);
}

void PlotCoupling(const PlotContext& ctx, std::vector<PlotFile>& plots) {
  const auto series =
      CellSeries(ctx, [](const RunRecord& r) { return r.curve_sign_changed; });
  DrawStepFigure(
      ctx, series,
      {"coupling_vs_steps",
       "Activation signs changed since initialisation (Lemma G.1)",
       "The mean over a cell's runs of the fraction of neuron-patch "
       "activation signs, on a fixed probe set of test samples, that differ "
       "from those at initialisation (each expert's neurons with the "
       "patches it receives now; the CNN's with all n). Lemma G.1 keeps it "
       "below 2 e tau l / sigma at the theorems' sizes; a fraction that "
       "grows towards 0.5 means the network left its linearisation.",
       ""},
      "fraction of activation signs changed", plots);
}

}  // namespace sim
