#include "sim/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "sim/core/check.h"
#include "sim/models/topk_moe.h"
#include "sim/train/index_trainer.h"

namespace sim {
namespace {

constexpr int kEvalBatch = 250;

// log(1 + exp(z)) without overflow.
double Softplus(double z) {
  return std::max(z, 0.0) + std::log1p(std::exp(-std::abs(z)));
}

// 1 / (1 + exp(-z)).
double Sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

template <typename Scalar>
void GatherBatch(const Dataset<Scalar>& data,
                 const std::vector<int>& order,
                 int start,
                 int batch,
                 RowMatrix<Scalar>& x,
                 std::vector<int>& y) {
  const int n = data.num_patches;
  for (int b = 0; b < batch; ++b) {
    const int i = order[start + b];
    x.middleRows(b * n, n) = data.Sample(i);
    y[b] = data.labels[i];
  }
}

// Algorithm 1, step 2: SGD on l_r = -(1/B_r) sum y <w1 - w2, sum_j x^(j)>
// over the first router_samples samples of `data` (the router split if the
// data has one, else the training set). The gradient does not depend on w
// (pmoe-paper.md §2.5).
template <typename Scalar>
double TrainRouters(const TrainConfig& cfg,
                    const Dataset<Scalar>& data,
                    Rng& rng,
                    PatchModel<Scalar>& model) {
  const int n = data.num_patches;
  const int samples = cfg.router_samples > 0
                          ? std::min(cfg.router_samples, data.num_samples)
                          : data.num_samples;
  const int batch = std::min(cfg.router_batch_size, samples);
  std::vector<int> order(samples);
  std::iota(order.begin(), order.end(), 0);
  RowMatrix<Scalar> x(batch * n, data.patch_dim);
  Vector<Scalar> signs(batch * n);
  std::vector<int> y(batch);
  double flops = 0;
  for (int epoch = 0; epoch < cfg.router_epochs; ++epoch) {
    rng.Shuffle(order);
    for (int start = 0; start < samples; start += batch) {
      const int size = std::min(batch, samples - start);
      GatherBatch(data, order, start, size, x, y);
      for (int b = 0; b < size; ++b)
        signs.segment(b * n, n).setConstant(Scalar(y[b]));
      // Descent direction for w1: (1/B) sum_b y_b sum_j x_b^(j).
      const Scalar step = Scalar(cfg.router_learning_rate / size);
      auto& router = model.mutable_router();
      router.row(0).noalias() +=
          step * (signs.head(size * n).transpose() * x.topRows(size * n));
      router.row(1).noalias() -=
          step * (signs.head(size * n).transpose() * x.topRows(size * n));
      flops += 4.0 * size * n * data.patch_dim;
    }
  }
  return flops;
}

// Samples index(0 .. size) of `data` with their cached routes (N, k, l):
// the selection into ws.selected and the selected patches into ws.gathered,
// as PatchModel::ForwardSelected expects them.
template <typename Scalar, typename Index>
void LoadRoutedBatch(const Dataset<Scalar>& data,
                     const std::vector<int>& routes,
                     int k,
                     int l,
                     Index index,
                     int size,
                     Workspace<Scalar>& ws) {
  for (int b = 0; b < size; ++b) {
    const int i = index(b);
    const int* route = routes.data() + size_t(i) * k * l;
    std::copy_n(route, k * l, ws.selected.begin() + size_t(b) * k * l);
    for (int s = 0; s < k; ++s) {
      for (int t = 0; t < l; ++t) {
        ws.gathered[s].row(b * l + t) = data.patches.row(
            Eigen::Index(i) * data.num_patches + route[s * l + t]);
      }
    }
  }
}

// Each sample's selection by the model's (frozen) routers, in batches.
template <typename Scalar>
std::vector<int> SelectAll(const PatchModel<Scalar>& model,
                           const Dataset<Scalar>& data,
                           Workspace<Scalar>& ws) {
  const int kl = model.num_experts() * model.top_l();
  const int n = data.num_patches;
  std::vector<int> routes(size_t(data.num_samples) * kl);
  for (int first = 0; first < data.num_samples; first += ws.capacity) {
    const int size = std::min(ws.capacity, data.num_samples - first);
    model.SelectPatches(
        data.patches.middleRows(Eigen::Index(first) * n, size * n), size, ws);
    std::copy_n(ws.selected.begin(), size_t(size) * kl,
                routes.begin() + size_t(first) * kl);
  }
  return routes;
}

template <typename Scalar>
void RouterStats(const PatchModel<Scalar>& model,
                 const Workspace<Scalar>& ws,
                 const Dataset<Scalar>& data,
                 int first,
                 int batch,
                 std::vector<std::vector<double>>& in_top_l,
                 std::vector<std::vector<double>>& top_gated) {
  const int k = model.num_experts(), l = model.top_l();
  for (int b = 0; b < batch; ++b) {
    const int i = first + b;
    const int c = data.labels[i] > 0 ? 0 : 1;
    const int signal = data.signal_position[i];
    for (int s = 0; s < k; ++s) {
      const int* sel = ws.selected.data() + (size_t(b) * k + s) * l;
      in_top_l[s][c] += std::find(sel, sel + l, signal) != sel + l;
      top_gated[s][c] += sel[0] == signal;
    }
  }
}

}  // namespace

const char* RunStatusName(RunStatus status) {
  switch (status) {
    case RunStatus::kOk:
      return "ok";
    case RunStatus::kDiverged:
      return "diverged";
    case RunStatus::kFailed:
      return "failed";
  }
  return "failed";
}

template <typename Scalar>
double Evaluate(const PatchModel<Scalar>& model,
                const Dataset<Scalar>& data,
                double& loss,
                double& error,
                RouterDiagnostics* router,
                const std::vector<int>* routes) {
  const int batch = std::min(kEvalBatch, data.num_samples);
  Workspace<Scalar> ws = model.MakeWorkspace(batch);
  const int n = data.num_patches;
  const int k = model.num_experts();
  std::vector<std::vector<double>> in_top_l(k, std::vector<double>(2, 0.0));
  std::vector<std::vector<double>> top_gated = in_top_l;
  double loss_sum = 0, errors = 0, flops = 0;
  for (int first = 0; first < data.num_samples; first += batch) {
    const int size = std::min(batch, data.num_samples - first);
    if (routes != nullptr) {
      LoadRoutedBatch(
          data, *routes, k, model.top_l(), [&](int b) { return first + b; },
          size, ws);
      model.ForwardSelected(size, ws);
    } else {
      model.Forward(data.patches.middleRows(Eigen::Index(first) * n, size * n),
                    size, ws);
    }
    flops += model.ForwardFlops(size);
    for (int b = 0; b < size; ++b) {
      const double margin = data.labels[first + b] * double(ws.f[b]);
      loss_sum += Softplus(-margin);
      errors += margin <= 0;
    }
    if (router != nullptr && model.routed()) {
      RouterStats(model, ws, data, first, size, in_top_l, top_gated);
    }
  }
  loss = loss_sum / data.num_samples;
  error = errors / data.num_samples;
  if (router != nullptr && model.routed()) {
    int count[2] = {0, 0};
    for (int y : data.labels) ++count[y > 0 ? 0 : 1];
    router->num_experts = k;
    for (int s = 0; s < k; ++s) {
      for (int c = 0; c < 2; ++c) {
        in_top_l[s][c] /= std::max(count[c], 1);
        top_gated[s][c] /= std::max(count[c], 1);
      }
    }
    router->recall = 0;
    router->top_gated_best = 0;
    const bool separate = model.config().kind == ModelKind::kPmoeSeparate;
    for (int c = 0; c < 2; ++c) {
      double best_hit = 0, best_top = 0;
      for (int s = 0; s < k; ++s) {
        best_hit = std::max(best_hit, in_top_l[s][c]);
        best_top = std::max(best_top, top_gated[s][c]);
      }
      router->recall += 0.5 * (separate ? in_top_l[c][c] : best_hit);
      router->top_gated_best += 0.5 * best_top;
    }
    router->in_top_l = std::move(in_top_l);
    router->top_gated = std::move(top_gated);
  }
  return flops;
}

namespace {

// The SGD loop below, adapted to the pMoE/CNN kernel.
template <typename Scalar>
class PatchLearner {
 public:
  PatchLearner(const RunConfig& config, int n, int d, int batch, Rng& init)
      : cfg_(config.train),
        model_(config.model, n, d, init),
        ws_(model_.MakeWorkspace(batch)),
        grad_(model_.MakeGradient()),
        which_(config.model.kind == ModelKind::kPmoeJoint
                   ? Trainable::kAll
                   : Trainable::kExperts) {}
  bool routed() const { return model_.routed(); }
  void Prepare(const DataBundle<Scalar>& data,
               Rng& shuffle,
               TrainResult& result) {
    if (model_.config().kind == ModelKind::kPmoeSeparate) {
      const bool own_split = data.router.num_samples > 0;
      result.train_flops += TrainRouters(
          cfg_, own_split ? data.router : data.train, shuffle, model_);
      if (cfg_.cache_routes && model_.CanReuseRoutes()) {
        routes_ = SelectAll(model_, data.train, ws_);
        train_ = &data.train;
        Workspace<Scalar> eval_ws = model_.MakeWorkspace(kEvalBatch);
        test_routes_ = SelectAll(model_, data.test, eval_ws);
        test_ = &data.test;
      }
    }
  }
  // The minibatch of samples order[first .. first + size): all n patches of
  // each into x, or, with cached routes, only the selected ones into the
  // experts' inputs.
  void LoadBatch(const Dataset<Scalar>& train,
                 const std::vector<int>& order,
                 int first,
                 int size,
                 RowMatrix<Scalar>& x,
                 std::vector<int>& y) {
    if (routes_.empty()) {
      GatherBatch(train, order, first, size, x, y);
      return;
    }
    for (int b = 0; b < size; ++b) y[b] = train.labels[order[first + b]];
    LoadRoutedBatch(
        train, routes_, model_.num_experts(), model_.top_l(),
        [&](int b) { return order[first + b]; }, size, ws_);
  }
  const Vector<Scalar>& Forward(const RowMatrix<Scalar>& x, int size) {
    if (routes_.empty()) {
      model_.Forward(x, size, ws_);
    } else {
      model_.ForwardSelected(size, ws_);
    }
    return ws_.f;
  }
  void Step(const RowMatrix<Scalar>& x, int size, const Vector<Scalar>& dloss) {
    grad_.SetZero();
    if (routes_.empty()) {
      model_.Backward(x, size, dloss, which_, ws_, grad_);
    } else {
      model_.Backward(x.topRows(0), size, dloss, which_, ws_, grad_);
    }
    model_.ApplyUpdate(grad_, Scalar(cfg_.learning_rate), which_);
  }
  bool Finite() const { return model_.ParametersFinite(); }
  double StepFlops(int size) const {
    return model_.ForwardFlops(size) + model_.BackwardFlops(size, which_);
  }
  double Evaluate(const Dataset<Scalar>& data,
                  double& loss,
                  double& error,
                  RouterDiagnostics* router) {
    const std::vector<int>* routes = &data == train_  ? &routes_
                                     : &data == test_ ? &test_routes_
                                                      : nullptr;
    return sim::Evaluate(model_, data, loss, error, router, routes);
  }
  void Finish(const Dataset<Scalar>&, TrainResult&) {}

