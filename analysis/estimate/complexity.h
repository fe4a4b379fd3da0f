// Sample complexity N*(eps) and iteration complexity T*(eps) per cell.
//
// A cell is one model at one point of every grid axis but N. At each N the
// success probability is the fraction of repeats whose final test error is
// <= eps (failed runs are failures). N* is the smallest N at which it
// reaches q (default 0.9), interpolated linearly in log N between the two
// grid points that straddle q. If already the smallest N succeeds, N* is
// censored below ("<= N_min"); if no N does, above ("> N_max"): censored
// cells are reported as such, never dropped silently. T* is the q-quantile
// over repeats of the step at which a run reaches eps, at the cell's largest
// N (a run that never gets there counts as infinite). By default (TStarRule
// kStays, as the theorems bound the error after T steps) a run reaches eps
// at the first evaluation after which its test error stays <= eps to the
// end; kFirstTouch takes the first evaluation with error <= eps. A T* at or
// before the first evaluation after step 0 is censored below ("<= step"),
// and so is a cell whose runs mostly chose an edge learning-rate candidate
// (rate_selection.h): a rate beyond the candidates might have done better.
// Confidence intervals: percentile bootstrap over repeats (resampled within
// each N), with a fixed seed.
//
// Validity: a run is optimisation-limited when it ended limited by its
// optimiser, not its samples (see OptimisationLimitation); each grid point
// and cell reports the fraction of such runs and the mean generalisation gap
// (test error - train error), so a N* that measures an optimiser's budget is
// visible as such.
#pragma once

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "analysis/records/records.h"
#include "analysis/theory/conditions.h"

