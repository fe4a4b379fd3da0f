// Facets: one panel per cell (every grid coordinate but N and the model),
// drawn with gnuplot's multiplot, so that models keep their colours and
// cells never need more of them. One legend for the whole figure, below
// the panels.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analysis/complexity.h"
#include "analysis/plot_style.h"

namespace sim {

using Coords = std::map<std::string, double>;

// Distinct cell coordinates of the cells accepted by `keep`, in order.
template <typename Keep>
std::vector<Coords> FacetCoords(const std::vector<Cell>& cells, Keep keep) {
  std::vector<Coords> out;
  for (const Cell& c : cells) {
    if (!keep(c)) continue;
    bool seen = false;
    for (const Coords& f : out) seen |= f == c.coords;
    if (!seen) out.push_back(c.coords);
  }
  return out;
}

struct FacetLayout {
  int rows = 1, cols = 1;
  PlotSize size;
};

// Panels in a grid of at most 3 columns; the figure grows with the rows.
FacetLayout LayoutFor(int panels);

// Legend columns that fit in one panel's width (gnuplot sizes the key of
// a multiplot by the panel drawing it) for these entry titles.
int LegendColumns(const FacetLayout& layout,
                  const std::vector<std::string>& titles);

// Opens the multiplot (with a figure title) and leaves room at the bottom
// for the legend; `legend_rows` lines of legend.
std::string MultiplotOpen(const FacetLayout& layout,
                          const std::string& title,
                          int legend_rows);
// Settings of panel `index`: the first panel draws the legend for the
// whole figure, centred below the panels (`columns` entries a row); axis
// labels only on the bottom row (x) and the left column (y).
std::string FacetPanel(const FacetLayout& layout,
                       int index,
                       int panels,
                       int columns,
                       const std::string& xlabel,
                       const std::string& ylabel);

}  // namespace sim
