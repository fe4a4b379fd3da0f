#include "analysis/plot_facets.h"

#include <algorithm>
#include <cstdio>

namespace sim {

FacetLayout LayoutFor(int panels) {
  FacetLayout layout;
  layout.cols = panels <= 1 ? 1 : panels <= 4 ? 2 : 3;
  layout.rows = (panels + layout.cols - 1) / layout.cols;
  // One panel: a column's width; more: a page's text width.
  layout.size.width = layout.cols == 1 ? 4.5 : 6.5;
  layout.size.height = 1.4 + 2.4 * layout.rows;
  return layout;
}

int LegendColumns(const FacetLayout& layout,
                  const std::vector<std::string>& titles) {
  size_t longest = 1;
  for (const std::string& t : titles) longest = std::max(longest, t.size());
  // About 6 pt a character at 10 pt, plus the line sample.
  const double panel_pt = 72 * layout.size.width / layout.cols;
  const int fit = int(panel_pt / (6.0 * (longest + 6)));
  return std::max(1, std::min(fit, int(titles.size())));
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
                       int columns,
                       const std::string& xlabel,
                       const std::string& ylabel) {
  std::string out = index > 0
                        ? "unset key\n"
                        : "set key at screen 0.5,screen 0.03 center bottom "
                          "horizontal Left reverse samplen 2 maxcols " +
                              std::to_string(columns) + "\n";
  const bool bottom_row = index + layout.cols >= panels;
  const bool left_column = index % layout.cols == 0;
  out += bottom_row ? "set xlabel " + Quote(xlabel) + "\n" : "unset xlabel\n";
  out += left_column ? "set ylabel " + Quote(ylabel) + "\n" : "unset ylabel\n";
  return out;
}

}  // namespace sim
