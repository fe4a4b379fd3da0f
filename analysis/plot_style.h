// Shared look of every plot: one fixed colour per model (its position in
// the spec, Okabe-Ito palette, readable by colour-blind readers), legends
// outside the data, log axes labelled at the grid's values, and rendering
// of one gnuplot script to SVG, PNG and PDF.
#pragma once

#include <string>
#include <vector>

#include "analysis/complexity.h"
#include "analysis/plots.h"
#include "analysis/records.h"

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

// The model's colour ("#rrggbb"), the same in every plot of a report.
std::string ModelColour(const ResultsSet& results, const std::string& model);
// gnuplot string literal.
std::string Quote(const std::string& s);
// Axis name as a label ("N" -> "training samples N").
std::string AxisLabel(const std::string& axis);
// "%g" of a number.
std::string Num(double x);
// Style shared by every plot: grid, key outside the data on the right.
std::string PlotHeader();
// Log scale on `axis` ("x" or "y") with a tick label at each value.
std::string LogTics(const std::string& axis, const std::vector<double>& values);
// Multiplicative shift for series i of `count` on a log axis, so points of
// different series at one x do not hide each other (a few % of a decade).
double LogOffset(int i, int count);
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
