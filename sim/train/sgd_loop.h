// The one SGD loop every learner runs (learner.h), on the learner's loss,
// under the run's training protocol (run_config.h): a fixed number of
// epochs, one pass over fresh samples, or until converged. It evaluates on
// the test set on the run's schedule (eval_schedule.h), records the curve
// and the first step at which each target error is reached, and stops with
// status kDiverged on a non-finite loss or weight.
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "sim/core/stopwatch.h"
#include "sim/train/batch_feed.h"
#include "sim/train/batch_io.h"
#include "sim/train/convergence_rule.h"
#include "sim/train/eval_schedule.h"
#include "sim/train/learner.h"

namespace sim {

template <typename L, typename Scalar>
requires Learner<L, Scalar>
class SgdLoop {
 public:
  // `stream` supplies fresh samples under the online protocol (else null);
  // `options` are the learner's (L::Config).
  SgdLoop(const RunConfig& config,
          const DataBundle<Scalar>& data,
          SampleStream<Scalar>* stream,
          const typename L::Config& options)
      : config_(config),
        cfg_(config.train),
        data_(data),
        online_(cfg_.protocol == Protocol::kOnline),
        init_rng_(config.seeds.init),
        shuffle_rng_(config.seeds.shuffle),
        batch_(online_ ? cfg_.batch_size
                       : std::min(cfg_.batch_size, data.train.num_samples)),
        learner_(LearnerSetup{config, data.train.num_patches,
                              data.train.patch_dim, batch_, init_rng_},
                 options),
        feed_(online_
                  ? BatchFeed<Scalar>(*stream, batch_)
                  : BatchFeed<Scalar>(data.train, cfg_.shuffle, shuffle_rng_)),
        steps_per_epoch_(online_
                             ? std::max(cfg_.max_steps, 1L)
                             : (data.train.num_samples + batch_ - 1) / batch_),
        schedule_(cfg_.eval_every > 0 ? cfg_.eval_every : steps_per_epoch_,
                  EvalPointsPerDecade(cfg_)),
        rule_(cfg_, steps_per_epoch_),
        x_(batch_ * data.train.num_patches, data.train.patch_dim),
        dloss_(batch_),
        y_(batch_) {}

  TrainResult Run() {
    const Stopwatch run;
    result_.train_stats = data_.train_stats;
    result_.test_stats = data_.test_stats;
    learner_.Prepare(data_, shuffle_rng_, result_);
    result_.step_flops = learner_.StepFlops(batch_);
    RunTiming& timing = result_.timing;
    timing.routing = run.Seconds();
    result_.first_hit_step.assign(cfg_.targets.size(), -1);
    Evaluate(0);
    while (!Done() && TrainStep()) {
      if (schedule_.Due(step_)) {
        Evaluate(step_);
        if (cfg_.protocol == Protocol::kConverged) CheckConvergence();
      }
    }
    Finalise();
    result_.wall_seconds = run.Seconds();
    timing.steps = result_.wall_seconds - timing.routing - timing.evaluation -
                   timing.generation;
    return std::move(result_);
  }

 private:
  bool Done() {
    if (converged_) return true;
    switch (cfg_.protocol) {
      case Protocol::kBudget:
        if (feed_.epochs_done() < cfg_.epochs) return false;
        result_.stop_reason = "epochs";
        return true;
      case Protocol::kOnline:
        if (step_ < cfg_.max_steps) return false;
        result_.stop_reason = "budget_spent";
        return true;
      case Protocol::kConverged:
        if (step_ < cfg_.max_steps) return false;
        result_.stop_reason = "step_cap";
        return true;
    }
    return true;
  }

  // One minibatch step; false if the run must stop (diverged, early stop).
  bool TrainStep() {
    const Stopwatch draw;
    const int size = feed_.Next(learner_, batch_, x_, y_);
    if (online_) result_.timing.generation += draw.Seconds();
    const Vector<Scalar>& f = learner_.Forward(x_, size);
    const double loss = learner_.Loss(f, y_, size, dloss_, run_errors_);
    if (!std::isfinite(loss)) {
      return Diverged("loss = " + std::to_string(loss / size));
    }
    run_loss_ += loss;
    run_samples_ += size;
    if (cfg_.early_stop_rise > 0) {
      if (loss / size <= lowest_loss_) {
        lowest_loss_ = loss / size;
      } else if (loss / size > lowest_loss_ + cfg_.early_stop_rise &&
                 (cfg_.early_stop_after_epochs == 0 ||
                  feed_.batch_epoch() > cfg_.early_stop_after_epochs)) {
        result_.stopped_early = true;
        result_.stop_reason = "early_stop";
        return false;
      }
    }
    learner_.Step(x_, size, dloss_);
    // ReLU's max(x, 0) can hide a NaN from the loss: check the weights.
    if (!learner_.Finite()) return Diverged("non-finite weights");
    result_.train_flops += learner_.StepFlops(size);
    ++step_;
    return true;
  }

