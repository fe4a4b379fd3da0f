// Everything that determines one training run: data, model, training
// options and seeds. A run's result is a pure function of this struct.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/data/data_config.h"
#include "sim/train/adam.h"
#include "sim/train/model_config.h"

namespace sim {

enum class Precision { kFloat, kDouble };

// How expert weights move: plain SGD, normalised GD (the top-1 MoE of Chen
// et al.: each expert's step has length learning_rate), or Adam (adam.h;
// Chen et al.'s code trains its single-model baselines so).
enum class ExpertUpdate { kSgd, kNormalized, kAdam };

// Where Algorithm 1's routers take their N_r samples from.
enum class RouterData {
  kTrainingSet,  // the first N_r of the experts' N (the paper; the code: all)
  kIndependent,  // N_r fresh samples of the same distribution, so the
                 // experts' N does not also pay for the routers (Lemma 4.1's
                 // N_r ~ n^2 vs Theorem 4.2's N with no n)
};

// How Algorithm 1's router step and batch are set.
enum class RouterSchedule {
  kFixed,    // router_learning_rate and router_batch_size as given
  kLemma41,  // Lemma 4.1's: step router_learning_rate / n, batch
             // router_batch_size * n^2 (the constants of its Theta/Omega)
};

// How long a run trains and on which samples (docs/protocols.md).
enum class Protocol {
  kBudget,    // a fixed number of epochs over the N training samples (the
              // paper's figures); N* then mixes samples and SGD steps
  kOnline,    // one-pass SGD: every step draws B fresh samples, max_steps
              // steps; N*(eps) = B T*(eps), the quantity the theorems bound
  kConverged  // the N training samples until a stopping rule says the
              // optimiser is done (ConvergenceRule), at most max_steps steps
};

const char* ProtocolName(Protocol protocol);

// How the learning rate is chosen among candidates (rate_selection.h):
// every candidate trains the whole run, or successive halving (short
// budgets first, the better half kept, the budget doubled).
enum class RateSelection { kFull, kHalving };

struct TrainConfig {
  double learning_rate = 0.2;  // eta, experts / joint / CNN
  int batch_size = 20;         // B
  int epochs = 150;            // passes over the N samples; 1 = the theory's
                               // single-pass SGD (T = N / B)
  bool shuffle = true;         // reshuffle every epoch (as Keras fit does)
  ExpertUpdate expert_update = ExpertUpdate::kSgd;
  int eval_every = 0;  // steps between test evaluations; 0 = 1 epoch
  // Chen et al.'s code stops when a step's loss (computed before the update)
  // exceeds the lowest so far by more than this (0.02 there); the paper and
  // the theory run all steps. 0 = off.
  double early_stop_rise = 0;
  // If > 0, the rise stops the run only in epochs after this one (0-based,
  // as the code's single baselines' `epoch > 500`); the lowest loss is
  // tracked from the first step.
  int early_stop_after_epochs = 0;
  // expert_update "adam": its constants and a coupled L2 weight decay.
  AdamConfig adam;
  double weight_decay = 0;
  std::vector<double> targets = {0.1, 0.05};  // test-error targets epsilon
  // Router phase of Algorithm 1 (separate training only), on the linear
  // loss of eq. (6) over router_samples samples (see RouterData). For the
  // top-1 MoE, router_learning_rate is the router's GD step.
  double router_learning_rate = 0.2;  // eta_r
  int router_batch_size = 20;         // B_r
  int router_epochs = 100;            // 1 = single pass, T_r = N_r / B_r
  int router_samples = 0;             // N_r; 0 = all N (as the code does)
  RouterData router_data = RouterData::kTrainingSet;
  RouterSchedule router_schedule = RouterSchedule::kFixed;
  // The frozen routers' choice for each training sample is computed once
  // per run instead of at every step (the same patches, far less memory
  // traffic); false recomputes it at every step, to check that.
  bool cache_routes = true;
  Protocol protocol = Protocol::kBudget;
  long max_steps = 0;  // online: the budget T; converged: the step cap
  // Learning-rate selection: each candidate trains the whole run (same
  // seeds) and the one with the lowest error on validation_size held-out
  // samples of the training distribution is kept. Empty: learning_rate.
  std::vector<double> learning_rate_candidates;
  RateSelection rate_selection = RateSelection::kFull;
  // False for selection's short trials, which only the validation set
  // judges: the SGD loop then skips the test set (set by the selection,
  // never by a spec).
  bool evaluate_test = true;
  // Online: also finalise, when the run reaches this step (or stops
  // before), the record a run with max_steps = branch_at gives
  // (TrainResult::branch); 0 = none. Set by the trainer when a TrialMemo
  // pairs two budgets (trial_memo.h), never by a spec, never in a record.
  long branch_at = 0;
  int validation_size = 0;
  // Test evaluations at about this many geometrically spaced steps per
  // decade (1, 2, 3, ... then x 10^(1/k)); 0 = every eval_every steps;
  // -1 = the protocol's default (EvalPointsPerDecade).
  int eval_points_per_decade = -1;
  // Converged protocol: the run has converged when, at an evaluation, the
  // full training set has zero error and mean loss <= stop_train_loss, or
  // (after stop_min_epochs epochs) its fall since the evaluation at half the
  // steps is below the fraction stop_plateau of its whole fall so far.
  double stop_train_loss = 0.05;
  double stop_plateau = 0.01;
  int stop_min_epochs = 10;
};

// 16 points per decade under the online and converged protocols, per
// epoch under the budget protocol, unless the config says otherwise.
// Steps of one epoch as the SGD loop counts them: ceil(N / B) on a fixed
// set of N samples; an online run's one "epoch" is its max_steps.
inline long StepsPerEpoch(const TrainConfig& t, long train_size) {
  if (t.protocol == Protocol::kOnline) return std::max(t.max_steps, 1L);
  return (train_size + t.batch_size - 1) / t.batch_size;
}

inline int EvalPointsPerDecade(const TrainConfig& t) {
  if (t.eval_points_per_decade >= 0) return t.eval_points_per_decade;
  return t.protocol == Protocol::kBudget ? 0 : 16;
}

// Whether a run's steps and evaluations up to any step T are those of the
// same run with max_steps = T: online, with evaluation points that do not
// depend on max_steps (geometric, or every eval_every steps; without
// either an online run evaluates only at its end). Such a run trained to
// the larger of two budgets also gives the smaller's record (branch_at).
inline bool StepsIndependentOfBudget(const TrainConfig& t) {
  return t.protocol == Protocol::kOnline &&
         (EvalPointsPerDecade(t) > 0 || t.eval_every > 0);
}

// Independent random streams of one run (rng.h).
struct RunSeeds {
  uint64_t data = 0;     // patterns, train and test samples
  uint64_t init = 0;     // model weights
  uint64_t shuffle = 0;  // minibatch order
};

// Seeds of a single run derived from one master seed.
RunSeeds SeedsFromMaster(uint64_t master_seed);

struct RunConfig {
  DataConfig data;
  ModelConfig model;
  TrainConfig train;
  Precision precision = Precision::kFloat;
  RunSeeds seeds;
};

// Throws ConfigError naming the field ("data.num_patches", "model.top_l",
// "training.learning_rate", ...) and the rule.
void ValidateRunConfig(const RunConfig& config);

}  // namespace sim
