// Which of the theorems' exponents a fitted row is compared with, under the
// grid's own conditions. The theorems bound the samples N = B T with the
// batch B growing as they require (CNN: B ~ n^4 and T ~ n^4, so N ~ n^8).
// Under the online protocol N* = B T*: with B held fixed, N* grows exactly
// as T* does, so its row is compared with T's exponent, not N's; with B
// growing along the axis as B ~ x^b (an axis, or zipped with one), with T's
// exponent plus b. Under the budget and converged protocols N is the
// training set's size, compared with N's exponent; T* always with T's.
#pragma once

#include <cmath>
#include <optional>
#include <string>

#include "analysis/estimate/complexity.h"
#include "analysis/fits/scaling_fit.h"

namespace sim {

struct TheoryComparison {
  double exponent = std::nan("");  // NaN: the theory states none
  // "N", "T", "B*T (B fixed)" or "B*T (B ~ n^2)": what the exponent is.
  std::string basis;
};

// The exponent B grows with along `axis` among `model`'s runs (least
// squares in logs); 0 when B is fixed, nullopt when B varies but not as a
// function of the axis.
std::optional<double> BatchExponent(const ResultsSet& results,
                                    const std::string& model,
                                    const std::string& axis);

// The comparison for `quantity` of `model` in `axis` ("1/eps" included).
TheoryComparison TheoryFor(const ResultsSet& results,
                           const std::string& model,
                           const std::string& axis,
                           Quantity quantity);

// The comparison for N* + N_r (total_samples.h): the larger of N*'s
// exponent and that of Lemma 4.1's router samples N_r ~ n^2 / (1 -
// delta_d)^3 (2 in n, 0 in l, k and p).
TheoryComparison TheoryForTotal(const ResultsSet& results,
                                const std::string& model,
                                const std::string& axis);

}  // namespace sim
