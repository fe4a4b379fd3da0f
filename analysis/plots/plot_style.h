// Shared look of every plot: one fixed colour per model (ModelColour),
// legends outside the data with every entry visible, log axes labelled at
// the grid's values, and rendering of one gnuplot script to SVG, PNG and
// PDF.
#pragma once

#include <string>
#include <vector>

#include "analysis/estimate/complexity.h"
#include "analysis/plots/plots.h"
#include "analysis/records/records.h"

namespace sim {

// What every figure function reads and where it writes.
struct PlotContext {
  const ResultsSet& results;
  const std::vector<Cell>& cells;
  const ComplexityOptions& options;
  std::string dir;
};

// Size of the PDF in inches; PNG and SVG keep its proportions. Text is
// 10 pt at 4.5 in wide and scales with the width, so a figure scaled to a
// paper's column (3.3 in) keeps its text above 7 pt.
struct PlotSize {
  double width = 4.5, height = 3.0;
};

// The model's colour ("#rrggbb"), the same in every plot of a report and
// across reports: a model type can hold its own in the model registry (cnn
// blue, pmoe_separate vermillion, pmoe_joint green; Okabe-Ito, readable by
// colour-blind readers), which the first model of that type takes (by
// results.model_types); other models take the remaining colours in the
// order of results.models (alphabetical: the spec's models are a JSON
// object). No two models of one report share a colour.
std::string ModelColour(const ResultsSet& results, const std::string& model);
// A gnuplot string literal that expands nothing: single-quoted, quotes
// doubled, control characters as spaces.
std::string Quote(const std::string& s);
// Axis name as a label ("N" -> "training samples N").
std::string AxisLabel(const std::string& axis);
// "%g" of a number.
std::string Num(double x);
// A number as a reader sees it in a tick or legend label: whole numbers in
// full (12800, not 1.28e+04), others to 4 significant digits (a derived
// axis such as delta = 1/(1 - 0.4^2) reads 1.19, not 1.19048).
std::string Label(double x);
// Style shared by every plot: grid, key outside the data on the right.
std::string PlotHeader();
// Log scale on `axis` ("x" or "y") with a tick label at each value (sorted
// ascending); a linear scale if a value is not positive (LogScalable), and
// ScaleSuffix is then empty instead of " (log scale)", for the axis label.
std::string LogTics(const std::string& axis, const std::vector<double>& values);
bool LogScalable(const std::vector<double>& values);
std::string ScaleSuffix(const std::vector<double>& values);
// Log scale on `axis` over [lo, hi] (continuous data) with ticks at 1, 2
// and 5 x 10^k (every digit x 10^k on a short range), labelled as LogTics
// labels them.
std::string LogRangeTics(const std::string& axis, double lo, double hi);

// One legend entry: a plot clause (without its title) and its title.
struct KeyEntry {
  std::string clause, title;
};
// The entries of one model (its points, fit, theory): one legend column.
using KeyGroup = std::vector<KeyEntry>;
struct KeyBelow {
  std::string settings;  // "set key ..."
  std::string plot;      // "plot ..." with every clause
  int rows = 0;          // legend rows, with the gap above them
};
// A legend below the plot that keeps every entry: one column per group, as
// many columns as the titles let fit in `width` inches, further groups in
// further rows of columns (blank entries pad each group to the longest).
// `untitled` clauses (bands) are drawn first, under the others.
KeyBelow LegendBelow(const std::vector<KeyGroup>& groups,
                     const std::vector<std::string>& untitled,
                     double width);
// Legend columns of titles up to `longest` characters that fit in a figure
// `width` inches wide (gnuplot sizes key columns by the longest title).
int KeyColumns(double width, size_t longest);
// Height in inches of `rows` legend rows (text grows with the width).
double KeyRowsHeight(int rows, double width);
// Multiplicative shift for series i of `count` on a log axis, so points of
// different series at one x do not hide each other (a few % of a decade).
double LogOffset(int i, int count);
// Where series i of `count` draws a point at x on an axis through `values`
// (as LogTics scales it): x times LogOffset on a log axis, x plus the same
// share of the span on a linear one.
double DrawnAt(double x, int i, int count, const std::vector<double>& values);
// Distinct values of `axis` over the cells of one model (all models if
// `model` is empty), ascending.
std::vector<double> AxisValues(const std::vector<Cell>& cells,
                               const std::string& model,
                               const std::string& axis);
// Distinct N over the cells (of `model`, or all if empty), ascending.
std::vector<double> GridNs(const std::vector<Cell>& cells,
                           const std::string& model);
// "n=6 l=2": a cell's coordinates without its model (facet titles).
std::string CoordsLabel(const std::map<std::string, double>& coords);

// Writes NAME.gp (the body drawn once per output format) and runs gnuplot
// in `dir`, producing NAME.svg, NAME.png and NAME.pdf. Returns gnuplot's
// warnings (empty if none; then no NAME.log is kept). Throws
// std::runtime_error if gnuplot fails or cannot be written.
std::string Render(const std::string& dir,
                   const std::string& name,
                   const std::string& body,
                   PlotSize size = {});

}  // namespace sim
