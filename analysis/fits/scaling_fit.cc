#include "analysis/fits/scaling_fit.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "analysis/fits/censored_regression.h"
#include "analysis/fits/saving_points.h"
#include "analysis/records/composite_axis.h"

namespace sim {

// Value of axis `name` in a cell: its grid coordinate, else its parameter;
// a composite (composite_axis.h) from its factors.
bool CellAxisValue(const Cell& cell, const std::string& name, double& value) {
  return AxisValueOf(cell, name, value);
}

namespace {

// The cell's axis values, or false if one is missing or not positive.
bool AxisValues(const Cell& cell,
                const std::vector<std::string>& axes,
                std::vector<double>& x) {
  x.clear();
  for (const std::string& axis : axes) {
    double v = 0;
    if (!CellAxisValue(cell, axis, v) || v <= 0) return false;
    x.push_back(v);
  }
  return true;
}

// Replicate b of a cell's N*: its value (an above-censored replicate
// carries the grid's largest N as its bound; NaN where unknown) and its
// censoring. Under the online protocol a replicate that never reached eps
// has no bound: unknown (NaN).
double BootValue(const Cell& cell, size_t b, Censor& censor) {
  censor = Censor::kNone;
  if (b >= cell.n_star_boot.size()) return std::nan("");
  if (b < cell.n_star_boot_censor.size()) {
    censor = cell.n_star_boot_censor[b];
    if (censor == Censor::kAbove && !cell.online) return cell.points.back().N;
  }
  return cell.n_star_boot[b];
}

// Coefficients of one data set (log y, censoring); false if it cannot be
// fitted: with a censored row it needs cols + 1 uncensored rows.
bool FitOnce(const Eigen::MatrixXd& X,
             const Eigen::VectorXd& log_y,
             const std::vector<Censor>& censor,
             Eigen::VectorXd& beta,
             double& sigma) {
  const int p = static_cast<int>(X.cols());
  const int uncensored =
      static_cast<int>(std::count(censor.begin(), censor.end(), Censor::kNone));
  if (uncensored == static_cast<int>(censor.size())) {
    beta = X.colPivHouseholderQr().solve(log_y);
    sigma = std::sqrt((log_y - X * beta).squaredNorm() /
                      std::max<double>(1, X.rows() - p));
    return true;
  }
  if (uncensored < p + 1) return false;
  const CensoredFit fit = FitCensored(X, log_y, censor);
  beta = fit.beta;
  sigma = fit.sigma;
  return fit.converged;
}

// The point fit's least-squares statistics (r2 over uncensored rows; se
// only without censored rows, where the residual variance has its usual
// meaning).
void FillStatistics(const Eigen::MatrixXd& X,
                    const Eigen::VectorXd& y,
                    const std::vector<Censor>& censor,
                    const Eigen::VectorXd& beta,
                    Fit& fit) {
  const int n = static_cast<int>(y.size()), p = static_cast<int>(X.cols());
  double rss = 0, sum = 0, sum_sq = 0;
  int m = 0;
  for (int i = 0; i < n; ++i) {
    if (censor[i] != Censor::kNone) continue;
    const double r = y[i] - X.row(i).dot(beta);
    rss += r * r;
    sum += y[i];
    sum_sq += y[i] * y[i];
    ++m;
  }
  const double tss = sum_sq - sum * sum / m;
  fit.r2 = tss > 1e-300 ? 1 - rss / tss : 1;
  const bool censored_rows = m < n;
  const Eigen::MatrixXd cov =
      (X.transpose() * X).inverse() *
      (n > p && !censored_rows ? rss / (n - p) : std::nan(""));
  fit.intercept = beta[0];
  for (int a = 1; a < p; ++a) {
    fit.slope.push_back(beta[a]);
    fit.se.push_back(std::sqrt(cov(a, a)));
  }
}

// Bootstrap: refits each replicate of the cells in `rows` (design X), its
// censored cells as intervals; fills fit.lo, fit.hi and the counts.
void BootstrapSlopes(const FitInput& input,
                     const std::vector<size_t>& rows,
                     const Eigen::MatrixXd& X,
                     Fit& fit) {
  const int n = static_cast<int>(rows.size());
  const int p = static_cast<int>(X.cols());
  std::vector<std::vector<double>> slopes(p - 1);
  size_t replicates = 0;
  for (const size_t i : rows)
    if (i < input.y_boot.size())
      replicates = std::max(replicates, input.y_boot[i].size());
  for (size_t b = 0; b < replicates; ++b) {
    Eigen::VectorXd yb(n);
    std::vector<Censor> cb(n);
    bool known = true;
    for (int r = 0; r < n && known; ++r) {
      const std::vector<double>& boot = input.y_boot[rows[r]];
      const double v = b < boot.size() ? boot[b] : std::nan("");
      known = v > 0 && std::isfinite(v);
      if (known) yb[r] = std::log(v);
      const std::vector<Censor>& cens = input.censor_boot.empty()
                                            ? std::vector<Censor>()
                                            : input.censor_boot[rows[r]];
      cb[r] = b < cens.size() ? cens[b] : Censor::kNone;
    }
    Eigen::VectorXd bb;
    double sigma = 0;
    if (!known || !FitOnce(X, yb, cb, bb, sigma)) {
      ++fit.boot_dropped;
      continue;
    }
    for (int a = 1; a < p; ++a) slopes[a - 1].push_back(bb[a]);
    fit.boot_coefficients.emplace_back(bb.data(), bb.data() + p);
    ++fit.boot_used;
  }
  for (int a = 0; a + 1 < p; ++a) {
    fit.lo.push_back(Percentile(slopes[a], 0.025));
    fit.hi.push_back(Percentile(slopes[a], 0.975));
  }
}

}  // namespace

Fit FitPowerLaw(const FitInput& input, const std::vector<std::string>& axes) {
  Fit fit;
  fit.axes = axes;
  const int p = fit.Coefficients();
  auto censor_of = [&](size_t i) {
    return input.censor.empty() ? Censor::kNone : input.censor[i];
  };
  for (size_t i = 0; i < input.y.size(); ++i) {
    fit.censored += censor_of(i) != Censor::kNone;
  }
  fit.uncensored = static_cast<int>(input.y.size()) - fit.censored;
  // Censored cells enter only where the uncensored ones determine the fit.
  const bool with_censored = fit.censored > 0 && fit.uncensored >= p + 1;
  std::vector<size_t> rows;
  for (size_t i = 0; i < input.y.size(); ++i) {
    if (censor_of(i) == Censor::kNone || with_censored) rows.push_back(i);
  }
  fit.left_out = with_censored ? 0 : fit.censored;
  const int n = static_cast<int>(rows.size());
  fit.points = n;
  if (fit.uncensored < p) {
    fit.note = "too few uncensored cells (" + std::to_string(fit.uncensored) +
               ") for " + std::to_string(p) + " coefficients";
    return fit;
  }
  Eigen::MatrixXd X(n, p);
  Eigen::VectorXd y(n);
  std::vector<Censor> censor(n);
  for (int r = 0; r < n; ++r) {
    X(r, 0) = 1;
    for (int a = 0; a + 1 < p; ++a) X(r, a + 1) = std::log(input.x[rows[r]][a]);
    y[r] = std::log(input.y[rows[r]]);
    censor[r] = censor_of(rows[r]);
  }
  if (X.colPivHouseholderQr().rank() < p) {
    fit.note = "axes do not vary independently (design matrix rank " +
               std::to_string(X.colPivHouseholderQr().rank()) + ")";
    return fit;
  }
  Eigen::VectorXd beta;
  if (!FitOnce(X, y, censor, beta, fit.sigma)) {
    fit.note = "the censored fit did not converge";
    return fit;
  }
  if (with_censored) fit.method = "censored (Tobit)";
  FillStatistics(X, y, censor, beta, fit);
  BootstrapSlopes(input, rows, X, fit);
  fit.ok = true;
  return fit;
}

Fit FitCells(const std::vector<Cell>& cells,
             const std::string& model,
             const std::vector<std::string>& axes,
             Quantity quantity) {
  FitInput input;
  int unbounded = 0;  // censored with no finite bound: left out
  for (const Cell& cell : cells) {
    if (cell.model != model) continue;
    // N* (and N_r*, which router cells carry as N*) reads its replicates
    // through BootValue; the others as they are.
    const bool samples =
        quantity == Quantity::kNStar || quantity == Quantity::kRouterNStar;
    const Estimate& e = CellEstimate(cell, quantity);
    if (!(e.value > 0) || std::isinf(e.value)) {
      // A T* not reached, or reached at step 0: no power law to fit.
      unbounded += e.censor != Censor::kNone || std::isinf(e.value);
      continue;
    }
    std::vector<double> x;
    if (!AxisValues(cell, axes, x)) continue;
    input.x.push_back(x);
    input.y.push_back(e.value);
    input.censor.push_back(e.censor);
    if (!samples) {
      input.y_boot.push_back(CellBoot(cell, quantity));
      input.censor_boot.push_back(CellBootCensor(cell, quantity));
      continue;
    }
    std::vector<double> boot(cell.n_star_boot.size());
    std::vector<Censor> censor(boot.size());
    for (size_t b = 0; b < boot.size(); ++b)
      boot[b] = BootValue(cell, b, censor[b]);
    input.y_boot.push_back(boot);
    input.censor_boot.push_back(censor);
  }
  Fit fit = FitPowerLaw(input, axes);
  fit.censored += unbounded;
  fit.left_out += unbounded;
  return fit;
}

Censor RatioCensor(Censor a, Censor b, bool& known) {
  known = true;
  if (a == Censor::kNone && b == Censor::kNone) return Censor::kNone;
  // a / b grows with a and shrinks with b.
  const bool up = a == Censor::kAbove || b == Censor::kBelow;
  const bool down = a == Censor::kBelow || b == Censor::kAbove;
  if (up && down) {
    known = false;
    return Censor::kNone;
  }
  return up ? Censor::kAbove : Censor::kBelow;
}

Fit FitSaving(const std::vector<Cell>& cells,
              const std::string& numerator,
              const std::string& denominator,
              const std::vector<std::string>& axes) {
  FitInput input;
  int unknown = 0;
  for (const Cell& num : cells) {
    if (num.model != numerator) continue;
    for (const Cell& den : cells) {
      if (den.model != denominator) continue;
      // The same point of the grid: equal on every coordinate both cells
      // carry (a CNN has no l, so its cell at n pairs with the pMoE's at
      // (n, l) for every l); the axes' values are read from both.
      std::vector<double> x;
      if (!SamePoint(num, den) || !AxisValues(Joined(num, den), axes, x))
        continue;
      bool known = true;
      const Censor c = RatioCensor(num.n_star.censor, den.n_star.censor, known);
      if (!known) {
        ++unknown;
        continue;
      }
      input.x.push_back(x);
      input.y.push_back(num.n_star.value / den.n_star.value);
      input.censor.push_back(c);
      std::vector<double> boot;
      std::vector<Censor> boot_censor;
      const size_t replicates =
          std::min(num.n_star_boot.size(), den.n_star_boot.size());
      for (size_t b = 0; b < replicates; ++b) {
        Censor cn = Censor::kNone, cd = Censor::kNone;
        const double vn = BootValue(num, b, cn), vd = BootValue(den, b, cd);
        bool k = true;
        boot_censor.push_back(RatioCensor(cn, cd, k));
        boot.push_back(k ? vn / vd : std::nan(""));
      }
      input.y_boot.push_back(boot);
      input.censor_boot.push_back(boot_censor);
    }
  }
  Fit fit = FitPowerLaw(input, axes);
  fit.censored += unknown;
  fit.left_out += unknown;
  return fit;
}

}  // namespace sim
