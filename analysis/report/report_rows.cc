#include "analysis/report/report_rows.h"

#include "analysis/report/report_text.h"

namespace sim {
namespace {

bool AnyFixedSet(const Analysis& a) {
  for (const Cell& c : a.cells)
    if (!c.online) return true;
  return false;
}

std::string ErrorsByN(const Cell& c) {
  if (c.online) return "online (no N axis)";
  std::string errors;
  for (const GridPoint& p : c.points) {
    if (!errors.empty()) errors += "; ";
    errors += Num(p.N, "%g") + ": " + Num(p.mean_error, "%.3f");
  }
  return errors;
}

// Whether `t` (a T* row) says what `n` (the N* row before it) says.
bool Repeats(const FitRow& n, const FitRow& t) {
  if (n.quantity != "N*" || t.quantity != "T*" || n.model != t.model ||
      n.axis != t.axis || n.index != t.index || !n.fit.ok || !t.fit.ok)
    return false;
  return Num(n.fit.slope[n.index]) == Num(t.fit.slope[t.index]) &&
         Interval(n.fit, n.index) == Interval(t.fit, t.index) &&
         VerdictNote(n) == VerdictNote(t);
}

}  // namespace

std::set<double> OnlineBatches(const Analysis& a) {
  std::set<double> batches;
  for (const Cell& c : a.cells)
    if (c.online && c.params.count("B")) batches.insert(c.params.at("B"));
  return batches;
}

std::string NStarDefinition(const Analysis& a) {
  const std::string q = Num(a.options.success, "%g");
  const std::string eps = Num(a.options.target, "%g");
  const std::string t_rule = TStarDefinition(a.options.t_star);
  std::string text;
  if (AnyFixedSet(a)) {
    text +=
        "Cells on a fixed training set: N* is the smallest N at which a "
        "fraction q = " +
        q + " of the repeats reach test error <= " + eps +
        " (interpolated in log N between grid points); T* is the "
        "q-quantile over the runs of each run's T* (per run: " +
        t_rule + "), at the cell's largest N. ";
  }
  const std::set<double> batches = OnlineBatches(a);
  if (!batches.empty()) {
    std::string bs;
    for (double b : batches) bs += (bs.empty() ? "" : ", ") + Num(b, "%g");
    text +=
        "Online cells (one pass of fresh samples, no N axis): T* is the "
        "q-quantile (q = " +
        q +
        ") over the runs of each run's T* (per "
        "run: " +
        t_rule + "), and N* = B T* with B = " + bs +
        ": the fresh samples seen until test error <= " + eps +
        "; T* is the theorems' T at that B. ";
  }
  return text;
}

ReportTable CellRows(const Analysis& a) {
  ReportTable t;
  t.header = {"cell", "N*", "T* (steps)", "opt-limited", "gap"};
  const bool by_n = AnyFixedSet(a);
  if (by_n) t.header.push_back("mean test error by N");
  for (const Cell& c : a.cells) {
    std::vector<std::string> row = {
        c.Label(), c.n_star.Text() + c.RateEdgeMark(), c.t_star.Text(),
        c.OptimisationLimited() ? "**" + LimitedText(c) + "**" : LimitedText(c),
        Num(c.mean_gap, "%.3f")};
    if (by_n) row.push_back(ErrorsByN(c));
    t.rows.push_back(row);
  }
  return t;
}

ReportTable FitRows(const Analysis& a) {
  ReportTable t;
  t.header = {"model", "quantity",         "axis",
              "slope", "95% interval",     "theory",
              "basis", "cells (censored)", "verdict"};
  for (size_t i = 0; i < a.fits.size(); ++i) {
    const FitRow& r = a.fits[i];
    const bool folds = i + 1 < a.fits.size() && Repeats(r, a.fits[i + 1]);
    t.rows.push_back({r.model, folds ? "N* = B T*" : r.quantity, r.axis,
                      r.fit.ok ? Num(r.fit.slope[r.index]) : "n/a",
                      Interval(r.fit, r.index), Num(r.theory, "%g"),
                      r.theory_basis, CellsText(r.fit), VerdictNote(r)});
    if (folds) ++i;
  }
  return t;
}

ReportTable CheckRows(const Analysis& a) {
  ReportTable t;
  t.header = {"check", "verdict", "measured", "interval", "rule"};
  for (const CheckRow& c : a.checks) {
    const std::string verdict = VerdictText(c.verdict);
    t.rows.push_back({c.name, c.Passed() ? verdict : "**" + verdict + "**",
                      c.MeasuredText(), c.IntervalText(),
                      c.rule + (c.note.empty() ? "" : " (" + c.note + ")")});
  }
  return t;
}

namespace {

std::string JsonNumber(const Json& x) {
  return x.is_number() ? Num(x.get<double>()) : std::string("n/a");
}

std::string JsonString(const Json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

ReportTable SensitivityRows(const Json& s) {
  ReportTable t;
  t.header = {"model",          "quantity", "axis", "base slope [95%]",
              "variant slopes", "verdict"};
  for (const Json& f : s.value("fits", Json::array())) {
    if (!f.is_object()) continue;
    std::string variants;
    for (const Json& v : f.value("variant_slopes", Json::array()))
      variants += (variants.empty() ? "" : ", ") + JsonNumber(v);
    const Json interval = f.value("interval", Json::array());
    std::string base = JsonNumber(f.value("slope", Json()));
    if (interval.size() == 2)
      base +=
          " [" + JsonNumber(interval[0]) + ", " + JsonNumber(interval[1]) + "]";
    t.rows.push_back({JsonString(f, "model"), JsonString(f, "quantity"),
                      JsonString(f, "axis"), base, variants,
                      JsonString(f, "verdict")});
  }
  return t;
}

std::string SensitivitySummary(const Json& s) {
  std::string variants;
  for (const Json& v : s.value("variants", Json::array()))
    if (v.is_string())
      variants += (variants.empty() ? "" : ", ") + v.get<std::string>();
  const std::string overall = JsonString(s, "overall");
  return "The exponents refitted under the variants (" + variants +
         "); a fit is robust when every variant's slope lies inside the base "
         "95% interval. Overall: " +
         (overall.empty() ? "?" : overall) + ".";
}

}  // namespace sim
