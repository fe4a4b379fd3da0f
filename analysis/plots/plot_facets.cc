#include "analysis/plots/plot_facets.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace sim {

namespace {

// Distinct values of every coordinate over the model's cells, and for
// each value of `axis` the values of every other coordinate.
struct AxisMap {
  std::map<std::string, std::set<double>> values;
  std::map<std::string, std::map<double, std::set<double>>> by_axis;
};

AxisMap MapAxes(const std::vector<Cell>& cells,
                const std::string& model,
                const std::string& axis) {
  AxisMap m;
  for (const Cell& c : cells) {
    if (c.model != model || !c.coords.count(axis)) continue;
    for (const auto& [name, value] : c.coords) {
      m.values[name].insert(value);
      m.by_axis[name][c.coords.at(axis)].insert(value);
    }
  }
  return m;
}

bool Zipped(const AxisMap& m, const std::string& name) {
  for (const auto& [x, values] : m.by_axis.at(name))
    if (values.size() > 1) return false;
  return true;
}

}  // namespace

std::vector<std::string> ZippedWith(const std::vector<Cell>& cells,
                                    const std::string& model,
                                    const std::string& axis) {
  const AxisMap m = MapAxes(cells, model, axis);
  std::vector<std::string> out;
  for (const auto& [name, values] : m.values)
    if (name != axis && values.size() > 1 && Zipped(m, name))
      out.push_back(name);
  return out;
}

std::vector<std::string> OtherAxes(const std::vector<Cell>& cells,
                                   const std::string& model,
                                   const std::string& axis) {
  const AxisMap m = MapAxes(cells, model, axis);
  std::vector<std::string> out;
  for (const auto& [name, values] : m.values)
    if (name != axis && values.size() > 1 && !Zipped(m, name))
      out.push_back(name);
  return out;
}

Coords CoordsOn(const Cell& cell, const std::vector<std::string>& axes) {
  Coords out;
  for (const std::string& axis : axes) {
    const auto it = cell.coords.find(axis);
    if (it != cell.coords.end()) out[axis] = it->second;
  }
  return out;
}

FacetLayout LayoutFor(int panels) {
  FacetLayout layout;
  layout.cols = panels <= 1 ? 1 : panels <= 4 ? 2 : 3;
  layout.rows = (panels + layout.cols - 1) / layout.cols;
  // One panel: a column's width; more: a page's text width.
  layout.size.width = layout.cols == 1 ? 4.5 : 6.5;
  layout.size.height = 1.4 + 2.4 * layout.rows;
  return layout;
}

FacetKey FacetKeyFor(const FacetLayout& layout, std::vector<KeyEntry> entries) {
  FacetKey key;
  size_t longest = 1;
  for (const KeyEntry& e : entries) longest = std::max(longest, e.title.size());
  key.columns = std::max(
      1, std::min(KeyColumns(layout.size.width, longest), int(entries.size())));
  key.rows = (int(entries.size()) + key.columns - 1) / key.columns;
  key.entries = std::move(entries);
  return key;
}

std::string MultiplotOpen(const FacetLayout& layout,
                          const std::string& title,
                          int legend_rows) {
  // Screen fractions: room for the title above, the x label and the legend
  // below, each panel's title between rows. In inches of 10 pt text,
  // scaled as the PDF's text grows with the width (plot_style.h).
  const double h = layout.size.height, w = layout.size.width;
  const double text = w / 4.5;
  const double bottom = text * (0.5 + 0.16 * legend_rows) / h;
  const double top = 1 - text * 0.45 / h;
  char out[256];
  std::snprintf(out, sizeof(out),
                "set multiplot layout %d,%d title %s margins %.3f,0.97,%.3f,"
                "%.3f spacing %.3f,%.3f\n",
                layout.rows, layout.cols, Quote(title).c_str(), text * 0.75 / w,
                bottom, top, text * 0.35 / w, text * 0.5 / h);
  return out;
}

std::string FacetPanel(const FacetLayout& layout,
                       int index,
                       int panels,
                       const std::string& xlabel,
                       const std::string& ylabel) {
  std::string out = "unset key\n";
  const bool bottom_row = index + layout.cols >= panels;
  const bool left_column = index % layout.cols == 0;
  out += bottom_row ? "set xlabel " + Quote(xlabel) + "\n" : "unset xlabel\n";
  out += left_column ? "set ylabel " + Quote(ylabel) + "\n" : "unset ylabel\n";
  return out;
}

std::string FacetLegend(const FacetLayout& layout, const FacetKey& key) {
  // Below the x labels: the legend rows (in inches of 10 pt text, as in
  // MultiplotOpen) and a small margin, as screen fractions.
  const double text = layout.size.width / 4.5;
  const double top = text * (0.05 + 0.16 * key.rows) / layout.size.height;
  char frame[320];
  std::snprintf(frame, sizeof(frame),
                "set origin 0,0\nset size 1,%.3f\n"
                "set lmargin at screen 0.01\nset rmargin at screen 0.99\n"
                "set bmargin at screen 0\nset tmargin at screen %.3f\n",
                top, top);
  std::string out = std::string(frame) +
                    "unset border\nunset tics\nunset grid\nunset title\n"
                    "unset xlabel\nunset ylabel\nunset logscale\n"
                    "set xrange [0:1]\nset yrange [0:1]\n"
                    "set key inside center center horizontal Left reverse "
                    "noopaque samplen 2 maxcols " +
                    std::to_string(key.columns) + "\n";
  // A function outside the range (gnuplot needs one real plot element).
  out += "plot 2 notitle";
  for (const KeyEntry& e : key.entries)
    out += ", keyentry " + e.clause + " title " + Quote(e.title);
  return out + "\n";
}

}  // namespace sim
