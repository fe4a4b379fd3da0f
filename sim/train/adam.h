// Adam (Kingma & Ba 2015) as a small update-rule policy: one state per
// parameter block, the step exactly as PyTorch's torch.optim.Adam takes it
// (coupled L2 weight decay added to the gradient, bias-corrected moments,
// eps added to the corrected root), so that a baseline trained "as the
// code does" is trained the same way here.
#pragma once

#include <Eigen/Core>
#include <cmath>

namespace sim {

struct AdamConfig {
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  bool operator==(const AdamConfig&) const = default;
};

template <typename Block>
class AdamState {
 public:
  // p <- p - lr m_hat / (sqrt(v_hat) + eps), with g + weight_decay p as
  // the gradient (torch's order of operations).
  template <typename Param, typename Grad>
  void Step(Param&& p,
            const Grad& g,
            double lr,
            double weight_decay,
            const AdamConfig& o) {
    using Scalar = typename Block::Scalar;
    if (m_.size() == 0) {
      m_ = Block::Zero(p.rows(), p.cols());
      v_ = Block::Zero(p.rows(), p.cols());
    }
    ++t_;
    const Block grad =
        weight_decay > 0 ? Block(g + Scalar(weight_decay) * p) : Block(g);
    m_ = Scalar(o.beta1) * m_ + Scalar(1 - o.beta1) * grad;
    v_ = Scalar(o.beta2) * v_ + Scalar(1 - o.beta2) * grad.cwiseProduct(grad);
    const double correction1 = 1 - std::pow(o.beta1, double(t_));
    const double correction2 = std::sqrt(1 - std::pow(o.beta2, double(t_)));
    const Scalar step = Scalar(lr / correction1);
    p -= step *
         m_.cwiseQuotient(
             ((v_.cwiseSqrt() / Scalar(correction2)).array() + Scalar(o.eps))
                 .matrix());
  }
  long steps() const { return t_; }

 private:
  Block m_, v_;
  long t_ = 0;
};

}  // namespace sim
