#include "analysis/plots/plot_style.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "sim/experiment/io/safe_file.h"
#include "sim/experiment/io/subprocess.h"
#include "sim/experiment/spec/model_registry.h"

namespace sim {

namespace {

// Okabe-Ito without its yellow (too pale on white), then Paul Tol's muted
// colours; the model registry gives the paper's models the first three
// (ModelEntry::colour_slot).
const char* const kPalette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                "#E69F00", "#56B4E9", "#000000", "#882255",
                                "#117733", "#999933", "#332288", "#AA4499"};
constexpr size_t kPaletteSize = sizeof(kPalette) / sizeof(kPalette[0]);

// Colours beyond the palette: hues a golden angle apart.
std::string ExtraColour(size_t i) {
  const double h = std::fmod(0.1 + 0.618034 * double(i), 1.0) * 6;
  const double v = 0.7, c = 0.65 * v,
               x = c * (1 - std::fabs(std::fmod(h, 2) - 1));
  const int sector = int(h);
  double rgb[3] = {0, 0, 0};
  const int ci[] = {0, 1, 1, 2, 2, 0}, xi[] = {1, 0, 2, 1, 0, 2};
  rgb[ci[sector]] = c;
  rgb[xi[sector]] = x;
  char out[8];
  std::snprintf(out, sizeof(out), "#%02X%02X%02X", int(255 * (rgb[0] + v - c)),
                int(255 * (rgb[1] + v - c)), int(255 * (rgb[2] + v - c)));
  return out;
}

}  // namespace

namespace {

// The palette slot of every model in `models`. A model takes the slot its
// type holds in the model registry, unless an earlier model (in `models`
// order) of that type took it: of two models of one type the first keeps
// the type's colour and the next takes the next free slot. Free: held by
// no registered type (a type's colour means that type in every report) and
// taken by no other model of the report.
std::map<std::string, int> ColourSlots(const ResultsSet& results,
                                       const std::vector<std::string>& models) {
  const std::vector<int> held = ModelColourSlots();
  std::set<int> taken;
  std::map<std::string, int> slots;
  for (const std::string& m : models) {
    const ModelEntry* entry = FindModelEntry(results.ModelType(m));
    if (entry && entry->colour_slot && *entry->colour_slot >= 0 &&
        taken.insert(*entry->colour_slot).second)
      slots[m] = *entry->colour_slot;
  }
  int next = 0;
  for (const std::string& m : models) {
    if (slots.count(m)) continue;
    while (taken.count(next) ||
           std::find(held.begin(), held.end(), next) != held.end())
      ++next;
    slots[m] = next;
    taken.insert(next);
  }
  return slots;
}

}  // namespace

std::string ModelColour(const ResultsSet& results, const std::string& model) {
  std::vector<std::string> models = results.models;
  if (std::find(models.begin(), models.end(), model) == models.end())
    models.push_back(model);
  const size_t slot = size_t(ColourSlots(results, models).at(model));
  return slot < kPaletteSize ? kPalette[slot]
                             : ExtraColour(slot - kPaletteSize);
}

std::string Quote(const std::string& s) {
  // gnuplot's single-quoted strings expand nothing (no backquoted command,
  // no @macro, no backslash escape); a quote is doubled. A line break would
  // end the command, so control characters become spaces.
  std::string out = "'";
  for (const char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '\'') {
      out += "''";
    } else {
      out += (u < 0x20 || u == 0x7f) ? ' ' : c;
    }
  }
  return out + "'";
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
      {"confusers", "confusers per sample (l* - 1)"},
      {"T", "experts T"},
      {"top_k", "active experts per sample top_k"}};
  auto it = labels.find(axis);
  return it == labels.end() ? axis : it->second;
}

std::string Num(double x) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", x);
  return text;
}

std::string Label(double x) {
  char text[32];
  const double whole = std::round(x);
  if (std::abs(x) < 1e7 &&
      std::abs(x - whole) <= 1e-9 * std::max(1.0, std::abs(x))) {
    std::snprintf(text, sizeof(text), "%.0f", whole == 0 ? 0.0 : whole);
  } else {
    std::snprintf(text, sizeof(text), "%.4g", x);
  }
  return text;
}