 private:
  const TrainConfig& cfg_;
  PatchModel<Scalar> model_;
  Workspace<Scalar> ws_;
  Gradient<Scalar> grad_;
  Trainable which_;
  // Frozen routers' selections (N, k, l), computed once per run: for the
  // training set (empty = route at every step) and the test set.
  std::vector<int> routes_, test_routes_;
  const Dataset<Scalar>* train_ = nullptr;
  const Dataset<Scalar>* test_ = nullptr;
};

// The same loop for the top-k MoE (Chen et al. 2022): routing noise from
// its own stream, experts by (normalised) GD, router by GD.
template <typename Scalar>
class TopKLearner {
 public:
  TopKLearner(const RunConfig& config, int n, int d, int, Rng& init)
      : cfg_(config.train),
        model_(config.model, n, d, init),
        grad_(model_.MakeGradient()),
        noise_(DeriveSeed(config.seeds.shuffle, "routing_noise")),
        eval_noise_(DeriveSeed(config.seeds.shuffle, "eval_noise")) {}
  bool routed() const { return false; }
  void Prepare(const DataBundle<Scalar>&, Rng&, TrainResult& result) {
    result.has_dispatch = true;
  }
  void LoadBatch(const Dataset<Scalar>& train,
                 const std::vector<int>& order,
                 int first,
                 int size,
                 RowMatrix<Scalar>& x,
                 std::vector<int>& y) {
    GatherBatch(train, order, first, size, x, y);
  }
  const Vector<Scalar>& Forward(const RowMatrix<Scalar>& x, int size) {
    model_.Forward(x, size, noise_, ws_);
    return ws_.f;
  }
  void Step(const RowMatrix<Scalar>&, int size, const Vector<Scalar>& dloss) {
    grad_.SetZero();
    model_.Backward(size, dloss, ws_, grad_);
    model_.ApplyUpdate(grad_, Scalar(cfg_.learning_rate),
                       Scalar(cfg_.router_learning_rate),
                       cfg_.expert_update == ExpertUpdate::kNormalized);
  }
  bool Finite() const { return model_.ParametersFinite(); }
  double StepFlops(int size) const {
    return model_.ForwardFlops(size) + model_.BackwardFlops(size);
  }
  double Evaluate(const Dataset<Scalar>& data,
                  double& loss,
                  double& error,
                  RouterDiagnostics*) {
    TopKWorkspace<Scalar> ws;
    double sum = 0, errors = 0;
    const int n = data.num_patches;
    for (int first = 0; first < data.num_samples; first += kEvalBatch) {
      const int size = std::min(kEvalBatch, data.num_samples - first);
      model_.Forward(data.patches.middleRows(Eigen::Index(first) * n, size * n),
                     size, eval_noise_, ws);
      for (int b = 0; b < size; ++b) {
        const double margin = data.labels[first + b] * double(ws.f[b]);
        sum += Softplus(-margin);
        errors += margin <= 0;
      }
    }
    loss = sum / data.num_samples;
    error = errors / data.num_samples;
    return model_.ForwardFlops(data.num_samples);
  }
  // Dispatch of the training set (cluster x expert) under noisy routing,
  // and its entropy H = sum_m (n_m/n) (-sum_k (n_km/n_m) ln(n_km/n_m)).
  void Finish(const Dataset<Scalar>& train, TrainResult& result) {
    const int K =
        1 + *std::max_element(train.cluster.begin(), train.cluster.end());
    const int M = model_.num_experts();
    result.dispatch.assign(K, std::vector<int>(M, 0));
    TopKWorkspace<Scalar> ws;
    const int n = train.num_patches;
    for (int first = 0; first < train.num_samples; first += kEvalBatch) {
      const int size = std::min(kEvalBatch, train.num_samples - first);
      model_.Forward(
          train.patches.middleRows(Eigen::Index(first) * n, size * n), size,
          eval_noise_, ws);
      for (int b = 0; b < size; ++b)
        result.dispatch[train.cluster[first + b]][ws.expert[b]]++;
    }
    double entropy = 0;
    for (int m = 0; m < M; ++m) {
      double load = 0;
      for (int k = 0; k < K; ++k) load += result.dispatch[k][m];
      for (int k = 0; k < K && load > 0; ++k) {
        const double p = result.dispatch[k][m] / load;
        if (p > 0) entropy -= load / train.num_samples * p * std::log(p);
      }
    }
    result.dispatch_entropy = entropy;
  }

