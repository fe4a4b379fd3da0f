// The theory's exponents (pmoe-paper.md §4): the orders of the sufficient
// sample and iteration counts, with p, delta and eps held fixed, as each
// model type states them (ModelTraits::theory in its folder):
//   CNN (Thm 4.3):            N_C ~ n^8,        T ~ n^4
//   separate pMoE (Thm 4.2):  N_S ~ l^8,        T ~ l^4      (no n; but the
//                             routers need N_r ~ n^2, Lemma 4.1, which
//                             bounds N at n^2 when they share the samples)
//   joint pMoE (Thm 4.5):     N_J ~ k^4 l^6,    T ~ k^2 l^2  (no n)
//   all three, in the patterns and their separation (eq. 9):
//                             N ~ p^12 delta^6 / eps^16,
//                             T ~ p^6 delta^3 / eps^8
// These are upper-bound orders: a measured exponent may be smaller, and is
// checked not to exceed them beyond its confidence interval.
#pragma once

#include <optional>
#include <string>

#include "sim/experiment/spec/model_registry.h"

namespace sim {

// `param` is "n", "l", "k" or "1/eps"; nullopt where the theory makes no
// statement (or the type is not registered). `own_router_samples`: the
// separate pMoE's routers train on their own N_r samples
// (training.router_data "independent"), not on the experts' N.
inline std::optional<TheoryExponent> TheoryExponentFor(
    const std::string& type,
    const std::string& param,
    bool own_router_samples = false) {
  const ModelEntry* entry = FindModelEntry(type);
  if (entry == nullptr || entry->traits.theory == nullptr) return std::nullopt;
  return entry->traits.theory(param, own_router_samples);
}

// The traits of a recorded model type (defaults for an unknown type).
inline ModelTraits TraitsOf(const std::string& type) {
  const ModelEntry* entry = FindModelEntry(type);
  return entry ? entry->traits : ModelTraits{};
}

// Maps a grid axis name to the theory's parameter ("n", "l", "k", "p",
// "delta") or "".
std::string TheoryParam(const std::string& axis);

}  // namespace sim
