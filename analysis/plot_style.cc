#include "analysis/plot_style.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "sim/experiment/safe_file.h"

namespace sim {

std::string ModelColour(const ResultsSet& results, const std::string& model) {
  // Okabe-Ito without its yellow, which is too pale on white.
  static const char* const kPalette[] = {"#0072B2", "#D55E00", "#009E73",
                                         "#CC79A7", "#E69F00", "#56B4E9",
                                         "#000000"};
  size_t i = 0;
  while (i < results.models.size() && results.models[i] != model) ++i;
  return kPalette[i % (sizeof(kPalette) / sizeof(kPalette[0]))];
}

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string AxisLabel(const std::string& axis) {
  static const std::map<std::string, std::string> labels = {
      {"N", "training samples N"},
      {"n", "patches per sample n"},
      {"l", "patches per expert l"},
      {"k", "experts k"},
      {"m", "hidden neurons m"},
      {"d", "patch dimension d"},
      {"N_r", "router training samples N_r"},
      {"delta_d", "delta_d = <o1, o2>"},
      {"delta_r", "delta_r"},
      {"confusers", "confusers per sample (l* - 1)"}};
  auto it = labels.find(axis);
  return it == labels.end() ? axis : it->second;
}

std::string Num(double x) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", x);
  return text;
}

std::string PlotHeader() {
  return "set key outside right top vertical Left reverse noopaque "
         "samplen 2 spacing 1.1\n"
         "set grid lc rgb '#e0e0e0'\nset border lw 1\n";
}

std::string LogTics(const std::string& axis,
                    const std::vector<double>& values) {
  std::string out = "set logscale " + axis + "\nset " + axis + "tics (";
  // Label a tick only a tenth of the axis (in log) from the last labelled
  // one, so neighbouring labels never run into each other.
  const double span =
      values.size() > 1 ? std::log(values.back() / values.front()) : 1;
  double labelled = -1e300;
  for (size_t i = 0; i < values.size(); ++i) {
    const bool room = std::log(values[i]) - labelled >= span / 10;
    if (room) labelled = std::log(values[i]);
    out += std::string(i ? ", " : "") + Quote(room ? Num(values[i]) : "") +
           " " + Num(values[i]);
  }
  out += ")\nset m" + axis + "tics default\n";
  if (!values.empty()) {
    // A margin of a tenth of the span (in log) on each side.
    const double lo = values.front(), hi = values.back();
    const double pad = hi > lo ? std::pow(hi / lo, 0.08) : 1.5;
    char range[96];
    std::snprintf(range, sizeof(range), "set %srange [%.10g:%.10g]\n",
                  axis.c_str(), lo / pad, hi * pad);
    out += range;
  }
  return out;
}

double LogOffset(int i, int count) {
  return std::exp(0.035 * (i - 0.5 * (count - 1)));
}

std::vector<double> AxisValues(const std::vector<Cell>& cells,
                               const std::string& model,
                               const std::string& axis) {
  std::set<double> values;
  for (const Cell& c : cells) {
    if (!model.empty() && c.model != model) continue;
    auto it = c.coords.find(axis);
    if (it != c.coords.end()) values.insert(it->second);
  }
  return {values.begin(), values.end()};
}

std::vector<double> GridNs(const std::vector<Cell>& cells,
                           const std::string& model) {
  std::set<double> values;
  for (const Cell& c : cells) {
    if (!model.empty() && c.model != model) continue;
    for (const GridPoint& p : c.points) values.insert(p.N);
  }
  return {values.begin(), values.end()};
}

std::string CoordsLabel(const std::map<std::string, double>& coords) {
  std::string out;
  for (const auto& [axis, value] : coords) {
    out += (out.empty() ? "" : " ") + axis + "=" + Num(value);
  }
  return out;
}

std::string Render(const std::string& dir,
                   const std::string& name,
                   const std::string& body,
                   PlotSize size) {
  const std::string gp = dir + "/" + name + ".gp";
  char terminals[512];
  // PNG at 220 dpi, SVG at 160 px per inch. The PDF's text is 10 pt at
  // 4.5 in and grows with the width, so that any figure scaled down to a
  // paper's column (3.3 in) keeps its text above 7 pt.
  std::snprintf(
      terminals, sizeof(terminals),
      "  if (ext eq 'svg') { set terminal svg size %d,%d dynamic noenhanced "
      "font 'Helvetica,16' }\n"
      "  if (ext eq 'png') { set terminal pngcairo size %d,%d noenhanced "
      "font 'Helvetica,20' }\n"
      "  if (ext eq 'pdf') { set terminal pdfcairo size %.2fin,%.2fin "
      "noenhanced font 'Helvetica,%.1f' }\n",
      int(size.width * 160), int(size.height * 160), int(size.width * 220),
      int(size.height * 220), size.width, size.height, 10 * size.width / 4.5);
  TextFile out(gp);
  out << "# Rendered by pmoe-sim analyze; run 'gnuplot " << name
      << ".gp' in this folder to redraw " << name << ".svg, .png and .pdf.\n"
      << "do for [ext in 'svg png pdf'] {\n"
      << terminals << "  set output '" << name << ".'.ext\n"
      << "  reset\n"
      << body << "\n  set output\n}\n";
  out.close();
  if (!out) throw std::runtime_error("cannot write " + gp);
  const std::string log = dir + "/" + name + ".log";
  const std::string command =
      "cd '" + dir + "' && gnuplot '" + name + ".gp' 2> '" + name + ".log'";
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("gnuplot failed on " + gp + " (see " + log + ")");
  }
  std::ifstream in(log);
  std::stringstream warnings;
  warnings << in.rdbuf();
  if (warnings.str().empty()) std::filesystem::remove(log);
  return warnings.str();
}

}  // namespace sim
