#include "sim/train/index_trainer.h"

#include <chrono>
#include <cmath>
#include <numeric>

#include "sim/core/rng.h"
#include "sim/data/single_index_data.h"

namespace sim {
namespace {

struct Student {
  Eigen::MatrixXd w;           // (M*J, d), unit rows
  Eigen::VectorXd a;           // (M*J), +-1
  Eigen::MatrixXd prototypes;  // (M, d) router (MoE only)
  int experts = 1, per_expert = 0;
};

// One spherical SGD step on the neurons of `expert` for sample (x, y).
void SphericalStep(Student& s,
                   int expert,
                   const Eigen::VectorXd& x,
                   double y,
                   int k,
                   double eta) {
  for (int j = expert * s.per_expert; j < (expert + 1) * s.per_expert; ++j) {
    const double z = s.w.row(j).dot(x);
    // Gradient of -y a_j sigma(z) in w_j: -y a_j sigma'(z) x.
    const double coef = -y * s.a[j] * HermiteNormalizedDerivative(k, z);
    Eigen::VectorXd g = coef * x;
    g -= g.dot(s.w.row(j).transpose()) * s.w.row(j).transpose();
    s.w.row(j) -= eta * g.transpose();
    s.w.row(j).normalize();
  }
}

int NearestPrototype(const Student& s, const Eigen::VectorXd& x) {
  int best = 0;
  double best_distance = INFINITY;
  for (int m = 0; m < s.experts; ++m) {
    const double distance = (s.prototypes.row(m).transpose() - x).squaredNorm();
    if (distance < best_distance) {
      best_distance = distance;
      best = m;
    }
  }
  return best;
}

void Alignments(const Student& s,
                const Eigen::MatrixXd& teacher,
                double& local,
                double& global) {
  const int C = static_cast<int>(teacher.rows()) - 1;
  const Eigen::MatrixXd overlaps = (s.w * teacher.transpose()).cwiseAbs();
  local = 0;
  for (int c = 0; c < C; ++c) local += overlaps.col(c).maxCoeff() / C;
  global = overlaps.col(C).maxCoeff();
}

}  // namespace

template <typename Scalar>
TrainResult TrainSingleIndex(const RunConfig& config,
                             const DataBundle<Scalar>& data) {
  const auto start = std::chrono::steady_clock::now();
  const TrainConfig& cfg = config.train;
  const int k = config.data.single_index.info_exponent;
  const Dataset<Scalar>& train = data.train;
  const int d = train.patch_dim, N = train.num_samples;
  const bool moe = config.model.kind == ModelKind::kIndexMoe;
  TrainResult result;
  result.has_alignment = true;
  result.has_dispatch = moe;

  Student s;
  s.experts = moe ? config.model.num_experts : 1;
  s.per_expert = config.model.neurons / s.experts;
  Rng init(config.seeds.init), order_rng(config.seeds.shuffle);
  Rng route_rng(DeriveSeed(config.seeds.shuffle, "random_routing"));
  s.w.resize(config.model.neurons, d);
  s.a.resize(config.model.neurons);
  for (int j = 0; j < s.w.rows(); ++j) {
    for (int c = 0; c < d; ++c) s.w(j, c) = init.Normal();
    s.w.row(j).normalize();
    s.a[j] = (j % s.per_expert) < s.per_expert / 2 ? 1.0 : -1.0;
  }
  s.prototypes = Eigen::MatrixXd::Zero(s.experts, d);

  const long total = long(N) * cfg.epochs;
  const long stage1 = moe ? long(0.4 * total) : total;
  const long stage2 = moe ? long(0.6 * total) : total;
  const long eval_every =
      cfg.eval_every > 0 ? cfg.eval_every : std::max(1L, total / 20);
  std::vector<int> order(N);
  std::iota(order.begin(), order.end(), 0);
  result.first_hit_step.assign(cfg.targets.size(), -1);
  auto evaluate = [&](long step) {
    CurvePoint p;
    p.step = step;
    p.epoch = double(step) / N;
    Alignments(s, data.teacher, p.local_alignment, p.global_alignment);
    p.test_error = 1 - p.global_alignment;
    p.train_error = 1 - p.local_alignment;
    for (size_t t = 0; t < cfg.targets.size(); ++t) {
      if (result.first_hit_step[t] < 0 && p.test_error <= cfg.targets[t]) {
        result.first_hit_step[t] = step;
      }
    }
    result.curve.push_back(p);
  };
  evaluate(0);
  Eigen::VectorXd x(d);
  long step = 0;
  for (int epoch = 0; epoch < cfg.epochs; ++epoch) {
    if (cfg.shuffle && epoch > 0) order_rng.Shuffle(order);
    for (int i : order) {
      x = train.patches.row(i).template cast<double>().transpose();
      const double y = train.targets[i];
      if (step < stage1) {
        const int expert =
            moe ? static_cast<int>(route_rng.UniformInt(s.experts)) : 0;
        SphericalStep(s, expert, x, y, k, cfg.learning_rate);
      } else if (step < stage2) {
        if (step == stage1) {
          // Start every prototype at a different sample of this stage.
          for (int m = 0; m < s.experts; ++m) {
            s.prototypes.row(m) = train.patches.row(order[(i + m * 7919) % N])
                                      .template cast<double>();
          }
        }
        const int m = NearestPrototype(s, x);
        s.prototypes.row(m) +=
            cfg.router_learning_rate * (x.transpose() - s.prototypes.row(m));
      } else {
        SphericalStep(s, NearestPrototype(s, x), x, y, k, cfg.learning_rate);
      }
      result.train_flops += 4.0 * s.per_expert * d;
      ++step;
      if (step % eval_every == 0) evaluate(step);
      if (!s.w.allFinite()) {
        result.status = RunStatus::kDiverged;
        result.message = "non-finite neurons at step " + std::to_string(step) +
                         "; try a smaller learning_rate";
        break;
      }
    }
    if (result.status != RunStatus::kOk) break;
  }
  result.steps = step;
  if (result.status == RunStatus::kOk && result.curve.back().step != step)
    evaluate(step);
  Alignments(s, data.teacher, result.local_alignment, result.global_alignment);
  result.final_test_error = 1 - result.global_alignment;
  result.final_train_error = 1 - result.local_alignment;
  // Single-index runs measure alignments, not a loss (records: null).
  result.final_train_loss = result.final_test_loss = std::nan("");
  // Router purity and dispatch on the test set.
  const Dataset<Scalar>& test = data.test;
  const int C = static_cast<int>(data.teacher.rows()) - 1;
  result.dispatch.assign(C, std::vector<int>(s.experts, 0));
  for (int i = 0; i < test.num_samples; ++i) {
    x = test.patches.row(i).template cast<double>().transpose();
    result.dispatch[test.cluster[i]][moe ? NearestPrototype(s, x) : 0]++;
  }
  double pure = 0, entropy = 0;
  for (int m = 0; m < s.experts; ++m) {
    int load = 0, top = 0;
    for (int c = 0; c < C; ++c) {
      load += result.dispatch[c][m];
      top = std::max(top, result.dispatch[c][m]);
    }
    pure += top;
    for (int c = 0; c < C && load > 0; ++c) {
      const double p = double(result.dispatch[c][m]) / load;
      if (p > 0) entropy -= double(load) / test.num_samples * p * std::log(p);
    }
  }
  result.router_purity = moe ? pure / test.num_samples : 1.0;
  result.dispatch_entropy = entropy;
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return result;
}

template TrainResult TrainSingleIndex<float>(const RunConfig&,
                                             const DataBundle<float>&);
template TrainResult TrainSingleIndex<double>(const RunConfig&,
                                              const DataBundle<double>&);

}  // namespace sim
