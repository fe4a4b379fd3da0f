#include "analysis/checks/expectation_rules.h"

#include <algorithm>
#include <optional>

#include "analysis/checks/collapse_rule.h"
#include "analysis/records/composite_axis.h"
#include "analysis/records/records.h"
#include "analysis/text/format_number.h"
#include "analysis/theory/theory.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/spec/did_you_mean.h"

namespace sim {
namespace {

// One table, read both ways.
constexpr std::pair<RuleKind, const char*> kRuleKinds[] = {
    {RuleKind::kSlope, "slope"},
    {RuleKind::kSavingSlope, "saving_slope"},
    {RuleKind::kTheoryBound, "theory_bound"},
    {RuleKind::kFlat, "flat"},
    {RuleKind::kOptimised, "optimised"},
    {RuleKind::kErrorOrder, "error_order"},
    {RuleKind::kValue, "value"},
    {RuleKind::kTrend, "trend"},
    {RuleKind::kUpperBound, "upper_bound"},
    {RuleKind::kCollapse, "collapse"},
};

// The "params" of a record (MakeRecord) that a "where" may name besides the
// grid's axes.
constexpr const char* kRecordParams[] = {"N", "n",     "d", "m",      "k",
                                         "l", "top_k", "B", "epochs", "eta"};

// A "where" key names an axis of the grid or a parameter of the records:
// anything else (a typo) would match no run.
void CheckWhereKey(const std::string& key,
                   const std::string& path,
                   const std::vector<std::string>& grid_axes) {
  std::string params;
  for (const char* p : kRecordParams) {
    if (key == p) return;
    params += (params.empty() ? "" : ", ") + std::string(p);
  }
  if (std::find(grid_axes.begin(), grid_axes.end(), key) != grid_axes.end())
    return;
  std::string axes;
  for (const auto& a : grid_axes)
    axes += (axes.empty() ? "" : ", ") + ClipName(a);
  ThrowSpecError(path, "must name an axis of the grid (" +
                           (axes.empty() ? std::string("none") : axes) +
                           ") or a parameter of the records (" + params +
                           "), got \"" + ClipName(key) + "\"");
}

RuleKind ParseRuleKind(ObjectReader& r) {
  const std::string name = r.String("rule", "");
  std::string known;
  for (const auto& [kind, text] : kRuleKinds) {
    if (name == text) return kind;
    known += (known.empty() ? "" : ", ") + ("\"" + std::string(text) + "\"");
  }
  std::vector<std::string> names;
  for (const auto& [kind, text] : kRuleKinds) names.push_back(text);
  ThrowSpecError(r.PathOf("rule"),
                 "must be one of " + known + DidYouMean(name, names));
}

Bounds ReadBounds(ObjectReader& r) {
  Bounds b;
  if (const Json* w = r.Member("within")) {
    if (!w->is_array() || w->size() != 2 || !(*w)[0].is_number() ||
        !(*w)[1].is_number() || (*w)[0].get<double>() > (*w)[1].get<double>()) {
      ThrowSpecError(r.PathOf("within"), "expected [lo, hi] with lo <= hi");
    }
    b.has_lo = b.has_hi = true;
    b.lo = (*w)[0].get<double>();
    b.hi = (*w)[1].get<double>();
  }
  if (r.Has("at_least")) {
    b.has_lo = true;
    b.lo = r.Number("at_least", 0);
  } else {
    r.Member("at_least");
  }
  if (r.Has("at_most")) {
    b.has_hi = true;
    b.hi = r.Number("at_most", 0);
  } else {
    r.Member("at_most");
  }
  return b;
}

std::string RequireModel(ObjectReader& r,
                         const char* key,
                         const std::vector<std::string>& models) {
  const std::string model = r.String(key, "");
  if (std::find(models.begin(), models.end(), model) == models.end()) {
    std::string known;
    for (const auto& m : models)
      known += (known.empty() ? "" : ", ") + ClipName(m);
    ThrowSpecError(r.PathOf(key), "must name a model of the spec (" + known +
                                      "), got \"" + ClipName(model) + "\"");
  }
  return model;
}

std::vector<std::string> RequireModels(ObjectReader& r,
                                       const std::vector<std::string>& models,
                                       size_t at_least) {
  const Json* list = r.Member("models");
  if (list == nullptr || !list->is_array() || list->size() < at_least) {
    ThrowSpecError(r.PathOf("models"),
                   at_least > 1 ? "expected a list of at least two model names"
                                : "expected a list of model names");
  }
  std::vector<std::string> names;
  for (const Json& m : *list) {
    if (!m.is_string() || std::find(models.begin(), models.end(),
                                    m.get<std::string>()) == models.end()) {
      ThrowSpecError(r.PathOf("models"), "unknown model " + DescribeJson(m));
    }
    names.push_back(m.get<std::string>());
  }
  return names;
}

// The term `key` names in `table` (`fallback` if the key is absent; none:
// required). Any other value is refused with the table's names, quoted
// ("a", "b" or "c") or, for the long list of metrics, as "one of a, b, c".
template <typename E, size_t N>
E ReadTerm(ObjectReader& r,
           const char* key,
           const Term<E> (&table)[N],
           std::optional<E> fallback,
           bool quoted = true) {
  const std::string name =
      r.String(key, fallback ? TermName(table, *fallback) : "");
  if (const std::optional<E> term = TermNamed(table, name)) return *term;
  ThrowSpecError(r.PathOf(key),
                 quoted ? "must be " + TermNames(table, true)
                        : "must be one of " + TermNames(table, false));
}

Metric ReadMetric(ObjectReader& r, Metric fallback) {
  return ReadTerm(r, "metric", kMetricTerms, std::optional(fallback), false);
}

// Keys that differ between rule kinds.
void ParseKindKeys(ObjectReader& r,
                   const std::vector<std::string>& models,
                   Rule& rule) {
  const RuleKind kind = rule.kind;
  if (kind == RuleKind::kSlope || kind == RuleKind::kTheoryBound ||
      kind == RuleKind::kFlat) {
    rule.model = RequireModel(r, "model", models);
    rule.axis = r.String("axis", "");
    rule.quantity = ReadTerm(r, "quantity", kQuantityTerms,
                             std::optional(Quantity::kNStar));
    if (kind == RuleKind::kFlat) {
      rule.max_width = r.Number("max_width", rule.max_width);
      if (!(rule.max_width > 0))
        ThrowSpecError(r.PathOf("max_width"), "must be > 0");
    }
  } else if (kind == RuleKind::kSavingSlope) {
    rule.model = RequireModel(r, "numerator", models);
    rule.model_b = RequireModel(r, "denominator", models);
    rule.axis = r.String("axis", "");
  } else if (kind == RuleKind::kErrorOrder) {
    rule.models = RequireModels(r, models, 2);
  } else if (kind == RuleKind::kOptimised) {
    if (r.Has("model")) {
      rule.models = {RequireModel(r, "model", models)};
      if (r.Has("models"))
        ThrowSpecError(r.PathOf("models"), "give \"model\" or \"models\"");
    } else {
      rule.models = RequireModels(r, models, 1);
    }
    rule.max_fraction = r.Number("max_fraction", rule.max_fraction);
    if (rule.max_fraction < 0 || rule.max_fraction >= 1)
      ThrowSpecError(r.PathOf("max_fraction"), "must be in [0, 1)");
  } else if (kind == RuleKind::kTrend) {
    rule.model = RequireModel(r, "model", models);
    rule.metric = ReadMetric(r, Metric::kGeneralizationGap);
    rule.axis = r.String("axis", "");
    rule.direction =
        ReadTerm<TrendDirection>(r, "direction", kDirectionTerms, std::nullopt);
  } else if (kind == RuleKind::kUpperBound) {
    rule.model = RequireModel(r, "model", models);
    rule.bound = ReadTerm<GapBound>(r, "bound", kBoundTerms, std::nullopt);
    rule.metric = Metric::kGeneralizationGap;
  } else if (kind == RuleKind::kCollapse) {
    ParseCollapseKeys(r, models, rule);
  } else {  // value
    rule.model = RequireModel(r, "model", models);
    rule.statistic = ReadTerm(r, "statistic", kStatisticTerms,
                              std::optional(Statistic::kMean));
    rule.metric = ReadMetric(r, Metric::kTestError);
  }
}

bool NeedsAxis(RuleKind kind) {
  return kind == RuleKind::kSlope || kind == RuleKind::kTheoryBound ||
         kind == RuleKind::kFlat || kind == RuleKind::kSavingSlope ||
         kind == RuleKind::kTrend;
}

void ParseAxes(ObjectReader& r,
               const std::vector<std::string>& grid_axes,
               Rule& rule) {
  if (!rule.axis.empty() || r.Has("axis")) {
    if (rule.axis.empty()) ThrowSpecError(r.PathOf("axis"), "is required");
    RequireAxisOrComposite(rule.axis, r.PathOf("axis"), grid_axes);
  } else if (NeedsAxis(rule.kind)) {
    ThrowSpecError(r.PathOf("axis"), "is required");
  }
  if (const Json* axes = r.Member("fit_axes")) {
    if (!axes->is_array())
      ThrowSpecError(r.PathOf("fit_axes"), "expected a list of axis names");
    for (const Json& a : *axes) {
      if (!a.is_string())
        ThrowSpecError(r.PathOf("fit_axes"), "expected axis names");
      RequireAxisOrComposite(a.get<std::string>(), r.PathOf("fit_axes"),
                             grid_axes);
      rule.fit_axes.push_back(a.get<std::string>());
    }
  }
  if (rule.fit_axes.empty() && !rule.axis.empty()) rule.fit_axes = {rule.axis};
  if (!rule.axis.empty() &&
      std::find(rule.fit_axes.begin(), rule.fit_axes.end(), rule.axis) ==
          rule.fit_axes.end()) {
    ThrowSpecError(r.PathOf("fit_axes"), "must include the axis " + rule.axis);
  }
}

}  // namespace

const char* RuleKindName(RuleKind kind) {
  for (const auto& [k, text] : kRuleKinds)
    if (k == kind) return text;
  return "?";
}

std::string Bounds::Text() const {
  if (has_lo && has_hi)
    return "in [" + FormatNumber(lo) + ", " + FormatNumber(hi) + "]";
  if (has_lo) return ">= " + FormatNumber(lo);
  return "<= " + FormatNumber(hi);
}

bool Bounds::Holds(double x) const {
  return !std::isnan(x) && (!has_lo || x >= lo) && (!has_hi || x <= hi);
}

Verdict Bounds::Judge(double from, double to) const {
  if (std::isnan(from) || std::isnan(to)) return Verdict::kInconclusive;
  if (Holds(from) && Holds(to)) return Verdict::kPass;
  if ((has_lo && to < lo) || (has_hi && from > hi)) return Verdict::kFail;
  return Verdict::kInconclusive;
}

Rule ParseRule(const Json& json,
               const std::string& path,
               const std::vector<std::string>& models,
               const std::vector<std::string>& grid_axes) {
  ObjectReader r(json, path);
  Rule rule;
  rule.kind = ParseRuleKind(r);
  rule.name = r.String("name", "");
  rule.target = r.Number("target", std::nan(""));
  ParseKindKeys(r, models, rule);
  if (rule.kind == RuleKind::kCollapse)
    SetCollapseAxes(r, grid_axes, rule);
  else
    ParseAxes(r, grid_axes, rule);
  if (const Json* cal = r.Member("calibrate_where")) {
    if (rule.kind != RuleKind::kUpperBound ||
        rule.bound != GapBound::kZhaoFitted)
      ThrowSpecError(r.PathOf("calibrate_where"),
                     "belongs to an upper_bound rule with bound zhao_fitted");
    if (!cal->is_object() || cal->empty())
      ThrowSpecError(r.PathOf("calibrate_where"), "expected {axis: [values]}");
    for (auto it = cal->begin(); it != cal->end(); ++it) {
      const std::string path = r.PathOf("calibrate_where") + "." + it.key();
      RequireGridAxis(it.key(), path, grid_axes);
      if (!it.value().is_array() || it.value().empty())
        ThrowSpecError(path, "expected a list of the axis's values");
    }
    rule.calibrate_where = *cal;
  } else if (rule.kind == RuleKind::kUpperBound &&
             rule.bound == GapBound::kZhaoFitted) {
    ThrowSpecError(r.PathOf("calibrate_where"),
                   "is required: the cells the constants are fitted on");
  }
  if (const Json* where = r.Member("where")) {
    if (!where->is_object())
      ThrowSpecError(r.PathOf("where"), "expected {axis: value}");
    for (auto it = where->begin(); it != where->end(); ++it) {
      const std::string at = r.PathOf("where") + "." + it.key();
      if (!it.value().is_number()) ThrowSpecError(at, "expected a number");
      CheckWhereKey(it.key(), at, grid_axes);
    }
    rule.where = *where;
  }
  rule.bounds = ReadBounds(r);
  const bool bounded = rule.bounds.has_lo || rule.bounds.has_hi;
  const bool needs_bounds = rule.kind == RuleKind::kSlope ||
                            rule.kind == RuleKind::kSavingSlope ||
                            rule.kind == RuleKind::kValue;
  if (needs_bounds && !bounded) {
    ThrowSpecError(path, "needs \"within\", \"at_least\" or \"at_most\"");
  }
  if ((rule.kind == RuleKind::kTheoryBound || rule.kind == RuleKind::kFlat ||
       rule.kind == RuleKind::kOptimised ||
       rule.kind == RuleKind::kUpperBound ||
       rule.kind == RuleKind::kCollapse) &&
      bounded) {
    ThrowSpecError(path, std::string("a ") + RuleKindName(rule.kind) +
                             " rule takes no \"within\", \"at_least\" or "
                             "\"at_most\"");
  }
  if (rule.kind == RuleKind::kTheoryBound && TheoryParam(rule.axis).empty()) {
    ThrowSpecError(r.PathOf("axis"),
                   "the theory states exponents in n, l and k only");
  }
  r.Finish();
  return rule;
}

}  // namespace sim
