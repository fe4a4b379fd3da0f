#include "analysis/checks/fit_checks.h"

#include <algorithm>
#include <cmath>

#include "analysis/estimate/cell_conditions.h"
#include "analysis/fits/scaling_fit.h"
#include "analysis/fits/theory_basis.h"
#include "analysis/text/format_number.h"

namespace sim {
namespace {

std::string Num(double x) { return FormatNumber(x); }

// The fit a rule judges, and what it measures in words.
Fit RuleFit(const Rule& rule,
            const std::vector<Cell>& cells,
            std::string& what) {
  if (rule.kind == RuleKind::kSavingSlope) {
    what = "slope of log(N*_" + rule.model + " / N*_" + rule.model_b +
           ") in log " + rule.axis;
    return FitSaving(cells, rule.model, rule.model_b, rule.fit_axes);
  }
  what = "slope of log " + std::string(QuantityLabel(rule.quantity)) + "_" +
         rule.model + " in log " + rule.axis;
  return FitCells(cells, rule.model, rule.fit_axes, rule.quantity);
}

std::string CellsNote(const Fit& fit) {
  std::string note = std::to_string(fit.uncensored) + " uncensored cells";
  if (fit.censored) {
    note += ", " + std::to_string(fit.censored - fit.left_out) +
            " censored as intervals";
    if (fit.left_out) note += ", " + std::to_string(fit.left_out) + " left out";
  }
  if (fit.ok && fit.method != "least squares") note += "; " + fit.method;
  if (fit.boot_dropped) {
    note += "; " + Num(100 * fit.DroppedFraction()) +
            "% of bootstrap replicates dropped";
  }
  return note;
}

}  // namespace

void SlopeInterval(const Fit& fit, size_t a, double& lo, double& hi) {
  lo = hi = std::nan("");
  if (!fit.ok) return;
  lo = fit.lo[a];
  hi = fit.hi[a];
  if ((std::isnan(lo) || std::isnan(hi)) && std::isfinite(fit.se[a])) {
    lo = fit.slope[a] - 2 * fit.se[a];
    hi = fit.slope[a] + 2 * fit.se[a];
  }
}

std::string FitInconclusiveReason(const Fit& fit, double lo, double hi) {
  const int needed = fit.Coefficients() + 1;
  if (!fit.ok) return fit.note;
  if (fit.uncensored < needed) {
    return std::to_string(fit.uncensored) +
           " uncensored cells, a verdict needs " + std::to_string(needed);
  }
  if (std::isnan(lo) || std::isnan(hi)) return "no interval";
  if (fit.DroppedFraction() > kMaxDroppedFraction) {
    return "more than " + Num(100 * kMaxDroppedFraction) +
           "% of bootstrap replicates dropped";
  }
  // Cells off a line cannot give every replicate the same slope unless the
  // cells' estimates are quantised: on a coarse N grid (or evaluation
  // schedule) with few repeats each replicate can hit the same grid values,
  // and [s, s] is the grid's artefact, not precision. "Off a line": a
  // residual sd well above the censored fit's floor (1e-8), which exact
  // data sits at.
  const double width = hi - lo,
               scale = std::max({1.0, std::abs(lo), std::abs(hi)});
  if (fit.boot_used > 0 && fit.sigma > 1e-6 && width <= 1e-9 * scale) {
    return "the bootstrap interval collapsed to a point although the cells "
           "are not on a line: the cells' estimates are quantised by the grid "
           "(N or evaluation steps); refine it or add repeats";
  }
  return "";
}

namespace {

// The verdict of the rule on the fit's numbers; sets `misconfigured` for a
// failure that no data can change (a theory_bound with no theory).
Verdict Judge(const Rule& rule,
              const ResultsSet& results,
              const std::string& what,
              CheckRow& row,
              bool& misconfigured) {
  if (rule.kind == RuleKind::kTheoryBound) {
    const TheoryComparison theory =
        TheoryFor(results, rule.model, rule.axis, rule.quantity);
    const double bound = theory.exponent;
    row.rule = what + " not above the theory's " + Num(bound) + " (" +
               theory.basis + ") on its 95% interval";
    if (std::isnan(bound)) {
      row.note = "the theory states no exponent for " + rule.model + " in " +
                 rule.axis + " (" + theory.basis + "); " + row.note;
      misconfigured = true;
      return Verdict::kFail;
    }
    // Consistent when the whole interval lies at or below the bound.
    Bounds at_most;
    at_most.has_hi = true;
    at_most.hi = bound;
    return at_most.Judge(row.lo, row.hi);
  }
  if (rule.kind == RuleKind::kFlat) {
    row.rule =
        what + " is 0: interval contains 0, width <= " + Num(rule.max_width);
    if (row.lo > 0 || row.hi < 0) return Verdict::kFail;
    if (row.hi - row.lo > rule.max_width) {
      row.note = "interval too wide to tell; " + row.note;
      return Verdict::kInconclusive;
    }
    return Verdict::kPass;
  }
  row.rule = what + " " + rule.bounds.Text() + " on its 95% interval";
  return rule.bounds.Judge(row.lo, row.hi);
}

}  // namespace

CheckRow EvaluateFitRule(const Rule& rule,
                         const ResultsSet& results,
                         const std::vector<Cell>& cells) {
  CheckRow row;
  std::string what;
  const Fit fit = RuleFit(rule, cells, what);
  const size_t a =
      std::find(rule.fit_axes.begin(), rule.fit_axes.end(), rule.axis) -
      rule.fit_axes.begin();
  if (fit.ok) row.measured = fit.slope[a];
  SlopeInterval(fit, a, row.lo, row.hi);
  row.note = CellsNote(fit);
  const std::string reason = FitInconclusiveReason(fit, row.lo, row.hi);
  bool misconfigured = false;
  row.verdict = Judge(rule, results, what, row, misconfigured);
  if (!reason.empty() && !misconfigured) {
    row.verdict = Verdict::kInconclusive;
    row.note = reason + "; " + row.note;
  } else if (row.verdict == Verdict::kInconclusive &&
             row.note.find("too wide") == std::string::npos) {
    row.note = "the 95% interval straddles the threshold; " + row.note;
  }
  // A pass outside the theorem's conditions is "not refuted", not
  // "verified": say so.
  for (const std::string& model : {rule.model, rule.model_b}) {
    const std::string outside = OutsideConditionsNote(cells, model);
    if (!model.empty() && !outside.empty()) row.note += "; " + outside;
  }
  return row;
}

CheckRow EvaluateOptimisedRule(const Rule& rule,
                               const std::vector<Cell>& cells) {
  CheckRow row;
  std::string names;
  for (const std::string& m : rule.models)
    names += (names.empty() ? "" : ", ") + m;
  row.rule = "no cell of " + names +
             " in a fit optimisation-limited in more than " +
             Num(100 * rule.max_fraction) + "% of its runs";
  int judged = 0, flagged = 0;
  std::string worst;
  for (const Cell& cell : cells) {
    if (std::find(rule.models.begin(), rule.models.end(), cell.model) ==
        rule.models.end())
      continue;
    // Cells that enter the N* fits: uncensored, or censored with a bound.
    if (!std::isfinite(cell.n_star.value) || std::isnan(cell.limited_fraction))
      continue;
    ++judged;
    flagged += cell.limited_fraction > rule.max_fraction;
    if (std::isnan(row.measured) || cell.limited_fraction > row.measured) {
      row.measured = cell.limited_fraction;
      worst = cell.Label();
    }
  }
  row.note = std::to_string(judged) + " cells judged, " +
             std::to_string(flagged) + " optimisation-limited" +
             (worst.empty() ? "" : "; worst " + worst);
  row.verdict = judged == 0                        ? Verdict::kInconclusive
                : row.measured > rule.max_fraction ? Verdict::kFail
                                                   : Verdict::kPass;
  return row;
}

}  // namespace sim
