// What the collapse plots share (plot_collapse.cc, plot_saving_collapse.cc):
// points at their composite value, one series per value of the composite's
// last factor, a fitted line per group, on one log-log figure.
#pragma once

#include <string>
#include <vector>

#include "analysis/fits/scaling_fit.h"
#include "analysis/plots/plot_style.h"
#include "sim/experiment/io/safe_file.h"

namespace sim {

struct CollapsePoint {
  double x = 0;      // the composite's value
  double shape = 0;  // the last factor's value
  double y = 0, lo = 0, hi = 0;
};

struct CollapseFigure {
  std::vector<KeyGroup> groups;
  double xlo = INFINITY, xhi = 0;
  int block = 0;
};

// One group (a model, or a saving's pair) named `name`: its points by shape
// into `dat`, then `fit`'s line where it is ok.
void AddCollapseGroup(const std::vector<CollapsePoint>& points,
                      const std::string& name,
                      const std::string& axis,
                      const std::string& shape_axis,
                      const std::string& colour,
                      const Fit& fit,
                      const std::string& stem,
                      TextFile& dat,
                      CollapseFigure& f);

// Draws the figure (nothing if it has no group or one x) into `plots`.
void RenderCollapse(const PlotContext& ctx,
                    const CollapseFigure& f,
                    PlotFile file,
                    const std::string& title,
                    const std::string& ylabel,
                    const std::string& axis,
                    std::vector<PlotFile>& plots);

}  // namespace sim
