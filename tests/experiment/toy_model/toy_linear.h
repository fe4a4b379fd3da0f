// A toy model type, to show (and test) that a new model is one folder and
// one registry line: a linear classifier on the mean patch,
// f(x) = <w, (1/n) sum_j x^(j)>, trained by the one SGD loop on the
// logistic loss (LearnerBase). Nothing outside this folder knows it; the
// test registers it with RegisterModel(ModelEntryFor<ToyLinearConfig>()).
#pragma once

#include <cmath>
#include <vector>

#include "sim/core/check.h"
#include "sim/core/field_schema.h"
#include "sim/train/batch_io.h"
#include "sim/train/learner.h"
#include "sim/train/model_config.h"
#include "sim/train/sgd_loop.h"

namespace toy {

using namespace sim;

template <typename Scalar>
class ToyLearner;

struct ToyLinearConfig {
  static constexpr const char* kType = "toy_linear";
  double init_std = 0.01;  // w ~ N(0, init_std^2 I_d)

  static const FieldSchema<ToyLinearConfig>& Schema() {
    static const FieldSchema<ToyLinearConfig> schema = [] {
      FieldSchema<ToyLinearConfig> s;
      s.Number("init_std", &ToyLinearConfig::init_std);
      return s;
    }();
    return schema;
  }
  static ModelTraits Traits() { return {}; }
  void Validate(const RunConfig&) const {
    Require(init_std >= 0 && std::isfinite(init_std), "model.init_std",
            "must be >= 0");
  }
  ModelShape Shape(int num_patches) const { return {1, 1, num_patches, 1}; }
  template <typename Scalar>
  TrainResult Train(const RunConfig& run,
                    const DataBundle<Scalar>& data,
                    SampleStream<Scalar>* stream) const {
    return SgdLoop<ToyLearner<Scalar>, Scalar>(run, data, stream, *this).Run();
  }
};

template <typename Scalar>
class ToyLearner : public LearnerBase<Scalar> {
 public:
  using Config = ToyLinearConfig;
  ToyLearner(const LearnerSetup& setup, const ToyLinearConfig& options)
      : eta_(setup.config.train.learning_rate),
        n_(setup.num_patches),
        w_(setup.patch_dim),
        mean_(setup.batch, setup.patch_dim),
        f_(setup.batch) {
    for (int c = 0; c < setup.patch_dim; ++c)
      w_[c] = Scalar(options.init_std * setup.init.Normal());
  }
  void LoadBatch(const Dataset<Scalar>& set,
                 const std::vector<int>& order,
                 int first,
                 int size,
                 RowMatrix<Scalar>& x,
                 std::vector<int>& y) {
    GatherBatch(set, order, first, size, x, y);
  }
  const Vector<Scalar>& Forward(const RowMatrix<Scalar>& x, int size) {
    for (int b = 0; b < size; ++b)
      mean_.row(b) = x.middleRows(b * n_, n_).colwise().mean();
    f_.head(size) = mean_.topRows(size) * w_;
    return f_;
  }
  void Step(const RowMatrix<Scalar>&, int size, const Vector<Scalar>& dloss) {
    w_ -= Scalar(eta_) * (mean_.topRows(size).transpose() * dloss.head(size));
  }
  bool Finite() const { return w_.allFinite(); }
  double StepFlops(int size) const { return 4.0 * size * n_ * w_.size(); }
  double Evaluate(const Dataset<Scalar>& set,
                  double& loss,
                  double& error,
                  RouterDiagnostics*) {
    double sum = 0, errors = 0;
    for (int i = 0; i < set.num_samples; ++i) {
      const double f = set.Sample(i).colwise().mean().dot(w_.transpose());
      const double margin = set.labels[i] * f;
      sum += Softplus(-margin);
      errors += margin <= 0;
    }
    loss = sum / set.num_samples;
    error = errors / set.num_samples;
    return 2.0 * set.num_samples * n_ * w_.size();
  }

 private:
  double eta_;
  int n_;
  Vector<Scalar> w_;
  RowMatrix<Scalar> mean_;
  Vector<Scalar> f_;
};

}  // namespace toy
