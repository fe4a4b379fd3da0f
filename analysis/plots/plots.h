// Plots of an analysed results folder, rendered by gnuplot to SVG, PNG and
// PDF under results/NAME/plots/. Each plot has a .dat file and the .gp script
// that draws it, so a figure can be restyled by hand.
#pragma once

#include <string>
#include <vector>

#include "analysis/estimate/complexity.h"
#include "analysis/records/records.h"

namespace sim {

struct PlotFile {
  std::string name;   // file stem, e.g. "accuracy_vs_N"
  std::string title;  // one line: what the plot shows
  std::string how_to_read;
  std::string warnings;  // gnuplot's warnings (kept in NAME.log); empty if none
};

// Writes every plot that the results support. Returns what was drawn.
// `router_cells` (the analysis's N_r* cells, router_samples.h) feed the N_r*
// figure; without them it is not drawn. Throws std::runtime_error if
// gnuplot fails.
std::vector<PlotFile> DrawPlots(const ResultsSet& results,
                                const std::vector<Cell>& cells,
                                const ComplexityOptions& options,
                                const std::string& plot_dir,
                                const std::vector<Cell>& router_cells = {});

}  // namespace sim