namespace sim {

enum class Censor { kNone, kBelow, kAbove };

struct Estimate {
  double value = std::numeric_limits<double>::quiet_NaN();
  double lo = std::numeric_limits<double>::quiet_NaN();  // 2.5% bootstrap
  double hi = std::numeric_limits<double>::quiet_NaN();  // 97.5% bootstrap
  Censor censor = Censor::kNone;
  double boot_censored = 0;  // fraction of bootstrap replicates censored
  // A target not reached (value +inf, censored above): the bound it lies
  // beyond, from each run's last evaluated step (B times it for N* online).
  double bound = std::numeric_limits<double>::quiet_NaN();
  bool usable() const { return censor == Censor::kNone && value == value; }
  // The value analysis.json and cells.csv carry: the estimate, or for a
  // censored one its bound (N* > N_max or <= N_min; T* > the bound).
  double Reported() const {
    return censor == Censor::kAbove && std::isinf(value) ? bound : value;
  }
  std::string Text() const;
};

struct GridPoint {
  double N = 0;
  int runs = 0;
  double success = 0;  // fraction of runs with test error <= eps
  double mean_error = 0, sd_error = 0;
  double mean_recall = 0, mean_top_gated = 0;
  std::vector<double> errors;  // per run (1 for failed runs)
  std::vector<double> hits;    // per run reach step (TStarRule), +inf if never
  std::vector<Censor> hit_censor;  // per run: kBelow at the first evaluation
  int failed = 0;
  int limited = 0, judged = 0;  // optimisation-limited runs, of those judged
  double mean_gap = std::numeric_limits<double>::quiet_NaN();  // test - train
  int gap_runs = 0;  // runs with both final errors measured
};

// A cell's quantity beside N* and T*: its estimate and bootstrap replicates
// (NaN where a replicate is censored above; its censoring per replicate).
struct CellQuantity {
  Estimate estimate;
  std::vector<double> boot;
  std::vector<Censor> boot_censor;
};

// The quantities cells carry, fits take and rules name: N*, T*, the joint
// router's properness time T' (router_properness.h), the training FLOPs
// until T* (cost_to_target.h), and the routers' sample complexity N_r*
// (router_samples.h; its cells are those of SummariseRouterCells).
enum class Quantity { kNStar, kTStar, kTPrime, kCost, kRouterNStar };
// "N*", "T*", "T'", "cost", "N_r*": the quantity as analysis.json names it.
const char* QuantityLabel(Quantity quantity);

// A cell's coordinates as the tables print them: "n=16 l=4" ("" for none).
std::string CoordsText(const std::map<std::string, double>& coords);

struct Cell {
  std::string model, type;
  std::map<std::string, double> coords;  // every grid coordinate but N
  std::map<std::string, double> params;  // n, d, m, k, l of the cell
  std::vector<GridPoint> points;         // ascending N
  Estimate n_star, t_star;
  // Jointly trained routers' properness time and the cost to reach eps
  // (NaN estimates where a cell has none).
  CellQuantity t_prime, cost;
  // The median over runs of the l their routers need (RankNeeded), beside
  // the data's l* (NaN without router.signal_rank).
  double router_l_needed = std::numeric_limits<double>::quiet_NaN();
  // The data's l* beside it (the largest of the runs' data_stats.l_star).
  double data_l_star = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> n_star_boot, t_star_boot;  // NaN where censored
  std::vector<Censor> n_star_boot_censor;        // per replicate
  std::vector<Censor> t_star_boot_censor;        // per replicate
  // "largest" or "smallest" where most runs chose that edge of the
  // learning-rate candidates (N* and T* are then upper limits, censored
  // below); "" otherwise.
  std::string rate_edge;
  // Validity over every run of the cell (NaN where no run could be judged).
  double limited_fraction = std::numeric_limits<double>::quiet_NaN();
  double mean_gap = std::numeric_limits<double>::quiet_NaN();
  bool OptimisationLimited() const { return limited_fraction > 0; }
  std::string Label() const;  // "cnn n=16": the model, then CoordsText
  // " (largest eta)" for a rate-edge cell, for the tables; "" otherwise.
  std::string RateEdgeMark() const {
    return rate_edge.empty() ? "" : " (" + rate_edge + " eta)";
  }
  // Trained online: one pass of fresh samples, no N axis; N* = B T*.
  bool online = false;
  // The conditions of the theorem for the cell's model type, at the
  // analysis target (analysis/estimate/cell_conditions.h).
  TheoremConditions conditions;
};

enum class Limitation { kLimited, kNotLimited, kUnknown };

// Whether a run ended limited by its optimiser for target eps. Diverged runs
// are. Budget and converged protocols: final train error > eps/2 (a model
// that cannot fit its own training set is under-trained), and under
// converged also a stop record with "converged": false (the step cap ended
// it). Online (no fixed training set): the stop record only, limited when
// a step cap ended it unconverged; spending the step budget
// ("budget_spent") or an early stop is the designed end (the budget is the
// measurement window: a target not reached within it censors T*, it does
// not invalidate it). Unknown when nothing was measured.
Limitation OptimisationLimitation(const RunRecord& run, double target);

// When a run has reached eps: from the evaluation after which its test
// error stays <= eps to the end ("stays"), or at its first evaluation with
// error <= eps ("first_touch").
enum class TStarRule { kStays, kFirstTouch };
const char* TStarRuleName(TStarRule rule);
// "the first evaluation step after which ..." for the reports.
std::string TStarDefinition(TStarRule rule);

struct ComplexityOptions {
  double target = 0.1;   // eps
  double success = 0.9;  // q
  int bootstrap = 500;   // replicates
  uint64_t seed = 1;
  TStarRule t_star = TStarRule::kStays;
  // eps_r: a router does its job when it fails at most this fraction of
  // test samples (analysis.router_target; router_samples.h,
  // router_properness.h).
  double router_target = 0.05;
  // Composites of grid axes ("n/l") that analyze fits against
  // (analysis.composite_axes; composite_axis.h).
  std::vector<std::string> composite_axes;
};

// Threshold crossing of `success` (ascending N) at level q, in log N.
Estimate CrossingPoint(const std::vector<double>& N,
                       const std::vector<double>& success,
                       double q);

// Percentile p of the non-NaN values (linear between order statistics;
// +inf stays +inf), for bootstrap intervals.
double Percentile(std::vector<double> values, double p);

// The q-quantile of `values` (lower empirical quantile; +inf allowed).
double Quantile(std::vector<double> values, double q);

// Bound of a T* not reached: the q-quantile of each run's first hit, or
// of its last evaluated step where it never hit (`hits[i]` +inf).
double ReachBound(const std::vector<const RunRecord*>& runs,
                  const std::vector<double>& hits,
                  double q);

std::vector<Cell> SummariseCells(const ResultsSet& results,
                                 const ComplexityOptions& options);

// A cell's estimate of `quantity` (N_r* cells carry it as n_star), its
// bootstrap replicates and their censoring.
const Estimate& CellEstimate(const Cell& cell, Quantity quantity);
const std::vector<double>& CellBoot(const Cell& cell, Quantity quantity);
const std::vector<Censor>& CellBootCensor(const Cell& cell, Quantity quantity);

}  // namespace sim
