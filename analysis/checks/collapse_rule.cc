#include "analysis/checks/collapse_rule.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "analysis/checks/fit_checks.h"
#include "analysis/estimate/cell_conditions.h"
#include "analysis/records/composite_axis.h"
#include "analysis/text/format_number.h"

namespace sim {
namespace {

std::string Num(double x) { return FormatNumber(x); }

// A power as a divisor: "2", "(-1)".
std::string Divisor(double p) { return p < 0 ? "(" + Num(p) + ")" : Num(p); }

// The rule's variable, parsed (validated when the rule was parsed).
CompositeAxis VariableOf(const Rule& rule) {
  std::string error;
  return ParseComposite(rule.variable, error).value_or(CompositeAxis{});
}

}  // namespace

void ParseCollapseKeys(ObjectReader& r,
                       const std::vector<std::string>& models,
                       Rule& rule) {
  if (r.Has("numerator") || r.Has("denominator")) {
    rule.model = r.String("numerator", "");
    rule.model_b = r.String("denominator", "");
    for (const std::string* m : {&rule.model, &rule.model_b}) {
      if (std::find(models.begin(), models.end(), *m) == models.end())
        ThrowSpecError(
            r.PathOf(m == &rule.model ? "numerator" : "denominator"),
            "must name a model of the spec, got \"" + ClipName(*m) + "\"");
    }
    if (r.String("quantity", "N_star") != "N_star")
      ThrowSpecError(r.PathOf("quantity"), "a saving is of N*: \"N_star\"");
  } else {
    rule.model = r.String("model", "");
    if (std::find(models.begin(), models.end(), rule.model) == models.end())
      ThrowSpecError(r.PathOf("model"),
                     "must name a model of the spec (or give \"numerator\" "
                     "and \"denominator\"), got \"" +
                         ClipName(rule.model) + "\"");
    const std::string q = r.String("quantity", "N_star");
    const std::optional<Quantity> quantity = TermNamed(kQuantityTerms, q);
    if (!quantity)
      ThrowSpecError(r.PathOf("quantity"),
                     "must be " + TermNames(kQuantityTerms, true));
    rule.quantity = *quantity;
  }
  rule.variable = r.String("variable", "");
  rule.tolerance = r.Number("tolerance", rule.tolerance);
  if (!(rule.tolerance > 0))
    ThrowSpecError(r.PathOf("tolerance"), "must be > 0");
}

void SetCollapseAxes(ObjectReader& r,
                     const std::vector<std::string>& grid_axes,
                     Rule& rule) {
  for (const char* key : {"axis", "fit_axes"}) {
    if (r.Member(key) != nullptr)
      ThrowSpecError(r.PathOf(key),
                     "a collapse rule fits the axes of its \"variable\"");
  }
  const CompositeAxis variable =
      RequireComposite(rule.variable, r.PathOf("variable"), grid_axes);
  if (variable.factors.size() < 2)
    ThrowSpecError(r.PathOf("variable"),
                   "needs two or more axes to collapse, got \"" +
                       ClipName(rule.variable) + "\"");
  rule.fit_axes.clear();
  for (const CompositeFactor& f : variable.factors)
    rule.fit_axes.push_back(f.axis);
}

void CollapseDifference(const Fit& fit,
                        const std::vector<double>& powers,
                        double& value,
                        double& lo,
                        double& hi) {
  value = lo = hi = std::nan("");
  if (!fit.ok || fit.slope.size() < 2 || powers.size() < 2) return;
  value = fit.slope[0] / powers[0] - fit.slope[1] / powers[1];
  std::vector<double> boot;
  for (const std::vector<double>& c : fit.boot_coefficients)
    if (c.size() >= 3) boot.push_back(c[1] / powers[0] - c[2] / powers[1]);
  if (boot.empty()) return;
  lo = Percentile(boot, 0.025);
  hi = Percentile(boot, 0.975);
}

CheckRow EvaluateCollapseRule(const Rule& rule,
                              const std::vector<Cell>& cells) {
  const CompositeAxis variable = VariableOf(rule);
  std::vector<double> powers;
  for (const CompositeFactor& f : variable.factors) powers.push_back(f.power);
  const bool saving = !rule.model_b.empty();
  const std::string quantity =
      saving ? "N*_" + rule.model + " / N*_" + rule.model_b
             : std::string(QuantityLabel(rule.quantity)) + "_" + rule.model;
  const Fit fit =
      saving ? FitSaving(cells, rule.model, rule.model_b, rule.fit_axes)
             : FitCells(cells, rule.model, rule.fit_axes, rule.quantity);
  CheckRow row;
  CollapseDifference(fit, powers, row.measured, row.lo, row.hi);
  const std::string a = rule.fit_axes[0], b = rule.fit_axes[1];
  row.rule = quantity + " a function of " + rule.variable + ": a_" + a + "/" +
             Divisor(powers[0]) + " - a_" + b + "/" + Divisor(powers[1]) +
             " = 0, 95% half-width <= " + Num(rule.tolerance);
  row.note = "joint fit in " + a + ", " + b;
  if (fit.ok)
    row.note += ": a_" + a + " = " + Num(fit.slope[0]) + ", a_" + b + " = " +
                Num(fit.slope[1]);
  const std::string reason = FitInconclusiveReason(fit, row.lo, row.hi);
  if (!reason.empty()) {
    row.verdict = Verdict::kInconclusive;
    row.note = reason + "; " + row.note;
  } else if (row.lo > 0 || row.hi < 0) {
    row.verdict = Verdict::kFail;
  } else if ((row.hi - row.lo) / 2 > rule.tolerance) {
    row.verdict = Verdict::kInconclusive;
    row.note = "interval too wide to tell; " + row.note;
  } else {
    row.verdict = Verdict::kPass;
  }
  for (const std::string& model : {rule.model, rule.model_b}) {
    const std::string outside = OutsideConditionsNote(cells, model);
    if (!model.empty() && !outside.empty()) row.note += "; " + outside;
  }
  return row;
}

}  // namespace sim
