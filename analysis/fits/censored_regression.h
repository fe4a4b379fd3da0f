// Censored (Tobit) linear regression: y_i = x_i b + sigma e_i with e_i
// standard normal, where a censored y_i is known only to lie above
// (Censor::kAbove) or at or below (Censor::kBelow) its recorded value. The
// maximum-likelihood b and sigma are found by expectation-maximisation
// (Amemiya 1984, "Tobit models: a survey"): each censored y_i is replaced by
// its conditional mean under the current fit, plus its conditional variance
// in the update of sigma. Used for scaling fits in which a cell's N* lies
// beyond the grid: the cell still constrains the exponent instead of being
// dropped, which would bias the fit (and its bootstrap) towards the
// uncensored, smaller values.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "analysis/estimate/complexity.h"

namespace sim {

struct CensoredFit {
  Eigen::VectorXd beta;
  double sigma = 0;
  int iterations = 0;
  bool converged = false;
};

// `censor` is parallel to `y` (empty: none censored). The caller ensures
// that the uncensored rows alone determine b (at least cols + 1 of them), or
// the likelihood is unbounded.
CensoredFit FitCensored(const Eigen::MatrixXd& X,
                        const Eigen::VectorXd& y,
                        const std::vector<Censor>& censor);

// Inverse Mills ratio phi(a) / (1 - Phi(a)), stable far in the tail.
double UpperMillsRatio(double a);

}  // namespace sim