 private:
  const TrainConfig& cfg_;
  TopKMoe<Scalar> model_;
  TopKWorkspace<Scalar> ws_;
  TopKGradient<Scalar> grad_;
  Rng noise_, eval_noise_;
};

template <typename Learner, typename Scalar>
TrainResult TrainWith(const RunConfig& config, const DataBundle<Scalar>& data) {
  const auto start_time = std::chrono::steady_clock::now();
  const TrainConfig& cfg = config.train;
  const Dataset<Scalar>& train = data.train;
  const int n = train.num_patches, d = train.patch_dim, N = train.num_samples;
  TrainResult result;
  result.train_stats = data.train_stats;
  result.test_stats = data.test_stats;

  Rng init_rng(config.seeds.init);
  Rng shuffle_rng(config.seeds.shuffle);
  const int batch = std::min(cfg.batch_size, N);
  Learner learner(config, n, d, batch, init_rng);
  result.routed = learner.routed();
  learner.Prepare(data, shuffle_rng, result);

  const int steps_per_epoch = (N + batch - 1) / batch;
  const int eval_every = cfg.eval_every > 0 ? cfg.eval_every : steps_per_epoch;
  RowMatrix<Scalar> x(batch * n, d);
  Vector<Scalar> dloss(batch);
  std::vector<int> y(batch);
  std::vector<int> order(N);
  std::iota(order.begin(), order.end(), 0);
  result.first_hit_step.assign(cfg.targets.size(), -1);

  double run_loss = 0, run_errors = 0;
  long run_samples = 0;
  auto evaluate = [&](long step) {
    CurvePoint point;
    point.step = step;
    point.epoch = double(step) / steps_per_epoch;
    if (run_samples > 0) {
      point.train_loss = run_loss / run_samples;
      point.train_error = run_errors / run_samples;
    }
    run_loss = run_errors = 0;
    run_samples = 0;
    result.eval_flops +=
        learner.Evaluate(data.test, point.test_loss, point.test_error, nullptr);
    for (size_t t = 0; t < cfg.targets.size(); ++t) {
      if (result.first_hit_step[t] < 0 && point.test_error <= cfg.targets[t]) {
        result.first_hit_step[t] = step;
      }
    }
    result.curve.push_back(point);
  };
  auto diverged = [&](const std::string& what, long step, int epoch) {
    result.status = RunStatus::kDiverged;
    result.message = what + " at step " + std::to_string(step) + " (epoch " +
                     std::to_string(epoch) + "); try a smaller learning_rate";
  };

  evaluate(0);
  long step = 0;
  double lowest_loss = std::numeric_limits<double>::infinity();
  for (int epoch = 0; epoch < cfg.epochs && result.status == RunStatus::kOk &&
                      !result.stopped_early;
       ++epoch) {
    if (cfg.shuffle) shuffle_rng.Shuffle(order);
    for (int first = 0; first < N; first += batch) {
      const int size = std::min(batch, N - first);
      learner.LoadBatch(train, order, first, size, x, y);
      const Vector<Scalar>& f = learner.Forward(x, size);
      double loss = 0;
      for (int b = 0; b < size; ++b) {
        const double margin = y[b] * double(f[b]);
        loss += Softplus(-margin);
        run_errors += margin <= 0;
        // dL/df = -y v / B with v = 1 / (1 + exp(y f)) [Def. F.1].
        dloss[b] = Scalar(-y[b] * Sigmoid(-margin) / size);
      }
      if (!std::isfinite(loss)) {
        diverged("loss = " + std::to_string(loss / size), step, epoch);
        break;
      }
      run_loss += loss;
      run_samples += size;
      if (cfg.early_stop_rise > 0) {
        if (loss / size <= lowest_loss) {
          lowest_loss = loss / size;
        } else if (loss / size > lowest_loss + cfg.early_stop_rise) {
          result.stopped_early = true;
          break;
        }
      }
      learner.Step(x, size, dloss);
      // ReLU's max(x, 0) can hide a NaN from the loss: check the weights.
      if (!learner.Finite()) {
        diverged("non-finite weights", step, epoch);
        break;
      }
      result.train_flops += learner.StepFlops(size);
      ++step;
      if (step % eval_every == 0) evaluate(step);
    }
  }
  result.steps = step;
  if (result.status == RunStatus::kOk) {
    if (result.curve.back().step != step) evaluate(step);
    result.eval_flops +=
        learner.Evaluate(data.test, result.final_test_loss,
                         result.final_test_error, &result.router);
    result.eval_flops += learner.Evaluate(train, result.final_train_loss,
                                          result.final_train_error, nullptr);
    learner.Finish(train, result);
    if (!std::isfinite(result.final_test_loss) ||
        !std::isfinite(result.final_train_loss)) {
      result.status = RunStatus::kDiverged;
      result.message = "non-finite loss at the final evaluation";
    }
  }
  result.wall_seconds = std::chrono::duration<double>(
                            std::chrono::steady_clock::now() - start_time)
                            .count();
  return result;
}

}  // namespace

template <typename Scalar>
TrainResult Train(const RunConfig& config, const DataBundle<Scalar>& data) {
  if (config.model.kind == ModelKind::kMoeTopK) {
    return TrainWith<TopKLearner<Scalar>>(config, data);
  }
  if (config.model.kind == ModelKind::kIndexVanilla ||
      config.model.kind == ModelKind::kIndexMoe) {
    return TrainSingleIndex(config, data);
  }
  return TrainWith<PatchLearner<Scalar>>(config, data);
}

RunSeeds SeedsFromMaster(uint64_t master_seed) {
  return RunSeeds{DeriveSeed(master_seed, "data"),
                  DeriveSeed(master_seed, "init"),
                  DeriveSeed(master_seed, "shuffle")};
}

void ValidateRunConfig(const RunConfig& config) {
  auto prefixed = [](const char* prefix, auto&& validate) {
    try {
      validate();
    } catch (const ConfigError& e) {
      const std::string rule =
          std::string(e.what()).substr(e.field().size() + 2);
      throw ConfigError(std::string(prefix) + e.field(), rule);
    }
  };
  prefixed("data.", [&] { ValidateDataConfig(config.data); });
  prefixed("model.",
           [&] { ValidateModelConfig(config.model, config.data.num_patches); });
  const TrainConfig& t = config.train;
  auto require = [](bool ok, const char* field, const char* rule) {
    if (!ok) throw ConfigError(field, rule);
  };
  require(t.learning_rate > 0 && std::isfinite(t.learning_rate),
          "training.learning_rate", "must be > 0");
  require(t.batch_size >= 1, "training.batch_size", "must be >= 1");
  require(t.epochs >= 1, "training.epochs", "must be >= 1");
  require(t.eval_every >= 0, "training.eval_every",
          "must be >= 0 (0 = every epoch)");
  require(t.early_stop_rise >= 0 && std::isfinite(t.early_stop_rise),
          "training.early_stop_rise", "must be >= 0 (0 = off)");
  for (double eps : t.targets) {
    require(eps >= 0 && eps <= 1, "training.targets",
            "every target must be in [0, 1]");
  }
  require(t.router_learning_rate > 0 && std::isfinite(t.router_learning_rate),
          "training.router_learning_rate", "must be > 0");
  require(t.router_batch_size >= 1, "training.router_batch_size",
          "must be >= 1");
  require(t.router_epochs >= 1, "training.router_epochs", "must be >= 1");
  require(t.router_samples >= 0, "training.router_samples",
          "must be >= 0 (0 = all N)");
  require(t.router_data == RouterData::kTrainingSet || t.router_samples >= 1,
          "training.router_samples",
          "must be >= 1 with router_data \"independent\" (it is N_r)");
  require(t.router_data == RouterData::kTrainingSet ||
              config.data.source == DataSource::kSynthetic ||
              config.data.source == DataSource::kFashionMnist,
          "training.router_data",
          "\"independent\" needs synthetic or fashion_mnist data");
}

namespace {

template <typename Scalar>
DataBundle<Scalar> GenerateRunData(const RunConfig& config,
                                   const FashionMnist* images) {
  DataBundle<Scalar> data =
      GenerateData<Scalar>(config.data, config.seeds.data, images);
  if (config.model.kind == ModelKind::kPmoeSeparate &&
      config.train.router_data == RouterData::kIndependent) {
    data.router = GenerateRouterSplit<Scalar>(
        config.data, config.seeds.data, config.train.router_samples, images);
  }
  return data;
}

}  // namespace

TrainResult RunOne(const RunConfig& config, const FashionMnist* images) {
  try {
    ValidateRunConfig(config);
    if (config.precision == Precision::kDouble) {
      return Train(config, GenerateRunData<double>(config, images));
    }
    return Train(config, GenerateRunData<float>(config, images));
  } catch (const std::exception& e) {
    TrainResult result;
    result.status = RunStatus::kFailed;
    result.message = e.what();
    return result;
  }
}

template TrainResult Train<float>(const RunConfig&, const DataBundle<float>&);
template TrainResult Train<double>(const RunConfig&, const DataBundle<double>&);
template double Evaluate<float>(const PatchModel<float>&,
                                const Dataset<float>&,
                                double&,
                                double&,
                                RouterDiagnostics*,
                                const std::vector<int>*);
template double Evaluate<double>(const PatchModel<double>&,
                                 const Dataset<double>&,
                                 double&,
                                 double&,
                                 RouterDiagnostics*,
                                 const std::vector<int>*);

}  // namespace sim
