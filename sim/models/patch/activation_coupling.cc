#include "sim/models/patch/activation_coupling.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sim {
namespace {

// The top-l patch indices of one sample under one router's scores, as
// PatchModel routes: largest first, ties to the lower index.
template <typename Scalar>
void TopPatches(const RowMatrix<Scalar>& scores,
                int first_row,
                int n,
                int expert,
                int l,
                std::vector<int>& out) {
  out.resize(n);
  std::iota(out.begin(), out.end(), 0);
  std::partial_sort(out.begin(), out.begin() + l, out.end(), [&](int a, int b) {
    const Scalar ga = scores(first_row + a, expert);
    const Scalar gb = scores(first_row + b, expert);
    return ga > gb || (ga == gb && a < b);
  });
  out.resize(l);
}

}  // namespace

template <typename Scalar>
ActivationCoupling<Scalar>::ActivationCoupling(const PatchModel<Scalar>& model,
                                               const Dataset<Scalar>& data)
    : samples_(std::min(kProbeSamples, data.num_samples)),
      n_(data.num_patches),
      probe_(data.patches.topRows(Eigen::Index(samples_) * n_)) {
  const RowMatrix<Scalar> pre = probe_ * model.hidden().transpose();
  on_.resize(size_t(pre.size()));
  for (Eigen::Index i = 0; i < pre.size(); ++i)
    on_[size_t(i)] = pre.data()[i] >= Scalar(0);
}

template <typename Scalar>
double ActivationCoupling<Scalar>::ChangedFraction(
    const PatchModel<Scalar>& model) const {
  if (samples_ == 0) return std::nan("");
  const RowMatrix<Scalar> pre = probe_ * model.hidden().transpose();
  const int m = int(pre.cols());
  if (!model.routed()) {
    long changed = 0;
    for (Eigen::Index i = 0; i < pre.size(); ++i)
      changed += (pre.data()[i] >= Scalar(0)) != bool(on_[size_t(i)]);
    return double(changed) / double(pre.size());
  }
  const int k = model.num_experts(), l = model.top_l(), per = m / k;
  const RowMatrix<Scalar> scores = probe_ * model.router().transpose();
  std::vector<int> top;
  long changed = 0, pairs = 0;
  for (int b = 0; b < samples_; ++b) {
    for (int s = 0; s < k; ++s) {
      TopPatches(scores, b * n_, n_, s, l, top);
      for (int j : top) {
        const Eigen::Index row = Eigen::Index(b) * n_ + j;
        for (int r = s * per; r < (s + 1) * per; ++r) {
          changed += (pre(row, r) >= Scalar(0)) != bool(on_[row * m + r]);
          ++pairs;
        }
      }
    }
  }
  return pairs ? double(changed) / double(pairs) : std::nan("");
}

template class ActivationCoupling<float>;
template class ActivationCoupling<double>;

}  // namespace sim
