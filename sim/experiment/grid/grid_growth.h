// Growing a results folder. A folder is keyed by what determines its runs,
// not by the spec's bytes: "name", "description", "analysis" and "expect"
// may change freely, and a grid may gain repeats or axis values. Run ids
// stay stable as a grid grows: the resolved spec keeps the grids it grew
// from ("grid_history", oldest first), and ids go first to the runs of the
// oldest grid in its expansion order, then to each later grid's new runs.
// So every recorded run keeps its id, model, coordinates, repeat and seeds
// (seeds derive from model, coordinates and repeat, never from positions),
// and its record stays byte-identical.
#pragma once

#include <string>

#include "sim/experiment/grid/grid_spec.h"

namespace sim {

// The resolved spec without the keys that never change what runs.
Json RunDefiningPart(const Json& resolved_spec);

// Renumbers `grid.runs` by the spec's "grid_history" (see above) and sorts
// them by run id. Throws SpecError naming grid_history[i] for a bad entry.
void NumberRunsByHistory(GridSpec& grid, const Json& spec);

// `grid` as it runs in `directory`: when the folder's spec.json differs from
// it only by a grown grid (or by keys that do not change what runs), the
// stored grids are kept as history so recorded runs keep their ids. Returns
// `grid` unchanged otherwise (ResultsStore then refuses or, with --force,
// discards the folder).
GridSpec GrowFromFolder(const std::string& directory,
                        const GridSpec& grid,
                        const GridLimits& limits);

// Why the runs recorded under `stored` (a folder's resolved spec) are not
// runs of `grid` with the same ids: names the changed key or the first run
// the grid drops. Empty when `grid` keeps every stored run.
std::string GrowthRefusal(const Json& stored, const GridSpec& grid);

}  // namespace sim
