#include "analysis/theory/conditions.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analysis/text/format_number.h"
#include "analysis/theory/theory.h"

namespace sim {
namespace {

// One theorem's sizes at a cell, in log10, constants 1, logs dropped.
struct LogSizes {
  double width = 0;  // log10 of M_C, M_S or M_J
  double batch = 0;  // log10 of the theorem's B
  double eta_m = 0;  // log10 of the step-size bound on eta * m
};

// log10(p^a delta^b / eps^c): the pattern and separation factor every
// theorem shares.
double PatternFactor(const ConditionInputs& in, double a, double b, double c) {
  const double delta = SeparationDelta(in.delta_d, in.delta_r);
  return a * std::log10(in.p) + b * std::log10(delta) - c * std::log10(in.eps);
}

// The one-step descent lemmas' step size times m with gamma = 1/(p
// sqrt(delta)) and v = eps^2: gamma^3 v^2 = eps^4 / (p^3 delta^1.5).
double StepFactor(const ConditionInputs& in) {
  return 4 * std::log10(in.eps) - PatternFactor(in, 3, 1.5, 0);
}

// log10 of n^a l^b k^c.
double SizeFactor(const ConditionInputs& in, const SizeOrder& o) {
  const auto term = [](double e, double x) {
    return e == 0 ? 0.0 : e * std::log10(x);
  };
  return term(o.n, in.n) + term(o.l, in.l) + term(o.k, in.k);
}

LogSizes SizesOf(const TheoremOrders& o, const ConditionInputs& in) {
  return {SizeFactor(in, o.width) + PatternFactor(in, 12, 6, 16),
          SizeFactor(in, o.batch) + PatternFactor(in, 6, 3, 8),
          SizeFactor(in, o.step) + StepFactor(in)};
}

// "1e-35" for a ratio far from 1, "0.42" near it.
std::string RatioText(double log_ratio) {
  if (std::abs(log_ratio) < 3) return FormatNumber(std::pow(10, log_ratio));
  return "1e" + std::to_string(static_cast<long>(std::lround(log_ratio)));
}

// value >= required (or <= where `at_most`), unknown where value is NaN.
Condition Bound(std::string name,
                double value,
                double required,
                bool at_most,
                std::string source) {
  Condition c;
  c.name = std::move(name);
  c.value = value;
  c.required = required;
  c.rule = (at_most ? "<= " : ">= ") + FormatNumber(required, "%.3g");
  c.source = std::move(source);
  if (!std::isnan(value) && !std::isnan(required))
    c.holds = at_most ? value <= required : value >= required;
  return c;
}

Condition LogRatio(const std::string& name,
                   double log_ratio,
                   const std::string& source,
                   const std::string& what) {
  Condition c = Bound(name, log_ratio, 0, false, source);
  c.failure = what.substr(0, what.find(' ')) + " " + RatioText(log_ratio) +
              what.substr(what.find(' '));
  return c;
}

void AddPatchConditions(const TheoremOrders& o,
                        const LogSizes& sizes,
                        const ConditionInputs& in,
                        std::vector<Condition>& out) {
  if (o.router_samples) {
    const double needed = 2 * std::log10(in.n) - 3 * std::log10(1 - in.delta_d);
    out.push_back(LogRatio("log10_router_samples_ratio",
                           std::log10(in.router_samples) - needed, "Lemma 4.1",
                           "N_r of n^2/(1-delta_d)^3"));
  }
  Condition eta = Bound("eta_times_m", in.eta * in.m, std::pow(10, sizes.eta_m),
                        true, o.step_source);
  eta.failure = "eta*m " + RatioText(std::log10(eta.value / eta.required)) +
                " times its bound";
  out.push_back(eta);
  if (o.router_samples) {
    Condition l = Bound("l_minus_l_star", in.l - in.l_star, 0, false,
                        "Theorem 4.2, Lemma 4.1");
    l.failure = "l - l* = " + FormatNumber(l.value, "%g");
    out.push_back(l);
  }
}

void AddDataConditions(const TheoremOrders& o,
                       const ConditionInputs& in,
                       std::vector<Condition>& out) {
  Condition delta;
  delta.name = "separation_delta";
  delta.value = SeparationDelta(in.delta_d, in.delta_r);
  delta.rule = "finite: max(delta_d^2, delta_r^2) < 1";
  delta.source = "eq. (9)";
  if (!std::isnan(delta.value)) delta.holds = std::isfinite(delta.value);
  delta.failure = "delta infinite";
  out.push_back(delta);
  const double ball =
      std::sqrt((1 - in.delta_r * in.delta_r) / (in.d * in.p * in.p));
  Condition diameter =
      Bound("set_diameter", in.set_diameter, ball, true, "data model (Sec. 3)");
  diameter.failure = "set diameter " +
                     RatioText(std::log10(diameter.value / ball)) +
                     " times the ball";
  out.push_back(diameter);
  if (!o.routed) return;
  Condition init =
      Bound("router_init_std", in.router_init_std,
            1 / (in.n * in.n * std::sqrt(in.d)), true, "eq. (7), Lemma E.2");
  init.failure = "router init " +
                 RatioText(std::log10(init.value / init.required)) +
                 " times 1/(n^2 sqrt d)";
  out.push_back(init);
}

std::string Summarise(const TheoremConditions& t) {
  std::string failed, unknown;
  for (const Condition& c : t.conditions) {
    if (!c.holds)
      unknown += (unknown.empty() ? "" : ", ") + c.name;
    else if (!*c.holds)
      failed += (failed.empty() ? "" : ", ") + c.failure;
  }
  std::string line =
      !t.within ? "the conditions of " + t.theorem + " are not computable"
      : *t.within
          ? "within the conditions of " + t.theorem
          : "outside the theorem's conditions (" + t.theorem + "): " + failed;
  if (t.within && !unknown.empty()) line += "; not computable: " + unknown;
  return line;
}

}  // namespace

const Condition* TheoremConditions::Find(const std::string& name) const {
  for (const Condition& c : conditions)
    if (c.name == name) return &c;
  return nullptr;
}

double SeparationDelta(double delta_d, double delta_r) {
  const double worst = std::max(delta_d * delta_d, delta_r * delta_r);
  if (std::isnan(worst)) return worst;
  return worst >= 1 ? std::numeric_limits<double>::infinity() : 1 / (1 - worst);
}

double SyntheticSetDiameter(double delta_d,
                            double delta_r,
                            double radius,
                            int confusers,
                            double alpha) {
  // Directions c = unit(e_j + r z): at most 2R/sqrt(1+R^2) apart, with
  // cosine at least (1-R^2)/(1+R^2) (opposite z, r = R).
  const double spread = 2 * radius / std::sqrt(1 + radius * radius);
  const double min_cos = (1 - radius * radius) / (1 + radius * radius);
  const double g = delta_r / std::sqrt((1 + delta_d) / 2);
  const double plain = std::sqrt(1 - g * g);  // the length along c
  double diameter = plain * spread;
  if (confusers > 0) {
    const double c = std::sqrt(1 - alpha * alpha);
    // Two confusers of opposite sides; a confuser and a plain pattern.
    diameter = std::max(diameter,
                        std::sqrt(4 * alpha * alpha + c * c * spread * spread));
    diameter = std::max(diameter, std::sqrt(2 - 2 * plain * c * min_cos));
  }
  return diameter;
}

TheoremConditions EvaluateConditions(const std::string& type,
                                     const ConditionInputs& in) {
  TheoremConditions t;
  const std::optional<TheoremOrders> orders = TraitsOf(type).theorem;
  if (!orders) {
    t.summary = "no theorem of the paper covers model type \"" + type + "\"";
    return t;
  }
  const LogSizes sizes = SizesOf(*orders, in);
  t.theorem = orders->theorem;
  t.conditions.push_back(
      LogRatio("log10_width_ratio", std::log10(in.m) - sizes.width,
               orders->source, "width of " + std::string(orders->width_name)));
  t.conditions.push_back(
      LogRatio("log10_batch_ratio", std::log10(in.B) - sizes.batch,
               orders->source, "batch of " + std::string(orders->batch_name)));
  AddPatchConditions(*orders, sizes, in, t.conditions);
  AddDataConditions(*orders, in, t.conditions);
  // Within: every computable condition holds, judged only where the width
  // (the theorem's first condition) is computable.
  if (t.conditions.front().holds) {
    t.within = true;
    for (const Condition& c : t.conditions)
      if (c.holds && !*c.holds) t.within = false;
  }
  t.summary = Summarise(t);
  return t;
}

}  // namespace sim