std::string PlotHeader() {
  return "set key outside right top vertical Left reverse noopaque "
         "samplen 2 spacing 1.1\n"
         "set grid lc rgb '#e0e0e0'\nset border lw 1\n";
}

namespace {

// "set AXIStics (...)": a tick at each value; a label at the preferred ones
// that lie a tenth of `span` (in log) from the last labelled one, so that
// neighbouring labels never run into each other.
std::string TicList(const std::string& axis,
                    const std::vector<double>& values,
                    const std::vector<bool>& preferred,
                    double span) {
  std::string out = "set " + axis + "tics (";
  double labelled = -1e300;
  for (size_t i = 0; i < values.size(); ++i) {
    const bool room =
        preferred[i] && std::log(values[i]) - labelled >= span / 10;
    if (room) labelled = std::log(values[i]);
    out += std::string(i ? ", " : "") + Quote(room ? Label(values[i]) : "") +
           " " + Num(values[i]);
  }
  return out + ")\nset m" + axis + "tics default\n";
}

std::string Range(const std::string& axis, double lo, double hi) {
  char range[96];
  std::snprintf(range, sizeof(range), "set %srange [%.10g:%.10g]\n",
                axis.c_str(), lo, hi);
  return range;
}

}  // namespace

bool LogScalable(const std::vector<double>& values) {
  for (const double v : values)
    if (!(v > 0)) return false;
  return true;
}

std::string ScaleSuffix(const std::vector<double>& values) {
  return LogScalable(values) ? " (log scale)" : "";
}

std::string LogTics(const std::string& axis,
                    const std::vector<double>& values) {
  if (!LogScalable(values)) {
    // An axis through 0 (no confusers, no noise) has no log scale: linear,
    // with a label at every value and a tenth of the span's margin.
    std::string out = "unset logscale " + axis + "\nset " + axis + "tics (";
    for (size_t i = 0; i < values.size(); ++i)
      out += std::string(i ? ", " : "") + Quote(Label(values[i])) + " " +
             Num(values[i]);
    out += ")\nset m" + axis + "tics default\n";
    const double lo = values.front(), hi = values.back();
    const double pad = hi > lo ? (hi - lo) / 10 : 1;
    return out + Range(axis, lo - pad, hi + pad);
  }
  const double span =
      values.size() > 1 ? std::log(values.back() / values.front()) : 1;
  std::string out =
      "set logscale " + axis + "\n" +
      TicList(axis, values, std::vector<bool>(values.size(), true), span);
  if (!values.empty()) {
    // A margin of a tenth of the span (in log) on each side.
    const double lo = values.front(), hi = values.back();
    const double pad = hi > lo ? std::pow(hi / lo, 0.08) : 1.5;
    out += Range(axis, lo / pad, hi * pad);
  }
  return out;
}

std::string LogRangeTics(const std::string& axis, double lo, double hi) {
  if (!(lo > 0) || !(hi > lo)) return "set logscale " + axis + "\n";
  const double decades = std::log10(hi / lo);
  // Ticks at every digit x 10^k below 1.5 decades, at 1, 2, 5 up to 4,
  // at powers of ten beyond. Labels at powers of ten where there are
  // three of them, else at 1, 2 and 5 x 10^k (and 3 below 1.5 decades).
  const std::vector<int> digits =
      decades < 1.5 ? std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9}
      : decades < 4 ? std::vector<int>{1, 2, 5}
                    : std::vector<int>{1};
  const int powers =
      int(std::floor(std::log10(hi))) - int(std::ceil(std::log10(lo))) + 1;
  std::vector<double> ticks;
  std::vector<bool> preferred;
  for (int k = int(std::floor(std::log10(lo))); k <= std::log10(hi); ++k) {
    for (const int d : digits) {
      const double v = d * std::pow(10.0, k);
      if (v < lo || v > hi) continue;
      ticks.push_back(v);
      preferred.push_back(d == 1 || (powers < 3 && (d == 2 || d == 5)) ||
                          (decades < 1.5 && d == 3));
    }
  }
  return "set logscale " + axis + "\n" +
         TicList(axis, ticks, preferred, std::log(hi / lo)) +
         Range(axis, lo, hi);
}

