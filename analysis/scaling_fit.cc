#include "analysis/scaling_fit.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

namespace sim {
namespace {

// Value of axis `name` in a cell: its grid coordinate, else its parameter.
bool AxisValue(const Cell& cell, const std::string& name, double& value) {
  auto c = cell.coords.find(name);
  if (c != cell.coords.end()) {
    value = c->second;
    return true;
  }
  auto p = cell.params.find(name);
  if (p != cell.params.end()) {
    value = p->second;
    return true;
  }
  return false;
}

Eigen::VectorXd Solve(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
  return X.colPivHouseholderQr().solve(y);
}

}  // namespace

Fit FitPowerLaw(const FitInput& input, const std::vector<std::string>& axes) {
  Fit fit;
  fit.axes = axes;
  const int n = static_cast<int>(input.y.size());
  const int p = static_cast<int>(axes.size()) + 1;
  fit.points = n;
  if (n < p) {
    fit.note = "too few uncensored cells (" + std::to_string(n) + ") for " +
               std::to_string(p) + " coefficients";
    return fit;
  }
  Eigen::MatrixXd X(n, p);
  Eigen::VectorXd y(n);
  for (int i = 0; i < n; ++i) {
    X(i, 0) = 1;
    for (int a = 0; a + 1 < p; ++a) X(i, a + 1) = std::log(input.x[i][a]);
    y[i] = std::log(input.y[i]);
  }
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(X);
  if (qr.rank() < p) {
    fit.note = "axes do not vary independently (design matrix rank " +
               std::to_string(qr.rank()) + ")";
    return fit;
  }
  const Eigen::VectorXd beta = qr.solve(y);
  const Eigen::VectorXd residual = y - X * beta;
  const double rss = residual.squaredNorm();
  const double tss = (y.array() - y.mean()).square().sum();
  fit.r2 = tss > 0 ? 1 - rss / tss : 1;
  const Eigen::MatrixXd cov =
      (X.transpose() * X).inverse() * (n > p ? rss / (n - p) : std::nan(""));
  fit.intercept = beta[0];
  for (int a = 1; a < p; ++a) {
    fit.slope.push_back(beta[a]);
    fit.se.push_back(std::sqrt(cov(a, a)));
  }
  // Bootstrap: refit each replicate in which every cell is uncensored.
  std::vector<std::vector<double>> slopes(p - 1);
  const size_t replicates = input.y_boot.empty() ? 0 : input.y_boot[0].size();
  for (size_t b = 0; b < replicates; ++b) {
    Eigen::VectorXd yb(n);
    bool usable = true;
    for (int i = 0; i < n && usable; ++i) {
      const double v = input.y_boot[i][b];
      usable = v > 0 && std::isfinite(v);
      if (usable) yb[i] = std::log(v);
    }
    if (!usable) continue;
    const Eigen::VectorXd bb = Solve(X, yb);
    for (int a = 1; a < p; ++a) slopes[a - 1].push_back(bb[a]);
    ++fit.boot_used;
  }
  for (int a = 0; a + 1 < p; ++a) {
    fit.lo.push_back(Percentile(slopes[a], 0.025));
    fit.hi.push_back(Percentile(slopes[a], 0.975));
  }
  fit.ok = true;
  return fit;
}

Fit FitCells(const std::vector<Cell>& cells,
             const std::string& model,
             const std::vector<std::string>& axes,
             Quantity quantity) {
  FitInput input;
  int censored = 0;
  for (const Cell& cell : cells) {
    if (cell.model != model) continue;
    const Estimate& e =
        quantity == Quantity::kNStar ? cell.n_star : cell.t_star;
    if (!e.usable()) {
      ++censored;
      continue;
    }
    if (!(e.value > 0)) continue;  // reached at step 0: no power law
    std::vector<double> x;
    for (const std::string& axis : axes) {
      double v = 0;
      if (!AxisValue(cell, axis, v) || v <= 0) break;
      x.push_back(v);
    }
    if (x.size() != axes.size()) continue;
    input.x.push_back(x);
    input.y.push_back(e.value);
    input.y_boot.push_back(quantity == Quantity::kNStar ? cell.n_star_boot
                                                        : cell.t_star_boot);
  }
  Fit fit = FitPowerLaw(input, axes);
  fit.censored = censored;
  return fit;
}

Fit FitSaving(const std::vector<Cell>& cells,
              const std::string& numerator,
              const std::string& denominator,
              const std::vector<std::string>& axes) {
  FitInput input;
  int censored = 0;
  for (const Cell& num : cells) {
    if (num.model != numerator) continue;
    for (const Cell& den : cells) {
      if (den.model != denominator) continue;
      std::vector<double> x;
      bool match = true;
      for (const std::string& axis : axes) {
        double a = 0, b = 0;
        match = AxisValue(num, axis, a) && AxisValue(den, axis, b) && a == b &&
                a > 0;
        if (!match) break;
        x.push_back(a);
      }
      if (!match) continue;
      if (!num.n_star.usable() || !den.n_star.usable()) {
        ++censored;
        continue;
      }
      input.x.push_back(x);
      input.y.push_back(num.n_star.value / den.n_star.value);
      std::vector<double> boot;
      for (size_t b = 0;
           b < num.n_star_boot.size() && b < den.n_star_boot.size(); ++b) {
        boot.push_back(num.n_star_boot[b] / den.n_star_boot[b]);
      }
      input.y_boot.push_back(boot);
    }
  }
  Fit fit = FitPowerLaw(input, axes);
  fit.censored = censored;
  return fit;
}

}  // namespace sim
