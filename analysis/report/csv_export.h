// Tidy CSV tables of a results folder, for pandas, R or a spreadsheet:
//   runs.csv    one row per run: identity, coordinates, parameters, seeds,
//               status, final metrics, first-hit steps, and every other
//               scalar field of the record (eta, protocol, stop, router...)
//   curves.csv  one row per (run, evaluation step, metric): long format
//   cells.csv   one row per (cell, target): N*, T*, intervals, censoring
//   fits.csv    one row per fit of analysis.json (fits_csv.h)
// Missing or unmeasured values are empty cells (NA in R, NaN in pandas);
// infinities are written "Inf".
#pragma once

#include <string>
#include <vector>

#include "analysis/estimate/complexity.h"
#include "sim/experiment/spec/json_reader.h"

namespace sim {

// A CSV field: quoted if it holds a comma, quote or line break.
std::string CsvField(const std::string& text);
// A number as CSV text: shortest round-trip form; "" for NaN, "Inf"/"-Inf".
std::string CsvNumber(double x);
// A grid coordinate, the same text in runs.csv and cells.csv: a whole number
// as an integer ("6"), any other as CsvNumber ("0.5").
std::string CoordinateCsv(double x);

std::string RunsCsv(const std::vector<Json>& records);
std::string CurvesCsv(const std::vector<Json>& records);
// `cells_by_target[t]` are the cells summarised at targets[t].
std::string CellsCsv(const std::vector<double>& targets,
                     const std::vector<std::vector<Cell>>& cells_by_target,
                     double success);

}  // namespace sim
