#include "analysis/fits/censored_regression.h"

#include <cmath>

namespace sim {

double UpperMillsRatio(double a) {
  // Beyond a = 25 the tail 1 - Phi(a) underflows; the asymptotic series
  // a + 1/a - 2/a^3 is exact to double precision there.
  if (a > 25) return a + 1 / a - 2 / (a * a * a);
  const double phi = std::exp(-0.5 * a * a) / std::sqrt(2 * M_PI);
  return phi / (0.5 * std::erfc(a / std::sqrt(2.0)));
}

CensoredFit FitCensored(const Eigen::MatrixXd& X,
                        const Eigen::VectorXd& y,
                        const std::vector<Censor>& censor) {
  const int n = static_cast<int>(y.size());
  const auto qr = X.colPivHouseholderQr();
  CensoredFit fit;
  // Start from least squares with every bound taken as a value.
  fit.beta = qr.solve(y);
  fit.sigma = std::max(std::sqrt((y - X * fit.beta).squaredNorm() / n), 1e-3);
  constexpr double kMinSigma = 1e-8;  // a perfect fit: stop shrinking
  Eigen::VectorXd mean(n), var(n);
  for (fit.iterations = 1; fit.iterations <= 20000; ++fit.iterations) {
    const Eigen::VectorXd mu = X * fit.beta;
    for (int i = 0; i < n; ++i) {
      const Censor c = censor.empty() ? Censor::kNone : censor[i];
      if (c == Censor::kNone) {
        mean[i] = y[i];
        var[i] = 0;
        continue;
      }
      // Truncated normal moments; a lower bound at a, or an upper bound at
      // a mirrored (-a) so both use the upper tail's ratio.
      const double a = (y[i] - mu[i]) / fit.sigma;
      const double s = c == Censor::kAbove ? 1.0 : -1.0;
      const double lambda = UpperMillsRatio(s * a);
      mean[i] = mu[i] + s * fit.sigma * lambda;
      var[i] = fit.sigma * fit.sigma *
               std::max(0.0, 1 + s * a * lambda - lambda * lambda);
    }
    const Eigen::VectorXd beta = qr.solve(mean);
    const double sigma =
        std::max(kMinSigma,
                 std::sqrt(((mean - X * beta).squaredNorm() + var.sum()) / n));
    const double change =
        (beta - fit.beta).cwiseAbs().maxCoeff() + std::abs(sigma - fit.sigma);
    fit.beta = beta;
    fit.sigma = sigma;
    if (change < 1e-10) {
      fit.converged = true;
      break;
    }
  }
  return fit;
}

}  // namespace sim
