// Lemma G.1's coupling, measured: the fraction of neuron-patch activation
// signs 1[<w_{r,s}, x^(j)> >= 0] on a fixed probe set that differ from those
// at initialisation. The lemma bounds it by 1 - 2 e tau l / sigma (n in
// place of l for the CNN); the proofs need it small so that the network
// stays close to its linearisation around the initial weights.
//
// Each expert's neurons are paired with the patches it receives now (its
// current top-l by the router, ties to the lower index, as PatchModel
// routes); the CNN's with all n patches. ReLU'(0) = 1: a zero counts as on.
#pragma once

#include <vector>

#include "sim/data/dataset.h"
#include "sim/models/patch/patch_model.h"

namespace sim {

template <typename Scalar>
class ActivationCoupling {
 public:
  // How many samples (the first of the set) the probe holds at most.
  static constexpr int kProbeSamples = 64;

  ActivationCoupling() = default;
  // The probe is the first min(kProbeSamples, N) samples of `data`; the
  // reference signs are those of `model`'s weights now.
  ActivationCoupling(const PatchModel<Scalar>& model,
                     const Dataset<Scalar>& data);

  // Fraction of (sample, patch, neuron) pairs of the probe whose sign under
  // `model` differs from the reference; NaN without a probe.
  double ChangedFraction(const PatchModel<Scalar>& model) const;

 private:
  int samples_ = 0, n_ = 0;
  RowMatrix<Scalar> probe_;        // (P*n, d)
  std::vector<unsigned char> on_;  // (P*n, m) reference signs, row-major
};

}  // namespace sim
