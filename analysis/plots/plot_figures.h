// One function per figure; each appends what it drew to `plots` (nothing
// if the results do not support the figure).
#pragma once

#include <vector>

#include "analysis/plots/plot_style.h"

namespace sim {

// Final test accuracy vs N, one panel per cell, one line per model.
void PlotAccuracy(const PlotContext& context, std::vector<PlotFile>& plots);
// Success probability over (axis, N) per model and axis (paper Fig. 5).
void PlotPhases(const PlotContext& context, std::vector<PlotFile>& plots);
// N* and T* vs each axis, log-log, with fits, bands and theory orders.
void PlotComplexity(const PlotContext& context, std::vector<PlotFile>& plots);
// Router recall (and top-gated share where gates are soft) vs N or N_r.
void PlotRouter(const PlotContext& context, std::vector<PlotFile>& plots);
// Test and training loss vs SGD steps per model.
void PlotLoss(const PlotContext& context, std::vector<PlotFile>& plots);
// N* vs each composite variable (analysis.composite_axes), every cell on
// one figure: the collapse plot.
void PlotCollapse(const PlotContext& context, std::vector<PlotFile>& plots);
// Test error of every seed vs SGD steps (online cells) or vs N (the
// others), one panel per cell, with the band over seeds and the target eps.
void PlotTestError(const PlotContext& context,
                   bool online,
                   std::vector<PlotFile>& plots);
// Online: the test loss of every seed against steps, one panel per cell,
// with the band over the seeds.
void PlotTestLoss(const PlotContext& context, std::vector<PlotFile>& plots);
// The saving N*_dense / N*_routed vs each composite variable, every grid
// point on one figure: the saving's collapse plot.
void PlotSavingCollapse(const PlotContext& context,
                        std::vector<PlotFile>& plots);
// File stem of a composite: ("nstar_vs_", "n/l") -> "nstar_vs_n_over_l".
std::string CompositeStem(const std::string& prefix, const std::string& axis);
// Top-k MoE generalisation gaps vs Zhao et al.'s bound term.
void PlotGap(const PlotContext& context, std::vector<PlotFile>& plots);

// N_r* vs n with Lemma 4.1's slope, from the router cells of a grid with an
// N_r axis.
void PlotRouterSamples(const PlotContext& context,
                       const std::vector<Cell>& router_cells,
                       std::vector<PlotFile>& plots);
// The fraction of runs with proper (jointly trained) routers vs steps.
void PlotRouterProperness(const PlotContext& context,
                          std::vector<PlotFile>& plots);
// Lemma G.1's coupling: activation signs changed since initialisation vs
// steps.
void PlotCoupling(const PlotContext& context, std::vector<PlotFile>& plots);

// Axes other than N with at least two values for some model.
std::vector<std::string> VaryingAxes(const PlotContext& context);

}  // namespace sim
