// The theory's exponents (pmoe-paper.md §4): the orders of the sufficient
// sample and iteration counts, with p, delta and eps held fixed.
//   CNN (Thm 4.3):            N_C ~ n^8,        T ~ n^4
//   separate pMoE (Thm 4.2):  N_S ~ l^8,        T ~ l^4      (no n; but the
//                             routers need N_r ~ n^2, Lemma 4.1, which
//                             bounds N at n^2 when they share the samples)
//   joint pMoE (Thm 4.5):     N_J ~ k^4 l^6,    T ~ k^2 l^2  (no n)
// These are upper-bound orders: a measured exponent may be smaller, and is
// checked not to exceed them beyond its confidence interval.
#pragma once

#include <optional>
#include <string>

namespace sim {

struct TheoryExponent {
  double samples = 0;
  double iterations = 0;
};

// `param` is "n", "l" or "k"; nullopt where the theory makes no statement.
// `own_router_samples`: the separate pMoE's routers train on their own N_r
// samples (training.router_data "independent"), not on the experts' N.
inline std::optional<TheoryExponent> TheoryExponentFor(
    const std::string& type,
    const std::string& param,
    bool own_router_samples = false) {
  // N ~ 1/eps^16, T ~ 1/eps^8 for all three (Thms 4.2, 4.3, 4.5).
  if (param == "1/eps" &&
      (type == "cnn" || type == "pmoe_separate" || type == "pmoe_joint"))
    return TheoryExponent{16, 8};
  if (type == "cnn" && param == "n") return TheoryExponent{8, 4};
  if (type == "pmoe_separate") {
    if (param == "l") return TheoryExponent{8, 4};
    // N_S has no n, but the routers need N_r = Omega~(n^2 / (1 - delta_d)^3)
    // samples (Lemma 4.1); when they train on the same samples (N_r = N, as
    // in the official code and our specs) the total grows at most as n^2.
    // Router iterations T_r do not depend on n. With their own samples the
    // experts' N_S has no n at all.
    if (param == "n") return TheoryExponent{own_router_samples ? 0.0 : 2.0, 0};
  }
  if (type == "pmoe_joint") {
    if (param == "k") return TheoryExponent{4, 2};
    if (param == "l") return TheoryExponent{6, 2};
    if (param == "n") return TheoryExponent{0, 0};
  }
  return std::nullopt;
}

// Maps a grid axis name to the theory's parameter ("n", "l", "k") or "".
std::string TheoryParam(const std::string& axis);

}  // namespace sim
