// The closed vocabularies of "expect" rules: the fitted quantity, the
// metric of value and trend rules, a trend's direction, an upper bound's
// form and a value's statistic. Each has one table of spec names, read
// once where a rule is parsed (ParseRule) and written back only in text
// (check's rows, analysis.json), so the names there stay the spec's.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "analysis/fits/scaling_fit.h"

namespace sim {

// A rule's verdict (VerdictName in expectations.h gives its name).
enum class Verdict { kPass, kFail, kInconclusive };

// A metric of the runs that value and trend rules judge (RunMetric in
// expectations.cc says how each is read from a record).
enum class Metric {
  kTestError,
  kSuccess,
  kRouterRecall,
  kTopGated,
  kDispatchEntropy,
  kGeneralizationGap,
  kLossGap,
  kLocalAlignment,
  kGlobalAlignment,
  kGlobalAlignmentGain,
  kRouterPurity,
  kSignChanged,
};

// Which way a trend rule expects its metric to move along the axis.
enum class TrendDirection { kIncreasing, kDecreasing, kAsZhaoBound };

// The form of an upper_bound rule's bound: Zhao et al.'s router term with
// the constants it states, or with constants fitted on calibration cells.
enum class GapBound { kZhaoStated, kZhaoFitted };

// How a value rule reduces its metric over the matching runs.
enum class Statistic { kMean, kMin, kMax };

// One entry of a name table.
template <typename E>
struct Term {
  E value;
  const char* name;
};

// The name tables, in the order messages list them.
inline constexpr Term<Quantity> kQuantityTerms[] = {
    {Quantity::kNStar, "N_star"},         {Quantity::kTStar, "T_star"},
    {Quantity::kTPrime, "T_prime"},       {Quantity::kCost, "cost"},
    {Quantity::kRouterNStar, "N_r_star"},
};
inline constexpr Term<Metric> kMetricTerms[] = {
    {Metric::kTestError, "test_error"},
    {Metric::kSuccess, "success"},
    {Metric::kRouterRecall, "router_recall"},
    {Metric::kTopGated, "top_gated"},
    {Metric::kDispatchEntropy, "dispatch_entropy"},
    {Metric::kGeneralizationGap, "generalization_gap"},
    {Metric::kLossGap, "loss_gap"},
    {Metric::kLocalAlignment, "local_alignment"},
    {Metric::kGlobalAlignment, "global_alignment"},
    {Metric::kGlobalAlignmentGain, "global_alignment_gain"},
    {Metric::kRouterPurity, "router_purity"},
    {Metric::kSignChanged, "sign_changed"},
};
inline constexpr Term<TrendDirection> kDirectionTerms[] = {
    {TrendDirection::kIncreasing, "increasing"},
    {TrendDirection::kDecreasing, "decreasing"},
    {TrendDirection::kAsZhaoBound, "as_zhao_bound"},
};
inline constexpr Term<GapBound> kBoundTerms[] = {
    {GapBound::kZhaoStated, "zhao_stated"},
    {GapBound::kZhaoFitted, "zhao_fitted"},
};
inline constexpr Term<Statistic> kStatisticTerms[] = {
    {Statistic::kMean, "mean"},
    {Statistic::kMin, "min"},
    {Statistic::kMax, "max"},
};

// The value named `name` in `table`, or nullopt.
template <typename E, size_t N>
std::optional<E> TermNamed(const Term<E> (&table)[N], std::string_view name) {
  for (const Term<E>& t : table)
    if (name == t.name) return t.value;
  return std::nullopt;
}

// The name of `value` in `table` ("?" if it has none).
template <typename E, size_t N>
const char* TermName(const Term<E> (&table)[N], E value) {
  for (const Term<E>& t : table)
    if (t.value == value) return t.name;
  return "?";
}

// The names of a table for messages: `"a", "b" or "c"` when `quoted`,
// else `a, b, c`.
template <typename E, size_t N>
std::string TermNames(const Term<E> (&table)[N], bool quoted) {
  std::string out;
  for (size_t i = 0; i < N; ++i) {
    const char* sep = i == 0 ? "" : (quoted && i + 1 == N) ? " or " : ", ";
    out += sep + (quoted ? "\"" + std::string(table[i].name) + "\""
                         : std::string(table[i].name));
  }
  return out;
}

inline const char* MetricName(Metric m) { return TermName(kMetricTerms, m); }
inline const char* DirectionName(TrendDirection d) {
  return TermName(kDirectionTerms, d);
}
inline const char* StatisticName(Statistic s) {
  return TermName(kStatisticTerms, s);
}

}  // namespace sim
