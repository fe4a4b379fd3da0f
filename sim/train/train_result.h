// What one training run produces (ceres-style Summary: failures are data).
#pragma once

#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/data/dataset.h"

namespace sim {

enum class RunStatus { kOk, kDiverged, kFailed };

const char* RunStatusName(RunStatus status);

// One evaluation point. Train values are averages over the minibatches since
// the previous point (free to compute); test values are over the full test
// set. NaN = not measured (records write null): training metrics at step 0,
// losses of single-index runs.
struct CurvePoint {
  long step = 0;
  double epoch = 0;
  double train_loss = std::nan("");
  double train_error = std::nan("");
  double test_loss = std::nan("");
  double test_error = std::nan("");
  // Single-index runs: alignment with the teacher directions (NaN if n/a).
  double local_alignment = std::nan("");
  double global_alignment = std::nan("");
  // Lemma G.1's coupling: the fraction of neuron-patch activation signs on
  // a fixed probe set that differ from those at initialisation (NaN where
  // the model does not measure it).
  double sign_changed = std::nan("");
};

// Router diagnostics on the test set [P Figs. 8-9]. Entry [s][c] is over the
// test samples of class c (0: y = +1, 1: y = -1).
struct RouterDiagnostics {
  int num_experts = 0;
  // Fraction whose discriminative patch is in expert s's top-l (Fig. 8).
  std::vector<std::vector<double>> in_top_l;
  // Fraction whose discriminative patch has expert s's largest routing value,
  // hence its largest gate (Fig. 9, Assumption 4.4).
  std::vector<std::vector<double>> top_gated;
  // Separate training: mean over classes of in_top_l[c][c] (expert 0 serves
  // y = +1, expert 1 serves y = -1, Lemma 4.1). Joint: mean over classes of
  // the best expert's in_top_l.
  double recall = 0;
  // Mean over classes of max_s top_gated[s][c] (Fig. 9).
  double top_gated_best = 0;
  // Entry [s][c][r]: test samples of class c whose discriminative patch has
  // rank r + 1 (1 = largest routing value) under expert s's router, the l
  // that router would need for them (Lemma 4.1's l*). Final evaluation only.
  std::vector<std::vector<std::vector<long>>> signal_rank;
};

// Top-1 MoE and single-index MoE: dispatch [cluster][expert] (of the
// training set under noisy routing, or of the test set), and its entropy
// (nats; Chen et al. 2022, eq. 6.1).
struct Dispatch {
  std::vector<std::vector<int>> matrix;
  double entropy = 0;
};

// Single-index runs (Kawata et al. 2025): mean over clusters of the best
// |<w, w*_c>| over all neurons (local), best |<w, w*_g>| (global), and the
// fraction of test samples routed to an expert together with the majority
// of their cluster (router purity; 1 for the vanilla network).
struct Alignment {
  double local = 0, global = 0, router_purity = 1;
};

// Where a run's time went, in seconds (for the benchmark and timings; not
// part of the records). Learning-rate selection adds up its trials.
struct RunTiming {
  double generation = 0;  // the data sets, and online draws of fresh samples
  double routing = 0;     // phases before SGD: router phase, route caching
  double steps = 0;       // SGD steps (minibatch loading included)
  double evaluation = 0;  // whole-set evaluations
  double Total() const { return generation + routing + steps + evaluation; }
  void Add(const RunTiming& other) {
    generation += other.generation;
    routing += other.routing;
    steps += other.steps;
    evaluation += other.evaluation;
  }
};

struct TrainResult {
  RunStatus status = RunStatus::kOk;
  std::string message;
  long steps = 0;
  bool stopped_early = false;  // by TrainConfig::early_stop_rise, at `steps`
  double final_train_loss = 0, final_train_error = 0;  // full training set
  double final_test_loss = 0, final_test_error = 0;
  std::vector<CurvePoint> curve;
  std::vector<long> first_hit_step;  // per target; -1 if never reached
  DataStats train_stats, test_stats;
  // The model type's own diagnostics, where it has them.
  std::optional<RouterDiagnostics> router;  // patch-routed models
  std::optional<Dispatch> dispatch;         // sample-routed models
  std::optional<Alignment> alignment;       // single-index students
  // Models whose routers train with the experts (Assumption 4.4): the
  // router diagnostics at every curve point (in_top_l and top_gated only).
  std::vector<RouterDiagnostics> router_curve;
  // Why training ended ("epochs", "budget_spent", "converged", "step_cap",
  // "early_stop", "diverged") and, under the converged protocol, whether
  // the stopping rule fired ("zero_error" or "plateau" in stop_rule).
  std::string stop_reason;
  bool converged = false;
  std::string stop_rule;
  // Error and loss on the validation set, when there is one, and the score
  // that learning-rate selection minimises: under the online protocol the
  // mean validation error over the evaluation schedule (in log steps: the
  // rate that gets low early at every scale, which is what T*(eps) for
  // every eps rewards), else the final validation error.
  double validation_loss = std::nan(""), validation_error = std::nan("");
  double validation_score = std::nan("");
  // Learning-rate selection: the chosen rate and every candidate's result;
  // empty without selection. Under successive halving, `budget` is the
  // candidate's last (epochs or max_steps), else 0.
  struct RateTrial {
    double learning_rate, validation_error, validation_score;
    long budget = 0;
  };
  double chosen_learning_rate = std::nan("");
  std::vector<RateTrial> learning_rate_trials;
  double train_flops = 0;   // analytic, training steps incl. router phase
  double router_flops = 0;  // of which the router phase (Algorithm 1)
  double step_flops = 0;    // one SGD step on a full minibatch B
  double eval_flops = 0;    // analytic, evaluations
  double wall_seconds = 0;  // training (data generation excluded)
  RunTiming timing;
  // With TrainConfig::branch_at: the record of the run with max_steps =
  // branch_at, finalised on the way (never written itself).
  std::shared_ptr<TrainResult> branch;
};

}  // namespace sim
