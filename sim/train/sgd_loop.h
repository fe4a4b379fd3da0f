// The one SGD loop every learner runs (learner.h), on the learner's loss,
// under the run's training protocol (run_config.h): a fixed number of
// epochs, one pass over fresh samples, or until converged. It evaluates on
// the test set on the run's schedule (eval_schedule.h), records the curve
// and the first step at which each target error is reached, and stops with
// status kDiverged on a non-finite loss or weight. With branch_at
// (run_config.h) it also finalises, on copies, the record of the shorter
// run that its first branch_at steps are.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
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
        steps_per_epoch_(StepsPerEpoch(cfg_, data.train.num_samples)),
        schedule_(cfg_.eval_every > 0 ? cfg_.eval_every : steps_per_epoch_,
                  EvalPointsPerDecade(cfg_)),
        rule_(cfg_, steps_per_epoch_),
        x_(batch_ * data.train.num_patches, data.train.patch_dim),
        dloss_(batch_),
        y_(batch_) {
    tally_.steps_per_epoch = steps_per_epoch_;
  }

  TrainResult Run() {
    const Stopwatch run;
    result_.train_stats = data_.train_stats;
    result_.test_stats = data_.test_stats;
    learner_.Prepare(data_, shuffle_rng_, result_);
    result_.step_flops = learner_.StepFlops(batch_);
    result_.timing.routing = run.Seconds();
    result_.first_hit_step.assign(cfg_.targets.size(), -1);
    Evaluate(learner_, tally_, 0);
    while (!Done() && TrainStep()) {
      if (schedule_.Due(step_)) {
        Evaluate(learner_, tally_, step_);
        if (cfg_.protocol == Protocol::kConverged) CheckConvergence();
      }
      if (step_ == cfg_.branch_at) Branch(run);
    }
    // Stopped before branch_at: the shorter run stopped there too.
    if (cfg_.branch_at > 0 && !result_.branch) Branch(run);
    Finalise(learner_, tally_);
    Time(run, result_);
    return std::move(result_);
  }

 private:
  // What the run has recorded so far: its result and the sums of the
  // window since the last curve point. A branch finalises a copy.
  struct Tally {
    TrainResult result;
    long steps_per_epoch = 1;  // online: max_steps (the last epoch is 1)
    double run_loss = 0, run_errors = 0;
    long run_samples = 0;
    double validation_sum = 0;  // online: validation errors along the curve
    int validation_points = 0;
  };

  static void Time(const Stopwatch& run, TrainResult& result) {
    RunTiming& timing = result.timing;
    result.wall_seconds = run.Seconds();
    timing.steps = result.wall_seconds - timing.routing - timing.evaluation -
                   timing.generation;
  }

  // The record of the run with max_steps = branch_at, which stops here:
  // its curve's epochs in its own steps, and its final evaluations made by
  // a copy of the learner, so that this run goes on untouched (a learner's
  // evaluation may draw from its own random stream).
  void Branch(const Stopwatch& run) {
    Tally branch = tally_;
    branch.steps_per_epoch = std::max(cfg_.branch_at, 1L);
    for (CurvePoint& point : branch.result.curve)
      point.epoch = double(point.step) / branch.steps_per_epoch;
    if (step_ == cfg_.branch_at) branch.result.stop_reason = "budget_spent";
    L learner = learner_;
    Finalise(learner, branch);
    Time(run, branch.result);
    result_.branch = std::make_shared<TrainResult>(std::move(branch.result));
  }
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
    const double loss = learner_.Loss(f, y_, size, dloss_, tally_.run_errors);
    if (!std::isfinite(loss)) {
      return Diverged("loss = " + std::to_string(loss / size));
    }
    tally_.run_loss += loss;
    tally_.run_samples += size;
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

  // Loss and error on a whole set, its FLOPs and time added to `result`.
  static void EvaluateOn(L& learner,
                         TrainResult& result,
                         const Dataset<Scalar>& set,
                         double& loss,
                         double& error,
                         RouterDiagnostics* router = nullptr) {
    const Stopwatch watch;
    result.eval_flops += learner.Evaluate(set, loss, error, router);
    result.timing.evaluation += watch.Seconds();
  }

  // A curve point: minibatch averages since the last point, test metrics.
  void Evaluate(L& learner, Tally& tally, long step) {
    TrainResult& result = tally.result;
    CurvePoint point;
    point.step = step;
    point.epoch = double(step) / tally.steps_per_epoch;
    if (tally.run_samples > 0) {
      point.train_loss = tally.run_loss / tally.run_samples;
      point.train_error = tally.run_errors / tally.run_samples;
    }
    tally.run_loss = tally.run_errors = 0;
    tally.run_samples = 0;
    if (!cfg_.evaluate_test) {
      // A selection trial: the validation set below is all it is judged on.
    } else if (learner.RoutersTrain()) {
      RouterDiagnostics router;
      EvaluateOn(learner, result, data_.test, point.test_loss, point.test_error,
                 &router);
      result.router_curve.push_back(std::move(router));
    } else {
      EvaluateOn(learner, result, data_.test, point.test_loss,
                 point.test_error);
    }
    learner.Annotate(point);
    for (size_t t = 0; t < cfg_.targets.size(); ++t) {
      if (result.first_hit_step[t] < 0 && point.test_error <= cfg_.targets[t])
        result.first_hit_step[t] = step;
    }
    result.curve.push_back(point);
    if (online_ && data_.validation.num_samples > 0) {
      double loss = 0, error = 0;
      EvaluateOn(learner, result, data_.validation, loss, error);
      tally.validation_sum += error;
      ++tally.validation_points;
    }
  }

  void CheckConvergence() {
    double loss = 0, error = 0;
    EvaluateOn(learner_, result_, data_.train, loss, error);
    const std::string rule = rule_.Check(step_, loss, error);
    if (rule.empty()) return;
    converged_ = result_.converged = true;
    result_.stop_rule = rule;
    result_.stop_reason = "converged";
  }

  // The final evaluations of `tally`'s run, which ends at this step.
  void Finalise(L& learner, Tally& tally) {
    TrainResult& result = tally.result;
    result.steps = step_;
    if (result.status != RunStatus::kOk) return;
    if (result.curve.back().step != step_) Evaluate(learner, tally, step_);
    if (cfg_.evaluate_test) {
      RouterDiagnostics router;
      EvaluateOn(learner, result, data_.test, result.final_test_loss,
                 result.final_test_error, learner.routed() ? &router : nullptr);
      if (learner.routed()) result.router = std::move(router);
    }
    if (online_) {
      // No fixed training set: the last window's fresh minibatches.
      result.final_train_loss = result.curve.back().train_loss;
      result.final_train_error = result.curve.back().train_error;
    } else {
      EvaluateOn(learner, result, data_.train, result.final_train_loss,
                 result.final_train_error);
    }
    if (data_.validation.num_samples > 0) {
      EvaluateOn(learner, result, data_.validation, result.validation_loss,
                 result.validation_error);
      result.validation_score =
          tally.validation_points > 0
              ? tally.validation_sum / tally.validation_points
              : result.validation_error;
    }
    if (L::kMeasuresLoss && (!std::isfinite(result.final_test_loss) ||
                             !std::isfinite(result.final_train_loss))) {
      result.status = RunStatus::kDiverged;
      result.stop_reason = "diverged";
      result.message = "non-finite loss at the final evaluation";
      return;
    }
    learner.Finish(data_.train, result);
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
  Tally tally_;
  TrainResult& result_ = tally_.result;
  long step_ = 0;
  bool converged_ = false;
  double lowest_loss_ = std::numeric_limits<double>::infinity();
};

}  // namespace sim
