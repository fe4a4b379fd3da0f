#include "analysis/plots/plot_compare.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "analysis/fits/scaling_fit.h"
#include "analysis/plots/display_names.h"
#include "analysis/plots/plot_figures.h"
#include "sim/experiment/io/safe_file.h"
#include "sim/experiment/spec/json_reader.h"

namespace sim {
namespace {

const int kPoints[] = {7, 5, 9, 11, 13, 15};  // filled point types

// "demo (online, ε = 0.1)": the folder's spec name, its protocol and its
// analysis target.
std::string FolderLabel(const ResultsSet& results, double target) {
  std::string name = results.spec.value("name", std::string());
  if (name.empty()) name = std::filesystem::path(results.directory).filename();
  std::string protocol = ProtocolText(results);
  const size_t cut = protocol.rfind(" protocol");
  if (cut != std::string::npos) protocol.erase(cut);
  return name + " (" + protocol + ", ε = " + Label(target) + ")";
}

struct Range {
  double x_lo = INFINITY, x_hi = 0, y_lo = INFINITY, y_hi = 0;
  std::vector<double> xs;
  void Add(double x, double lo, double hi) {
    x_lo = std::min(x_lo, x), x_hi = std::max(x_hi, x);
    if (lo > 0) y_lo = std::min(y_lo, lo);
    if (hi > 0 && std::isfinite(hi)) y_hi = std::max(y_hi, hi);
    if (std::find(xs.begin(), xs.end(), x) == xs.end()) xs.push_back(x);
  }
};

// The series of one folder: model and the coordinates besides `axis`.
using SeriesKey = std::pair<std::string, std::map<std::string, double>>;

std::map<SeriesKey, std::vector<const Cell*>> SeriesOf(
    const std::vector<Cell>& cells, const std::string& axis) {
  std::map<SeriesKey, std::vector<const Cell*>> series;
  for (const Cell& c : cells) {
    double x = 0;
    if (!CellAxisValue(c, axis, x) || !(x > 0)) continue;
    std::map<std::string, double> others = c.coords;
    others.erase(axis);
    series[{c.model, others}].push_back(&c);
  }
  for (auto it = series.begin(); it != series.end();)
    it = it->second.size() < 2 ? series.erase(it) : std::next(it);
  return series;
}

// Writes one series (x value lo hi censored): its legend entry, and the
// censored marks (untitled) in its colour.
KeyEntry WriteSeries(const std::vector<const Cell*>& cells,
                     const std::string& axis,
                     const std::string& src,
                     const std::string& style,
                     const std::string& title,
                     std::ostream& dat,
                     Range& range,
                     std::vector<std::string>& untitled) {
  dat << "# " << title << ": " << axis << " N* lo hi censored(0,1 below,2 "
      << "above)\n";
  for (const Cell* c : cells) {
    double x = 0;
    CellAxisValue(*c, axis, x);
    const Estimate& e = c->n_star;
    const double y = e.Reported();
    const int censor = e.censor == Censor::kNone    ? 0
                       : e.censor == Censor::kBelow ? 1
                                                    : 2;
    const double lo = censor ? y : e.lo, hi = censor ? y : e.hi;
    dat << x << " " << y << " " << lo << " " << hi << " " << censor << "\n";
    range.Add(x, std::min(lo, y), std::max(hi, y));
  }
  dat << "\n\n";
  // `style`: "pt P lc rgb 'C' [dt D]"; censored marks take its colour.
  const std::string colour = style.substr(style.find(" lc "));
  untitled.push_back(src +
                     " using 1:($5==2?$2:1/0) with points pt 8 ps 1.6 lw 1.5" +
                     colour + " notitle");
  untitled.push_back(src +
                     " using 1:($5==1?$2:1/0) with points pt 10 ps 1.6 lw 1.5" +
                     colour + " notitle");
  return {
      src + " using 1:($5==0?$2:1/0):3:4 with yerrorlines lw 2 ps 0.9 " + style,
      title};
}

}  // namespace

PlotFile PlotCompare(const std::vector<ComparedFolder>& folders,
                     const std::string& axis,
                     const std::string& dir) {
  const std::string name = "compare_nstar_vs_" + axis;
  TextFile dat(dir + "/" + name + ".dat");
  std::vector<KeyGroup> groups;
  std::vector<std::string> untitled;
  Range range;
  int block = 0;
  for (size_t f = 0; f < folders.size(); ++f) {
    const ResultsSet& results = *folders[f].results;
    const auto series = SeriesOf(folders[f].cells, axis);
    if (series.empty())
      throw SpecError(results.directory +
                      ": no model has two or more cells "
                      "along " +
                      axis + " (pass --axis with an axis it varies)");
    for (const auto& [key, cells] : series) {
      const std::string title =
          FolderLabel(results, folders[f].options.target) + ": " +
          ModelLabel(results, key.first) +
          (key.second.empty() ? "" : " " + CoordsLabel(key.second));
      const std::string style = "pt " + std::to_string(kPoints[f % 6]) +
                                " lc rgb '" + ModelColour(results, key.first) +
                                "'" + (f ? " dt " + std::to_string(f + 1) : "");
      groups.push_back({WriteSeries(
          cells, axis,
          Quote(name + ".dat") + " index " + std::to_string(block++), style,
          title, dat, range, untitled)});
    }
  }
  dat.close();
  std::sort(range.xs.begin(), range.xs.end());
  const double width = 6.0;
  const KeyBelow key = LegendBelow(groups, untitled, width);
  std::string body =
      PlotHeader() + key.settings + LogTics("x", range.xs) +
      LogRangeTics("y", range.y_lo / 2, range.y_hi * 2) + "set title " +
      Quote("N* vs " + axis + " across results folders") + "\nset xlabel " +
      Quote(AxisLabel(axis) + ScaleSuffix(range.xs)) +
      "\nset ylabel 'sample complexity N* (log scale)'\n" + key.plot + "\n";
  PlotFile file{
      name, "N* vs " + axis + " across results folders",
      "One colour per model, one point type and dash pattern per "
      "folder (named with its protocol and target ε in the legend); "
      "N* at each folder's own analysis target with its 95% bootstrap "
      "interval; open triangles are censored cells at their bound "
      "(up: above it, down: at most it). Online folders give N* = "
      "B T*, budget and converged folders N* over their N grid.",
      ""};
  file.warnings = Render(dir, name, body,
                         PlotSize{width, 3.6 + KeyRowsHeight(key.rows, width)});
  return file;
}

}  // namespace sim
