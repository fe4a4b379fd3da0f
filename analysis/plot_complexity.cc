// N* and T* vs each varying axis, log-log, with fitted power laws, their
// 95% bootstrap bands and the theory's order.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "analysis/plot_figures.h"
#include "analysis/scaling_fit.h"
#include "analysis/theory.h"
#include "sim/experiment/safe_file.h"

namespace sim {
namespace {

struct Series {
  std::string plot;  // gnuplot plot clauses
  double ymin = INFINITY, ymax = 0;
};

const Estimate& Of(const Cell& c, Quantity q) {
  return q == Quantity::kNStar ? c.n_star : c.t_star;
}
const std::vector<double>& BootOf(const Cell& c, Quantity q) {
  return q == Quantity::kNStar ? c.n_star_boot : c.t_star_boot;
}

// The fit's 95% band: refits log y = a + b log x on every bootstrap
// replicate in which every fitted cell is uncensored (as FitPowerLaw does)
// and takes the 2.5% and 97.5% percentiles of the line at each x. Writes
// "x lo hi" rows; returns false if fewer than 20 replicates are usable.
bool WriteBand(const std::vector<const Cell*>& fitted,
               const std::string& axis,
               Quantity q,
               std::ostream& dat) {
  if (fitted.size() < 2) return false;
  const size_t replicates = BootOf(*fitted[0], q).size();
  std::vector<std::pair<double, double>> lines;  // (intercept, slope)
  for (size_t b = 0; b < replicates; ++b) {
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    bool usable = true;
    for (const Cell* c : fitted) {
      const double y = b < BootOf(*c, q).size() ? BootOf(*c, q)[b] : NAN;
      usable &= y > 0 && std::isfinite(y);
      if (!usable) break;
      const double lx = std::log(c->coords.at(axis)), ly = std::log(y);
      sx += lx, sy += ly, sxx += lx * lx, sxy += lx * ly;
    }
    const double n = fitted.size(), var = sxx - sx * sx / n;
    if (!usable || !(var > 0)) continue;
    const double slope = (sxy - sx * sy / n) / var;
    lines.push_back({(sy - slope * sx) / n, slope});
  }
  if (lines.size() < 20) return false;
  double xmin = INFINITY, xmax = 0;
  for (const Cell* c : fitted) {
    xmin = std::min(xmin, c->coords.at(axis));
    xmax = std::max(xmax, c->coords.at(axis));
  }
  for (int i = 0; i <= 40; ++i) {
    const double x = xmin * std::pow(xmax / xmin, i / 40.0);
    std::vector<double> y;
    for (const auto& [a, s] : lines) y.push_back(a + s * std::log(x));
    std::sort(y.begin(), y.end());
    const size_t lo = size_t(0.025 * (y.size() - 1));
    const size_t hi = size_t(std::ceil(0.975 * (y.size() - 1)));
    dat << x << " " << std::exp(y[lo]) << " " << std::exp(y[hi]) << "\n";
  }
  return true;
}

// One model's measured points on the plot.
struct Points {
  std::ostringstream rows;          // x drawn_at value lo hi censor
  std::vector<const Cell*> fitted;  // usable cells (as FitCells takes them)
  std::string type;
  double anchor_x = 0, anchor_y = 0;  // first usable point
  bool censor[3] = {false, false, false};
};

void CollectPoints(const PlotContext& ctx,
                   const std::string& model,
                   const std::string& axis,
                   Quantity q,
                   double shift,
                   Points& p,
                   Series& out) {
  for (const Cell& c : ctx.cells) {
    if (c.model != model || !c.coords.count(axis)) continue;
    p.type = c.type;
    const Estimate& e = Of(c, q);
    if (!std::isfinite(e.value) || e.value <= 0) continue;
    const double x = c.coords.at(axis);
    const double lo = std::isfinite(e.lo) ? e.lo : e.value;
    const double hi = std::isfinite(e.hi) ? e.hi : e.value;
    p.rows << x << " " << x * shift << " " << e.value << " " << lo << " " << hi
           << " " << int(e.censor) << "\n";
    p.censor[int(e.censor)] = true;
    out.ymin = std::min({out.ymin, e.value, lo > 0 ? lo : e.value});
    out.ymax = std::max({out.ymax, e.value, hi});
    if (e.usable() && x > 0) {
      p.fitted.push_back(&c);
      if (p.anchor_x == 0) p.anchor_x = x, p.anchor_y = e.value;
    }
  }
}

// Plot clauses of the points (censored ones open) in data block `idx`.
std::string PointClauses(const Points& p,
                         const std::string& file,
                         const std::string& idx,
                         const std::string& model,
                         const std::string& lc) {
  const std::string src = file + " index " + idx;
  std::vector<std::string> clauses;
  if (p.censor[0])
    clauses.push_back(src +
                      " using 2:($6==0?$3:1/0):4:5 with yerrorbars pt 7 "
                      "ps 0.8" +
                      lc + " title " + Quote(model));
  if (p.censor[2])
    clauses.push_back(
        src + " using 2:($6==2?$3:1/0) with points pt 8 ps 1.8 lw 1.5" + lc +
        " title " + Quote(model + " censored (> largest N)"));
  if (p.censor[1])
    clauses.push_back(
        src + " using 2:($6==1?$3:1/0) with points pt 10 ps 1.8 lw 1.5" + lc +
        " title " + Quote(model + " censored (<= smallest N)"));
  std::string out;
  for (const std::string& c : clauses) out += (out.empty() ? "" : ", ") + c;
  return out;
}

// Points, band, fit and theory line of one model; appends to `out`.
void ModelSeries(const PlotContext& ctx,
                 const std::string& model,
                 const std::string& axis,
                 Quantity q,
                 int m,
                 std::ostream& dat,
                 int& block,
                 Series& out) {
  const std::string file =
      "'" + std::string(q == Quantity::kNStar ? "nstar" : "tstar") + "_vs_" +
      axis + ".dat'";
  const std::string lc = " lc rgb '" + ModelColour(ctx.results, model) + "'";
  Points p;
  CollectPoints(ctx, model, axis, q,
                LogOffset(m, int(ctx.results.models.size())), p, out);
  // gnuplot numbers only blocks with data: never write an empty one.
  if (p.rows.str().empty()) return;
  dat << "# " << model << ": " << axis
      << " drawn_at value lo hi censored(0 none, 1 below, 2 above)\n"
      << p.rows.str() << "\n\n";
  out.plot += (out.plot.empty() ? "plot " : ", ") +
              PointClauses(p, file, std::to_string(block++), model, lc);
  const Fit fit = FitCells(ctx.cells, model, {axis}, q);
  if (fit.ok && std::isfinite(fit.slope[0]) && std::isfinite(fit.intercept)) {
    std::ostringstream band;
    if (WriteBand(p.fitted, axis, q, band)) {
      dat << "# " << model << ": 95% bootstrap band of the fit: x lo hi\n"
          << band.str() << "\n\n";
      out.plot += ", " + file + " index " + std::to_string(block++) +
                  " using 1:2:3 with filledcurves fs transparent solid 0.18 "
                  "noborder" +
                  lc + " notitle";
    }
    char f[160], label[96];
    std::snprintf(f, sizeof(f), "exp(%.10g)*x**%.10g", fit.intercept,
                  fit.slope[0]);
    if (std::isfinite(fit.lo[0]) && std::isfinite(fit.hi[0])) {
      std::snprintf(label, sizeof(label), "fit: %.2f [%.2f, %.2f]",
                    fit.slope[0], fit.lo[0], fit.hi[0]);
    } else {
      std::snprintf(label, sizeof(label), "fit: %.2f", fit.slope[0]);
    }
    out.plot += ", " + std::string(f) + " with lines lw 2" + lc + " title " +
                Quote(label);
  }
  const auto theory = TheoryExponentFor(p.type, TheoryParam(axis),
                                        ctx.results.OwnRouterSamples(model));
  if (theory && p.anchor_x > 0) {
    const double slope =
        q == Quantity::kNStar ? theory->samples : theory->iterations;
    char f[160];
    std::snprintf(f, sizeof(f), "%.10g*(x/%.10g)**%g", p.anchor_y, p.anchor_x,
                  slope);
    out.plot += ", " + std::string(f) + " with lines dt 2 lw 1.5" + lc +
                " title " + Quote("theory: " + Num(slope));
  }
}

void PlotOne(const PlotContext& ctx,
             const std::string& axis,
             Quantity q,
             std::vector<PlotFile>& plots) {
  const bool samples = q == Quantity::kNStar;
  const std::string sym = samples ? "N*" : "T*";
  const std::string name =
      std::string(samples ? "nstar" : "tstar") + "_vs_" + axis;
  TextFile dat(ctx.dir + "/" + name + ".dat");
  Series series;
  int block = 0;
  const std::vector<std::string>& models = ctx.results.models;
  for (size_t m = 0; m < models.size(); ++m) {
    if (AxisValues(ctx.cells, models[m], axis).size() < 2) continue;
    ModelSeries(ctx, models[m], axis, q, int(m), dat, block, series);
  }
  dat.close();
  if (series.plot.empty() || !(series.ymax > 0)) return;
  char yrange[96];  // follows the data, not the (steep) theory lines
  std::snprintf(yrange, sizeof(yrange), "set yrange [%g:%g]\n", series.ymin / 3,
                series.ymax * 3);
  const std::string body =
      PlotHeader() +
      // One legend column per model: points, fitted slope, theory slope.
      "set key outside below center vertical maxrows 3\n" +
      LogTics("x", AxisValues(ctx.cells, "", axis)) + "set logscale y\n" +
      yrange + "set title " +
      Quote(sym + " (eps = " + Num(ctx.options.target) +
            ", q = " + Num(ctx.options.success) + ") vs " + axis) +
      "\nset xlabel " + Quote(AxisLabel(axis) + " (log scale)") +
      "\nset ylabel " +
      Quote(samples ? "sample complexity N* (log scale)"
                    : "iteration complexity T* (SGD steps, log scale)") +
      "\n" + series.plot;
  PlotFile file{
      name,
      sym + " vs " + axis +
          " with fitted power laws and the theory's "
          "order",
      "Points: measured " + sym +
          " with 95% bootstrap intervals, one colour per model (points at "
          "one " +
          axis +
          " are shifted slightly apart); open symbols are censored cells "
          "(no N in the grid succeeded, or already the smallest did). Solid "
          "lines: least-squares power law in log space, with its 95% "
          "bootstrap band shaded; the legend gives its slope (exponent) and "
          "interval. Dashed lines: the theory's exponent, drawn through the "
          "first point, for reference; it is an upper-bound order, so a "
          "measured slope at or below it is consistent.",
      ""};
  file.warnings = Render(ctx.dir, name, body, PlotSize{6.0, 4.2});
  plots.push_back(file);
}

}  // namespace

void PlotComplexity(const PlotContext& ctx, std::vector<PlotFile>& plots) {
  for (const Quantity q : {Quantity::kNStar, Quantity::kTStar}) {
    for (const std::string& axis : VaryingAxes(ctx))
      PlotOne(ctx, axis, q, plots);
  }
}

}  // namespace sim
