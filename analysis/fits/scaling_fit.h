// Power-law fits N* = c * x1^a1 * x2^a2 ... on
// log N* = log c + a1 log x1 + ... (log space: relative error).
//
// Cells whose estimate is censored (N* beyond the grid, or already reached
// at its smallest N) enter as interval observations: the fit is the
// censored-normal (Tobit) maximum-likelihood fit in log space
// (censored_regression.h), which reduces to ordinary least squares when no
// cell is censored. It needs one more uncensored cell than coefficients;
// with fewer, censored cells are left out (counted) and the uncensored ones
// fitted alone. Standard errors (least squares only) from the residual
// variance s^2 (X'X)^-1; confidence intervals by refitting every bootstrap
// replicate of the cells (percentile 95%), censored replicates included the
// same way. A replicate is dropped only when it cannot be fitted (a value
// unknown, or too few uncensored cells), and the dropped fraction is
// reported: above kMaxDroppedFraction the interval is not trusted.
#pragma once

#include <string>
#include <vector>

#include "analysis/estimate/complexity.h"

namespace sim {

// Above this fraction of dropped bootstrap replicates a fit's interval is
// biased (the dropped ones are the extreme ones) and verdicts are refused.
constexpr double kMaxDroppedFraction = 0.2;

struct FitInput {
  std::vector<std::vector<double>>
      x;                       // x[i][a]: value of axis a in cell i (> 0)
  std::vector<double> y;       // y[i] > 0: the value, or the bound
  std::vector<Censor> censor;  // per cell; empty: none censored
  std::vector<std::vector<double>> y_boot;       // y_boot[i][b], NaN = unknown
  std::vector<std::vector<Censor>> censor_boot;  // [i][b]; empty: none
};

struct Fit {
  std::vector<std::string> axes;
  std::vector<double> slope, se, lo, hi;  // per axis
  double intercept = 0;                   // log c
  double sigma = 0;                       // residual sd in log space
  double r2 = 0;                          // over the uncensored cells
  std::string method = "least squares";   // or "censored (Tobit)"
  int points = 0;      // cells in the fit (uncensored and censored)
  int uncensored = 0;  // of which uncensored
  int censored = 0;    // censored cells (entered as intervals or left out)
  int left_out = 0;    // censored cells left out of the fit
  int boot_used = 0;   // bootstrap replicates fitted
  int boot_dropped = 0;
  // Coefficients (log c, then the slopes) of every fitted replicate, so
  // that a plot's band comes from the same estimator as its line.
  std::vector<std::vector<double>> boot_coefficients;
  bool ok = false;
  std::string note;  // why a fit could not be made
  double DroppedFraction() const {
    const int total = boot_used + boot_dropped;
    return total ? double(boot_dropped) / total : 0;
  }
  int Coefficients() const { return static_cast<int>(axes.size()) + 1; }
};

// Value of axis `name` in a cell: its grid coordinate, else its parameter;
// a composite such as "n/l" (composite_axis.h) from its factors, false
// where one is missing or not positive.
bool CellAxisValue(const Cell& cell, const std::string& name, double& value);

// The fit of log y on log x. `axes` names the columns.
Fit FitPowerLaw(const FitInput& input, const std::vector<std::string>& axes);

// Fits a quantity (N*, T*, T', the cost or N_r*) of one model's cells
// against `axes`. A T* not reached has no finite bound and is left out.
Fit FitCells(const std::vector<Cell>& cells,
             const std::string& model,
             const std::vector<std::string>& axes,
             Quantity quantity);

// Fit of the saving N*_numerator / N*_denominator against `axes`, over the
// cells of the two models that share their coordinates on `axes` (on a
// composite's factors). A ratio
// with one censored side is censored in the direction that side bounds it;
// with both sides censored it is unknown.
Fit FitSaving(const std::vector<Cell>& cells,
              const std::string& numerator,
              const std::string& denominator,
              const std::vector<std::string>& axes);

// Censoring of a / b from the censoring of a and b; sets `known` false
// where it cannot be bounded.
Censor RatioCensor(Censor a, Censor b, bool& known);

}  // namespace sim
