// Power-law fits N* = c * x1^a1 * x2^a2 ... by least squares on
// log N* = log c + a1 log x1 + ... (log space: relative error). Standard
// errors from the residual variance (s^2 (X'X)^-1); confidence intervals
// from refitting every bootstrap replicate of the cells (percentile 95%).
#pragma once

#include <string>
#include <vector>

#include "analysis/complexity.h"

namespace sim {

struct FitInput {
  std::vector<std::vector<double>>
      x;                  // x[i][a]: value of axis a in cell i (> 0)
  std::vector<double> y;  // y[i] > 0
  std::vector<std::vector<double>> y_boot;  // y_boot[i][b], NaN = drop
};

struct Fit {
  std::vector<std::string> axes;
  std::vector<double> slope, se, lo, hi;  // per axis
  double intercept = 0;
  double r2 = 0;
  int points = 0;
  int censored = 0;   // cells left out because their estimate is censored
  int boot_used = 0;  // bootstrap replicates with no censored cell
  bool ok = false;
  std::string note;  // why a fit could not be made
};

// Ordinary least squares on log y vs log x. `axes` names the columns.
Fit FitPowerLaw(const FitInput& input, const std::vector<std::string>& axes);

// Fits a quantity (N* or T*) of one model's cells against `axes`.
enum class Quantity { kNStar, kTStar };
Fit FitCells(const std::vector<Cell>& cells,
             const std::string& model,
             const std::vector<std::string>& axes,
             Quantity quantity);

// Fit of the saving N*_numerator / N*_denominator against `axes`, over the
// cells of the two models that share their coordinates on `axes`.
Fit FitSaving(const std::vector<Cell>& cells,
              const std::string& numerator,
              const std::string& denominator,
              const std::vector<std::string>& axes);

}  // namespace sim
