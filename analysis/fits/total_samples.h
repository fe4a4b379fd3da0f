// Every sample an algorithm draws. Algorithm 1 (the separate pMoE) trains
// its routers on N_r samples before the experts' N; when the routers have
// samples of their own (training.router_data "independent") the experts'
// N* leaves them out, so the samples the algorithm needs are N* + N_r.
// (When the routers take the first N_r of the experts' N, N* already
// counts them, as far as N_r <= N.) The validation samples that chose the
// learning rate are counted in neither and reported beside both.
#pragma once

#include <string>
#include <vector>

#include "analysis/estimate/complexity.h"

namespace sim {

// The quantity's name in fits and analysis.json.
inline constexpr const char* kTotalSamplesQuantity = "N*+N_r";

// N_r of a cell of a model whose routers have samples of their own: its
// N_r coordinate if the grid has one, else the spec's; NaN otherwise.
double RouterSamplesOf(const Cell& cell, const ResultsSet& results);

// The cells with N* replaced by N* + N_r (value, interval, bound,
// replicates and the N grid shifted alike) for the models whose routers
// have samples of their own; other cells unchanged.
std::vector<Cell> WithRouterSamples(const std::vector<Cell>& cells,
                                    const ResultsSet& results);

// Whether `model` has router samples of its own, of a known count.
bool CountsRouterSamples(const std::vector<Cell>& cells,
                         const ResultsSet& results,
                         const std::string& model);

}  // namespace sim
