// The generalisation bound of Zhao, Wang, Wang 2024 for sparse MoE
// (other-seeds.md §3.2): with probability >= 1 - delta,
//   gen(m; T, k) <= 4 C R_m(H)
//                   + 2 sqrt([2 k d_N (1 + ln(T/k)) + d_N ln(2m) + ln(4/delta)]
//                   / (2m)),
// m samples, T experts, k active, d_N the router's Natarajan dimension and
// R_m(H) the Rademacher complexity of one expert. We evaluate the second
// (router) term, the one that carries the dependence on T and k, with the
// surrogate d_N = T * d (the linear router's parameter count, §3.3); the
// expert term does not depend on T or k and is left out.
#pragma once

#include <cmath>

namespace sim {

inline double ZhaoRouterTerm(
    double m, double T, double k, double d_N, double delta = 0.05) {
  const double inner = 2 * k * d_N * (1 + std::log(T / k)) +
                       d_N * std::log(2 * m) + std::log(4 / delta);
  return 2 * std::sqrt(inner / (2 * m));
}

}  // namespace sim