  bool Diverged(const std::string& what) {
    result_.status = RunStatus::kDiverged;
    result_.stop_reason = "diverged";
    result_.message = what + " at step " + std::to_string(step_) + " (epoch " +
                      std::to_string(feed_.batch_epoch()) +
                      "); try a smaller learning_rate";
    return false;
  }

  // Loss and error on a whole set, its FLOPs and time added to the run's.
  void EvaluateOn(const Dataset<Scalar>& set,
                  double& loss,
                  double& error,
                  RouterDiagnostics* router = nullptr) {
    const Stopwatch watch;
    result_.eval_flops += learner_.Evaluate(set, loss, error, router);
    result_.timing.evaluation += watch.Seconds();
  }

  // A curve point: minibatch averages since the last point, test metrics.
  void Evaluate(long step) {
    CurvePoint point;
    point.step = step;
    point.epoch = double(step) / steps_per_epoch_;
    if (run_samples_ > 0) {
      point.train_loss = run_loss_ / run_samples_;
      point.train_error = run_errors_ / run_samples_;
    }
    run_loss_ = run_errors_ = 0;
    run_samples_ = 0;
    if (!cfg_.evaluate_test) {
      // A selection trial: the validation set below is all it is judged on.
    } else if (learner_.RoutersTrain()) {
      RouterDiagnostics router;
      EvaluateOn(data_.test, point.test_loss, point.test_error, &router);
      result_.router_curve.push_back(std::move(router));
    } else {
      EvaluateOn(data_.test, point.test_loss, point.test_error);
    }
    learner_.Annotate(point);
    for (size_t t = 0; t < cfg_.targets.size(); ++t) {
      if (result_.first_hit_step[t] < 0 &&
          point.test_error <= cfg_.targets[t]) {
        result_.first_hit_step[t] = step;
      }
    }
    result_.curve.push_back(point);
    if (online_ && data_.validation.num_samples > 0) {
      double loss = 0, error = 0;
      EvaluateOn(data_.validation, loss, error);
      validation_sum_ += error;
      ++validation_points_;
    }
  }

  void CheckConvergence() {
    double loss = 0, error = 0;
    EvaluateOn(data_.train, loss, error);
    const std::string rule = rule_.Check(step_, loss, error);
    if (rule.empty()) return;
    converged_ = result_.converged = true;
    result_.stop_rule = rule;
    result_.stop_reason = "converged";
  }

  void Finalise() {
    result_.steps = step_;
    if (result_.status != RunStatus::kOk) return;
    if (result_.curve.back().step != step_) Evaluate(step_);
    if (cfg_.evaluate_test) {
      RouterDiagnostics router;
      EvaluateOn(data_.test, result_.final_test_loss, result_.final_test_error,
                 learner_.routed() ? &router : nullptr);
      if (learner_.routed()) result_.router = std::move(router);
    }
    if (online_) {
      // No fixed training set: the last window's fresh minibatches.
      result_.final_train_loss = result_.curve.back().train_loss;
      result_.final_train_error = result_.curve.back().train_error;
    } else {
      EvaluateOn(data_.train, result_.final_train_loss,
                 result_.final_train_error);
    }
    if (data_.validation.num_samples > 0) {
      EvaluateOn(data_.validation, result_.validation_loss,
                 result_.validation_error);
      result_.validation_score = validation_points_ > 0
                                     ? validation_sum_ / validation_points_
                                     : result_.validation_error;
    }
    if (L::kMeasuresLoss && (!std::isfinite(result_.final_test_loss) ||
                             !std::isfinite(result_.final_train_loss))) {
      result_.status = RunStatus::kDiverged;
      result_.stop_reason = "diverged";
      result_.message = "non-finite loss at the final evaluation";
      return;
    }
    learner_.Finish(data_.train, result_);
  }

  const RunConfig& config_;
  const TrainConfig& cfg_;
  const DataBundle<Scalar>& data_;
  const bool online_;
  Rng init_rng_, shuffle_rng_;
  const int batch_;
  L learner_;
  BatchFeed<Scalar> feed_;
  const long steps_per_epoch_;
  EvalSchedule schedule_;
  ConvergenceRule rule_;
  RowMatrix<Scalar> x_;
  Vector<Scalar> dloss_;
  std::vector<int> y_;
  TrainResult result_;
  long step_ = 0;
  bool converged_ = false;
  double run_loss_ = 0, run_errors_ = 0;
  long run_samples_ = 0;
  double validation_sum_ = 0;  // online: validation errors along the curve
  int validation_points_ = 0;
  double lowest_loss_ = std::numeric_limits<double>::infinity();
};

}  // namespace sim
