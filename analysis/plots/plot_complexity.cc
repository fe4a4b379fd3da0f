// N* and T* vs each varying axis, log-log, with fitted power laws, their
// 95% bootstrap bands and the theory's order.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "analysis/fits/scaling_fit.h"
#include "analysis/fits/theory_basis.h"
#include "analysis/plots/display_names.h"
#include "analysis/plots/plot_facets.h"
#include "analysis/plots/plot_figures.h"
#include "analysis/theory/theory.h"
#include "sim/experiment/io/safe_file.h"

namespace sim {
namespace {

const Estimate& Of(const Cell& c, Quantity q) { return CellEstimate(c, q); }

// Filled point types of a model's series (cells that differ in another
// coordinate) and their open versions, drawn inside the open triangles
// that mark censored cells.
constexpr int kSeriesPoints[] = {7, 5, 13, 15, 1, 2, 3};
constexpr int kSeriesOpen[] = {6, 4, 12, 14, 1, 2, 3};

// A model's series: its cells grouped by the coordinates that vary
// independently of `axis` (a crossed or zipped second axis).
std::vector<Coords> SeriesOf(const std::vector<Cell>& cells,
                             const std::string& model,
                             const std::string& axis) {
  const std::vector<std::string> others = OtherAxes(cells, model, axis);
  std::vector<Coords> series;
  for (const Cell& c : cells) {
    if (c.model != model || !c.coords.count(axis)) continue;
    const Coords s = CoordsOn(c, others);
    if (std::find(series.begin(), series.end(), s) == series.end())
      series.push_back(s);
  }
  return series;
}

// What one plot draws, shared by its models.
struct Figure {
  Figure(const PlotContext& c, std::string a, std::string f, Quantity qq)
      : ctx(c),
        axis(std::move(a)),
        file(std::move(f)),
        q(qq),
        axis_values(AxisValues(c.cells, "", axis)) {}
  const PlotContext& ctx;
  std::string axis, file;  // file: 'NAME.dat'
  Quantity q;
  std::vector<double> axis_values;  // every model's, as the x axis shows them
  int series_total = 0, series_drawn = 0;  // for the offsets
  double ymin = INFINITY, ymax = 0;
  std::vector<KeyGroup> groups;
  std::vector<std::string> untitled;  // bands
  struct Theory {
    double x, y, slope;
    std::string model;
  };
  std::vector<Theory> theories;  // drawn so far
  int block = 0;
};

// One model's measured points.
struct Points {
  std::ostringstream rows;  // x drawn_at value lo hi censor series
  std::vector<Coords> series;
  std::vector<bool> measured;  // per series: an uncensored point
  std::string type;
  bool online = false, censor[3] = {false, false, false};
  // The theory line's anchor: the first usable point, then the fit's centre.
  double anchor_x = 0, anchor_y = 0;
};

void CollectPoints(const std::string& model, Figure& f, Points& p) {
  p.series = SeriesOf(f.ctx.cells, model, f.axis);
  p.measured.assign(p.series.size(), false);
  const std::vector<std::string> others = OtherAxes(f.ctx.cells, model, f.axis);
  for (const Cell& c : f.ctx.cells) {
    if (c.model != model || !c.coords.count(f.axis)) continue;
    p.type = c.type;
    p.online = c.online;
    const Estimate& e = Of(c, f.q);
    // A target not reached is drawn at its bound, censored above.
    const double value = e.Reported();
    if (!std::isfinite(value) || value <= 0) continue;
    const size_t s =
        std::find(p.series.begin(), p.series.end(), CoordsOn(c, others)) -
        p.series.begin();
    const double x = c.coords.at(f.axis);
    const double lo = std::isfinite(e.lo) ? e.lo : value;
    const double hi = std::isfinite(e.hi) ? e.hi : value;
    const double drawn =
        DrawnAt(x, f.series_drawn + int(s), f.series_total, f.axis_values);
    p.rows << x << " " << drawn << " " << value << " " << lo << " " << hi << " "
           << int(e.censor) << " " << s << "\n";
    p.censor[int(e.censor)] = true;
    if (e.censor == Censor::kNone) p.measured[s] = true;
    f.ymin = std::min({f.ymin, value, lo > 0 ? lo : value});
    f.ymax = std::max({f.ymax, value, hi});
    if (e.usable() && x > 0 && p.anchor_x == 0)
      p.anchor_x = x, p.anchor_y = e.value;
  }
}

// Legend entries of the points: one per series, then the censored marks.
void PointEntries(const Points& p,
                  const std::string& model,
                  const std::string& src,
                  const std::string& lc,
                  Figure& f,
                  KeyGroup& group) {
  const std::string label = ModelLabel(f.ctx.results, model);
  for (size_t s = 0; s < p.series.size(); ++s) {
    const size_t type = s % std::size(kSeriesPoints);
    const std::string pt = std::to_string(kSeriesPoints[type]) +
                           (p.series.size() > 1 ? " ps 1.3" : " ps 0.9");
    // With several series a censored cell shows whose it is.
    if (p.series.size() > 1)
      f.untitled.push_back(src + " using 2:(($6!=0&&$7==" + std::to_string(s) +
                           ")?$3:1/0) with points pt " +
                           std::to_string(kSeriesOpen[type]) + " ps 1.1" + lc +
                           " notitle");
    const std::string title =
        p.series.size() > 1 ? label + " " + CoordsLabel(p.series[s]) : label;
    group.push_back({p.measured[s]
                         ? src + " using 2:(($6==0&&$7==" + std::to_string(s) +
                               ")?$3:1/0):4:5 with yerrorbars pt " + pt + lc
                         : "keyentry with points pt " + pt + lc,
                     title});
  }
  const bool from_curves = p.online || f.q == Quantity::kTStar;
  if (p.censor[2])
    group.push_back(
        {src + " using 2:($6==2?$3:1/0) with points pt 8 ps 1.8 lw 1.5" + lc,
         from_curves ? "  censored: not reached" : "  censored: > largest N"});
  if (p.censor[1])
    group.push_back(
        {src + " using 2:($6==1?$3:1/0) with points pt 10 ps 1.8 lw 1.5" + lc,
         from_curves ? "  censored: <= first evaluation"
                     : "  censored: <= smallest N"});
}

// The fitted line and its 95% band over the model's own range of the
// axis: x, band lo, band hi, fit. The band is the 2.5% and 97.5%
// percentiles, at each x, of the lines of the fit's own bootstrap
// replicates (censored cells entering them as they enter the fit); NaN
// with fewer than 20 replicates. Line and band span the same x.
std::string LineAndBand(const Fit& fit, double xmin, double xmax) {
  const bool band = fit.boot_coefficients.size() >= 20;
  std::ostringstream out;
  for (int i = 0; i <= 40; ++i) {
    const double x = xmin * std::pow(xmax / xmin, i / 40.0);
    double lo = NAN, hi = NAN;
    if (band) {
      std::vector<double> y;
      for (const std::vector<double>& b : fit.boot_coefficients)
        y.push_back(b[0] + b[1] * std::log(x));
      lo = std::exp(Percentile(y, 0.025));
      hi = std::exp(Percentile(y, 0.975));
    }
    out << x << " " << lo << " " << hi << " "
        << std::exp(fit.intercept + fit.slope[0] * std::log(x)) << "\n";
  }
  return out.str();
}

// The fitted line (its band under the points) of one model; the theory
// line is anchored at the fit's centre (`p`).
void FitEntry(const std::string& model,
              const std::string& lc,
              std::ostream& dat,
              Figure& f,
              Points& p,
              KeyGroup& group) {
  const Fit fit = FitCells(f.ctx.cells, model, {f.axis}, f.q);
  if (!fit.ok || !std::isfinite(fit.slope[0]) || !std::isfinite(fit.intercept))
    return;
  const std::vector<double> xs = AxisValues(f.ctx.cells, model, f.axis);
  if (!(xs.front() > 0) || !(xs.back() > xs.front())) return;
  double log_centre = 0;
  for (double x : xs) log_centre += std::log(x) / double(xs.size());
  p.anchor_x = std::exp(log_centre);
  p.anchor_y = std::exp(fit.intercept + fit.slope[0] * log_centre);
  dat << "# " << model << ": the fit over its range: x band_lo band_hi fit\n"
      << LineAndBand(fit, xs.front(), xs.back()) << "\n\n";
  const std::string src = f.file + " index " + std::to_string(f.block++);
  if (fit.boot_coefficients.size() >= 20)
    f.untitled.push_back(src +
                         " using 1:2:3 with filledcurves fs transparent solid "
                         "0.18 noborder" +
                         lc + " notitle");
  char label[96];
  if (std::isfinite(fit.lo[0]) && std::isfinite(fit.hi[0])) {
    std::snprintf(label, sizeof(label), "  fit %.2f [%.2f, %.2f]", fit.slope[0],
                  fit.lo[0], fit.hi[0]);
  } else {
    std::snprintf(label, sizeof(label), "  fit %.2f", fit.slope[0]);
  }
  group.push_back({src + " using 1:4 with lines lw 2" + lc, label});
}

// The theory's order through the fit's centre (the fitted value at the
// geometric mean of the model's axis values; without a fit, its first
// point); a line another model already drew is drawn once and named in
// the legend.
void TheoryEntry(const std::string& model,
                 const Points& p,
                 const std::string& lc,
                 Figure& f,
                 KeyGroup& group) {
  // The exponent the fits table compares with (theory_basis.h): online at
  // a fixed batch, N* against T's.
  const double slope = TheoryFor(f.ctx.results, model, f.axis, f.q).exponent;
  if (std::isnan(slope) || p.anchor_x <= 0) return;
  for (const Figure::Theory& t : f.theories) {
    // The same line: equal slopes through points on it.
    if (t.slope == slope &&
        std::fabs(std::log(p.anchor_y / t.y) -
                  slope * std::log(p.anchor_x / t.x)) < 1e-9) {
      group.push_back({"keyentry with lines dt 2 lw 1.5 lc rgb '" +
                           ModelColour(f.ctx.results, t.model) + "'",
                       "  theory " + Num(slope) + " (= " +
                           ModelLabel(f.ctx.results, t.model) + "'s)"});
      return;
    }
  }
  f.theories.push_back({p.anchor_x, p.anchor_y, slope, model});
  char line[160];
  std::snprintf(line, sizeof(line), "%.10g*(x/%.10g)**%g", p.anchor_y,
                p.anchor_x, slope);
  group.push_back({std::string(line) + " with lines dt 2 lw 1.5" + lc,
                   "  theory " + Num(slope)});
}

// Points, band, fit and theory line of one model: one legend group.
void ModelSeries(const std::string& model, std::ostream& dat, Figure& f) {
  const std::string lc = " lc rgb '" + ModelColour(f.ctx.results, model) + "'";
  Points p;
  CollectPoints(model, f, p);
  f.series_drawn += int(p.series.size());
  // gnuplot numbers only blocks with data: never write an empty one.
  if (p.rows.str().empty()) return;
  dat << "# " << model << ": " << f.axis
      << " drawn_at value lo hi censored(0 none, 1 below, 2 above) series\n"
      << p.rows.str() << "\n\n";
  KeyGroup group;
  PointEntries(p, model, f.file + " index " + std::to_string(f.block++), lc, f,
               group);
  FitEntry(model, lc, dat, f, p, group);
  TheoryEntry(model, p, lc, f, group);
  f.groups.push_back(group);
}

std::string HowToRead(const std::string& sym, const std::string& axis) {
  return "Points: measured " + sym +
         " with 95% bootstrap intervals, one colour per model (points at "
         "one " +
         axis +
         " are shifted slightly apart; cells of one model that differ in "
         "another coordinate have their own point type and legend entry); "
         "open triangles are censored cells, drawn at their bound: pointing "
         "up, the value lies above it (no N in the grid succeeded, or ε was "
         "not reached within the steps run); pointing down, at most it "
         "(already the smallest N, or the first evaluation, succeeded); inside "
         "it, the open point type of the cell's series. Solid "
         "lines: the fitted power law (least "
         "squares in log space, censored cells as intervals), with the 95% "
         "band of its bootstrap refits shaded; the legend gives its slope "
         "(exponent) and interval. Dashed lines: the theory's exponent "
         "under the grid's conditions (the fits table's basis: online at a "
         "fixed batch, N* against T's exponent), drawn through the fitted "
         "line's centre (its value at the geometric mean of the model's " +
         axis +
         " values), for reference; it is an upper-bound order, so a "
         "slope whose interval lies at or below it is consistent.";
}

void PlotOne(const PlotContext& ctx,
             const std::string& axis,
             Quantity q,
             std::vector<PlotFile>& plots) {
  const bool samples = q == Quantity::kNStar;
  const std::string sym = samples ? "N*" : "T*";
  const std::string name =
      std::string(samples ? "nstar" : "tstar") + "_vs_" + axis;
  Figure f{ctx, axis, Quote(name + ".dat"), q};
  const std::vector<std::string>& models = ctx.results.models;
  auto drawn = [&](const std::string& m) {
    return AxisValues(ctx.cells, m, axis).size() >= 2;
  };
  for (const std::string& m : models)
    if (drawn(m)) f.series_total += int(SeriesOf(ctx.cells, m, axis).size());
  TextFile dat(ctx.dir + "/" + name + ".dat");
  for (const std::string& m : models)
    if (drawn(m)) ModelSeries(m, dat, f);
  if (f.groups.empty() || !(f.ymax > 0)) return;  // no empty .dat left
  dat.close();
  const double width = 6.0;
  const KeyBelow key = LegendBelow(f.groups, f.untitled, width);
  const std::vector<double>& xs = f.axis_values;
  const std::string body =
      PlotHeader() + key.settings + LogTics("x", xs) +
      // The y range follows the data, not the (steep) theory lines.
      LogRangeTics("y", f.ymin / 3, f.ymax * 3) + "set title " +
      Quote(sym + " (ε = " + Num(ctx.options.target) +
            ", q = " + Num(ctx.options.success) + ") vs " + axis + ", " +
            ProtocolText(ctx.results)) +
      "\nset xlabel " + Quote(AxisLabel(axis) + ScaleSuffix(xs)) +
      "\nset ylabel " +
      Quote(samples ? "sample complexity N* (log scale)"
                    : "iteration complexity T* (SGD steps, log scale)") +
      "\n" + key.plot;
  PlotFile file{
      name,
      sym + " vs " + axis + " with fitted power laws and the theory's order",
      HowToRead(sym, axis), ""};
  file.warnings = Render(ctx.dir, name, body,
                         PlotSize{width, 3.6 + KeyRowsHeight(key.rows, width)});
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