int KeyColumns(double width, size_t longest) {
  // Measured on gnuplot 5.4's cairo and SVG terminals: a figure's key
  // holds about 13.7 characters an inch in SVG (fixed text size) and 85
  // in the PDF (text grows with the width); a column takes its longest
  // title and about 5 more for the sample. With a margin:
  const double characters = std::min(82.0, 13.2 * width);
  return std::max(1, int(characters / (double(longest) + 6)));
}

double KeyRowsHeight(int rows, double width) {
  // PDF text is 10 pt at 4.5 in; a legend row is 1.2 lines of it.
  return rows * 1.2 * (10 * width / 4.5) / 72;
}

KeyBelow LegendBelow(const std::vector<KeyGroup>& groups,
                     const std::vector<std::string>& untitled,
                     double width) {
  size_t longest = 1, rows = 1;
  for (const KeyGroup& g : groups) {
    rows = std::max(rows, g.size());
    for (const KeyEntry& e : g) longest = std::max(longest, e.title.size());
  }
  const int count = int(groups.size());
  const int cols = std::max(1, std::min(KeyColumns(width, longest), count));
  const int blocks = (count + cols - 1) / cols;
  // gnuplot fills a horizontal key below the plot column by column, with
  // as many columns as fit (at most maxcols): column c holds group c of
  // every block of `cols` groups, each padded to `rows` entries.
  std::vector<std::string> clauses = untitled;
  for (int c = 0; c < cols; ++c) {
    for (int b = 0; b < blocks; ++b) {
      const size_t g = size_t(b * cols + c);
      for (size_t r = 0; r < rows; ++r) {
        const bool real = g < groups.size() && r < groups[g].size();
        clauses.push_back(real ? groups[g][r].clause + " title " +
                                     Quote(groups[g][r].title)
                               : "keyentry with lines lc rgb '#ffffff' "
                                 "title ' '");
      }
    }
  }
  KeyBelow key;
  key.rows = blocks * int(rows) + 1;  // and a gap below the x label
  key.settings = "set key outside below center horizontal maxcols " +
                 std::to_string(cols) + " height 1\n";
  for (const std::string& c : clauses)
    key.plot += (key.plot.empty() ? "plot " : ", ") + c;
  return key;
}

double LogOffset(int i, int count) {
  return std::exp(0.035 * (i - 0.5 * (count - 1)));
}

double DrawnAt(double x, int i, int count, const std::vector<double>& values) {
  if (LogScalable(values)) return x * LogOffset(i, count);
  const double span = values.size() > 1 ? values.back() - values.front() : 1;
  return x + span * 0.02 * (i - 0.5 * (count - 1));
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
    out += (out.empty() ? "" : " ") + axis + "=" + Label(value);
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
      << terminals << "  set output " << Quote(name + ".") << ".ext\n"
      << "  reset\n"
      << body << "\n  set output\n}\n";
  out.close();
  if (!out) throw std::runtime_error("cannot write " + gp);
  const std::string log = dir + "/" + name + ".log";
  // No shell: gnuplot reads the script on its standard input, in the plots
  // folder, so no folder or file name is ever parsed as a command.
  ProcessIo io;
  io.working_dir = dir;
  io.stdin_path = name + ".gp";
  io.stderr_path = name + ".log";
  const ProcessResult gnuplot = RunProgram({"gnuplot"}, io);
  if (gnuplot.exit_code != 0) {
    throw std::runtime_error("gnuplot failed on " + gp + ": " + gnuplot.error +
                             (gnuplot.started ? " (see " + log + ")" : ""));
  }
  std::ifstream in(log);
  std::stringstream warnings;
  warnings << in.rdbuf();
  if (warnings.str().empty()) std::filesystem::remove(log);
  return warnings.str();
}

}  // namespace sim
