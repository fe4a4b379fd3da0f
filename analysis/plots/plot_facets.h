// Facets: one panel per cell (every grid coordinate but N and the model),
// drawn with gnuplot's multiplot, so that models keep their colours and
// cells never need more of them. One legend for the whole figure, below
// the panels, in a panel of its own as wide as the figure.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analysis/estimate/complexity.h"
#include "analysis/plots/plot_style.h"

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

// Axes of the model's cells that vary and move with `axis`: zipped with
// it in the grid, so each value of `axis` comes with one value of theirs.
std::vector<std::string> ZippedWith(const std::vector<Cell>& cells,
                                    const std::string& model,
                                    const std::string& axis);
// Axes of the model's cells that vary independently of `axis` (neither it
// nor zipped with it): what a plot against `axis` pools or splits by.
std::vector<std::string> OtherAxes(const std::vector<Cell>& cells,
                                   const std::string& model,
                                   const std::string& axis);
// The cell's coordinates on `axes`.
Coords CoordsOn(const Cell& cell, const std::vector<std::string>& axes);

struct FacetLayout {
  int rows = 1, cols = 1;
  PlotSize size;
};

// Panels in a grid of at most 3 columns; the figure grows with the rows.
FacetLayout LayoutFor(int panels);

// The figure's legend: its entries (keyentry styles and titles) in as many
// columns as fit in the figure's width.
struct FacetKey {
  std::vector<KeyEntry> entries;
  int columns = 1, rows = 0;
};
FacetKey FacetKeyFor(const FacetLayout& layout, std::vector<KeyEntry> entries);

// Opens the multiplot (with a figure title) and leaves room at the bottom
// for the legend; `legend_rows` lines of legend.
std::string MultiplotOpen(const FacetLayout& layout,
                          const std::string& title,
                          int legend_rows);
// Settings of panel `index` (no key: the legend has its own panel); axis
// labels only on the bottom row (x) and the left column (y).
std::string FacetPanel(const FacetLayout& layout,
                       int index,
                       int panels,
                       const std::string& xlabel,
                       const std::string& ylabel);
// The legend panel, drawn after the panels: the figure's width, below them.
std::string FacetLegend(const FacetLayout& layout, const FacetKey& key);

}  // namespace sim
