#include "analysis/report.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "analysis/format_number.h"
#include "analysis/text_table.h"
#include "analysis/theory.h"

namespace sim {
namespace {

std::string Num(double x, const char* format = "%.3g") {
  return FormatNumber(x, format);
}

// Axes (other than N) that take two or more positive values among a model's
// cells.
std::vector<std::string> VaryingAxes(const ResultsSet& results,
                                     const std::vector<Cell>& cells,
                                     const std::string& model) {
  std::vector<std::string> axes;
  for (const std::string& axis : results.axes) {
    if (axis == "N") continue;
    std::set<double> values;
    bool positive = true;
    for (const Cell& c : cells) {
      if (c.model != model) continue;
      auto it = c.coords.find(axis);
      if (it == c.coords.end()) continue;
      values.insert(it->second);
      positive = positive && it->second > 0;
    }
    if (values.size() < 2 || !positive) continue;
    // Axes zipped together (e.g. d with its step size) move in lockstep: fit
    // only the first of them, since the others add a collinear column.
    bool lockstep = false;
    for (const std::string& kept : axes) {
      std::set<std::pair<double, double>> pairs;
      std::set<double> kept_values;
      for (const Cell& c : cells) {
        if (c.model != model || !c.coords.count(axis) || !c.coords.count(kept))
          continue;
        pairs.insert({c.coords.at(kept), c.coords.at(axis)});
        kept_values.insert(c.coords.at(kept));
      }
      lockstep |=
          pairs.size() == values.size() && pairs.size() == kept_values.size();
    }
    if (!lockstep) axes.push_back(axis);
  }
  return axes;
}

std::string Interval(const Fit& fit, size_t a) {
  if (!fit.ok) return "";
  if (std::isnan(fit.lo[a])) return "se " + Num(fit.se[a]);
  return "[" + Num(fit.lo[a]) + ", " + Num(fit.hi[a]) + "]";
}

}  // namespace

ComplexityOptions ReadAnalysisOptions(const ResultsSet& results) {
  ComplexityOptions options;
  if (!results.targets.empty()) options.target = results.targets.front();
  if (results.spec.contains("analysis")) {
    ObjectReader r(results.spec["analysis"], "analysis");
    options.target = r.Number("target", options.target);
    options.success = r.Number("success_fraction", options.success);
    options.bootstrap = r.Int("bootstrap", options.bootstrap, 0, 100000);
    r.Finish();
    if (options.target < 0 || options.target > 1)
      ThrowSpecError("analysis.target", "must be in [0, 1]");
    if (options.success <= 0 || options.success > 1) {
      ThrowSpecError("analysis.success_fraction", "must be in (0, 1]");
    }
  }
  options.seed = results.spec.value("seed", 1);
  return options;
}

Analysis Analyze(const ResultsSet& results, const ComplexityOptions& options) {
  Analysis a;
  a.options = options;
  a.cells = SummariseCells(results, options);
  a.gaps = GapRows(results);
  std::map<std::string, std::string> type_of;
  for (const Cell& c : a.cells) type_of[c.model] = c.type;
  for (const std::string& model : results.models) {
    const std::vector<std::string> axes = VaryingAxes(results, a.cells, model);
    if (axes.empty()) continue;
    for (const Quantity quantity : {Quantity::kNStar, Quantity::kTStar}) {
      const Fit fit = FitCells(a.cells, model, axes, quantity);
      for (size_t i = 0; i < axes.size(); ++i) {
        FitRow row{model,   quantity == Quantity::kNStar ? "N*" : "T*",
                   axes[i], fit,
                   i,       std::nan(""),
                   ""};
        const auto theory =
            TheoryExponentFor(type_of[model], TheoryParam(axes[i]),
                              results.OwnRouterSamples(model));
        if (theory)
          row.theory = quantity == Quantity::kNStar ? theory->samples
                                                    : theory->iterations;
        if (!fit.ok || std::isnan(row.theory)) {
          row.verdict = fit.ok ? "no theory" : "no fit";
        } else {
          const double lower =
              std::isnan(fit.lo[i]) ? fit.slope[i] - 2 * fit.se[i] : fit.lo[i];
          row.verdict = lower > row.theory ? "exceeds" : "consistent";
        }
        a.fits.push_back(row);
      }
    }
  }
  // Savings of every pMoE model over every CNN model along shared axes.
  for (const std::string& cnn : results.models) {
    if (type_of[cnn] != "cnn") continue;
    const std::vector<std::string> cnn_axes =
        VaryingAxes(results, a.cells, cnn);
    for (const std::string& moe : results.models) {
      if (type_of[moe] == "cnn" || !type_of.count(moe)) continue;
      for (const std::string& axis : VaryingAxes(results, a.cells, moe)) {
        if (std::find(cnn_axes.begin(), cnn_axes.end(), axis) == cnn_axes.end())
          continue;
        FitRow row{moe,  "N*_" + cnn + "/N*_" + moe,
                   axis, FitSaving(a.cells, cnn, moe, {axis}),
                   0,    std::nan(""),
                   ""};
        row.verdict = row.fit.ok
                          ? (row.fit.slope[0] > 0 ? "saving grows"
                                                  : "saving does not grow")
                          : "no fit";
        a.fits.push_back(row);
      }
    }
  }
  return a;
}

std::string CellsTable(const Analysis& a) {
  std::ostringstream out;
  char eps[32];
  std::snprintf(eps, sizeof(eps), "%g", a.options.target);
  out << "Sample complexity N*(eps=" << eps << ", q=" << a.options.success
      << ") and iteration complexity T* per cell (95% bootstrap intervals)\n";
  TextTable table({"cell", "N*", "T* (steps)", "test error by N (mean)"});
  for (const Cell& c : a.cells) {
    std::string errors;
    for (const GridPoint& p : c.points) {
      errors += Num(p.N, "%g") + ":" + Num(p.mean_error, "%.3f") +
                (p.failed ? "(" + std::to_string(p.failed) + " failed)" : "") +
                " ";
    }
    table.Add({c.Label(), c.n_star.Text(), c.t_star.Text(), errors});
  }
  return out.str() + table.Render();
}

std::string FitsTable(const Analysis& a) {
  std::ostringstream out;
  out << "Scaling fits: least squares of log quantity on log axis (relative "
         "error)\n";
  if (a.fits.empty()) {
    return out.str() + "(no axis besides N varies: nothing to fit)\n";
  }
  TextTable table({"model", "quantity", "axis", "slope", "95% interval",
                   "theory", "cells", "verdict"});
  for (const FitRow& r : a.fits) {
    const std::string slope = r.fit.ok ? Num(r.fit.slope[r.index]) : "n/a";
    const std::string cells = std::to_string(r.fit.points) + " (" +
                              std::to_string(r.fit.censored) + " cens.)";
    table.Add({r.model, r.quantity, r.axis, slope, Interval(r.fit, r.index),
               Num(r.theory, "%g"), cells,
               r.verdict + (r.fit.ok ? "" : " (" + r.fit.note + ")")});
  }
  return out.str() + table.Render();
}

std::string ChecksTable(const std::vector<CheckRow>& checks) {
  if (checks.empty()) return "(the spec has no \"expect\" rules)\n";
  TextTable table({"check", "verdict", "measured", "interval", "rule"});
  for (const CheckRow& c : checks) {
    table.Add({c.name, c.passed ? "PASS" : "FAIL", c.measured, c.interval,
               c.rule + (c.note.empty() ? "" : " (" + c.note + ")")});
  }
  return table.Render();
}

std::string GapsTable(const Analysis& a) {
  if (a.gaps.empty()) return "";
  std::ostringstream out;
  out << "Generalisation gap of the top-k MoE vs Zhao et al.'s bound (router "
         "term, d_N = T d, "
         "delta = 0.05)\n";
  TextTable table(
      {"model", "N", "T", "k", "error gap", "loss gap", "bound term"});
  for (const GapRow& g : a.gaps) {
    table.Add({g.model, Num(g.N, "%g"), Num(g.T, "%g"), Num(g.k, "%g"),
               Num(g.error_gap), Num(g.loss_gap), Num(g.bound)});
  }
  return out.str() + table.Render();
}

Json AnalysisToJson(const Analysis& a) {
  auto estimate = [](const Estimate& e) {
    auto num = [](double x) {
      return std::isfinite(x) ? Json(x) : Json(nullptr);
    };
    return Json{{"value", num(e.value)},
                {"lo", num(e.lo)},
                {"hi", num(e.hi)},
                {"censored", e.censor == Censor::kNone    ? "no"
                             : e.censor == Censor::kAbove ? "above"
                                                          : "below"},
                {"bootstrap_censored_fraction", e.boot_censored}};
  };
  Json j;
  j["options"] = {
      {"target", a.options.target},
      {"success_fraction", a.options.success},
      {"bootstrap", a.options.bootstrap},
      {"fit",
       "ordinary least squares on log(quantity) vs log(axes): relative error"}};
  j["cells"] = Json::array();
  for (const Cell& c : a.cells) {
    // Router diagnostics apply to patch-routed models only, and "top-gated"
    // to soft gates only (the separate pMoE's gates are hard): null else.
    const bool routed = c.type == "pmoe_separate" || c.type == "pmoe_joint";
    const bool soft_gates = c.type == "pmoe_joint";
    Json points = Json::array();
    for (const GridPoint& p : c.points) {
      points.push_back(
          {{"N", p.N},
           {"runs", p.runs},
           {"failed", p.failed},
           {"success", p.success},
           {"mean_test_error", p.mean_error},
           {"sd_test_error", p.sd_error},
           {"mean_router_recall", routed ? Json(p.mean_recall) : Json()},
           {"mean_top_gated", soft_gates ? Json(p.mean_top_gated) : Json()}});
    }
    j["cells"].push_back({{"model", c.model},
                          {"type", c.type},
                          {"coords", c.coords},
                          {"params", c.params},
                          {"N_star", estimate(c.n_star)},
                          {"T_star", estimate(c.t_star)},
                          {"points", points}});
  }
  j["fits"] = Json::array();
  for (const FitRow& r : a.fits) {
    Json f = {{"model", r.model},
              {"quantity", r.quantity},
              {"axis", r.axis},
              {"ok", r.fit.ok},
              {"note", r.fit.note},
              {"cells", r.fit.points},
              {"censored", r.fit.censored},
              {"verdict", r.verdict}};
    if (r.fit.ok) {
      auto num = [](double x) {
        return std::isfinite(x) ? Json(x) : Json(nullptr);
      };
      f["slope"] = r.fit.slope[r.index];
      // log of the prefactor c in quantity = c * x1^a1 * ... (shared by
      // the slopes of one multi-axis fit).
      f["intercept"] = num(r.fit.intercept);
      f["se"] = num(r.fit.se[r.index]);
      f["lo"] = num(r.fit.lo[r.index]);
      f["hi"] = num(r.fit.hi[r.index]);
      f["r2"] = r.fit.r2;
      f["bootstrap_replicates_used"] = r.fit.boot_used;
    }
    f["theory"] = std::isnan(r.theory) ? Json(nullptr) : Json(r.theory);
    j["fits"].push_back(f);
  }
  j["generalization_gaps"] = Json::array();
  for (const GapRow& g : a.gaps) {
    j["generalization_gaps"].push_back({{"model", g.model},
                                        {"coords", g.coords},
                                        {"N", g.N},
                                        {"T", g.T},
                                        {"k", g.k},
                                        {"runs", g.runs},
                                        {"error_gap", g.error_gap},
                                        {"loss_gap", g.loss_gap},
                                        {"zhao_router_term", g.bound}});
  }
  j["checks"] = Json::array();
  for (const CheckRow& c : a.checks) {
    j["checks"].push_back({{"name", c.name},
                           {"rule", c.rule},
                           {"measured", c.measured},
                           {"interval", c.interval},
                           {"passed", c.passed},
                           {"note", c.note}});
  }
  return j;
}

std::string ReportMarkdown(const ResultsSet& results, const Analysis& a) {
  std::ostringstream out;
  out << "# " << results.spec.value("name", std::string("results")) << "\n\n";
  const std::string description =
      results.spec.value("description", std::string());
  if (!description.empty()) out << description << "\n\n";
  out << "Runs: " << results.runs.size()
      << " records in `runs.jsonl`. Generated by `pmoe-sim analyze`.\n\n";
  out << "## Sample and iteration complexity\n\n"
      << "N* is the smallest N at which a fraction q = " << a.options.success
      << " of the repeats reach test error <= " << a.options.target
      << " (interpolated in log N between grid points); T* is the q-quantile "
         "of the first SGD step at which "
         "test error <= eps, at the cell's largest N. Intervals are 95% "
         "percentile bootstrap over repeats. "
         "`>X` means no N in the grid succeeded (censored above), `<=X` that "
         "already the smallest did.\n\n";
  out << "| cell | N* | T* (steps) | mean test error by N "
         "|\n|---|---|---|---|\n";
  for (const Cell& c : a.cells) {
    std::string errors;
    for (const GridPoint& p : c.points)
      errors += Num(p.N, "%g") + ": " + Num(p.mean_error, "%.3f") + "; ";
    out << "| " << c.Label() << " | " << c.n_star.Text() << " | "
        << c.t_star.Text() << " | " << errors << " |\n";
  }
  out << "\n## Scaling fits against the theory\n\n"
      << "Least squares of log(quantity) on log(axis) (a fit of relative "
         "error). The theory's exponents "
         "(n^8 for the CNN, l^8 for separate pMoE, k^4 l^6 for joint pMoE; "
         "n^4, l^4, k^2 l^2 for iterations) "
         "are upper-bound orders: *consistent* means the measured exponent "
         "does not exceed them beyond its "
         "interval.\n\n";
  out << "| model | quantity | axis | slope | 95% interval | theory | cells "
         "(censored) | verdict |\n"
         "|---|---|---|---|---|---|---|---|\n";
  for (const FitRow& r : a.fits) {
    out << "| " << r.model << " | " << r.quantity << " | " << r.axis << " | "
        << (r.fit.ok ? Num(r.fit.slope[r.index]) : "n/a") << " | "
        << Interval(r.fit, r.index) << " | " << Num(r.theory, "%g") << " | "
        << r.fit.points << " (" << r.fit.censored << ") | " << r.verdict
        << (r.fit.ok ? "" : " (" + r.fit.note + ")") << " |\n";
  }
  if (a.fits.empty())
    out << "\n(No axis besides N varies, so there is nothing to fit.)\n";
  if (!a.gaps.empty()) {
    out << "\n## Generalisation gap vs Zhao et al. 2024\n\n"
        << "Measured mean train-test gaps of the top-k MoE models beside the "
           "router term of Zhao, Wang, "
           "Wang's bound, 2 sqrt([2 k d_N (1 + ln(T/k)) + d_N ln(2m) + "
           "ln(4/delta)] / (2m)) with d_N = T d "
           "(the linear router's parameter count) and delta = 0.05. The "
           "bound's expert term 4 C R_m(H) does "
           "not depend on T or k and is left out. The bound is loose in value; "
           "what can be compared is how "
           "the gap moves with N, T and k (see the `trend` checks).\n\n"
        << "| model | N | T | k | error gap | loss gap | bound term "
           "|\n|---|---|---|---|---|---|---|\n";
    for (const GapRow& g : a.gaps) {
      out << "| " << g.model << " | " << Num(g.N, "%g") << " | "
          << Num(g.T, "%g") << " | " << Num(g.k, "%g") << " | "
          << Num(g.error_gap) << " | " << Num(g.loss_gap) << " | "
          << Num(g.bound) << " |\n";
    }
  }
  out << "\n## Checks\n\n";
  if (a.checks.empty()) {
    out << "The spec has no `expect` rules.\n";
  } else {
    out << "| check | verdict | measured | interval | rule "
           "|\n|---|---|---|---|---|\n";
    for (const CheckRow& c : a.checks) {
      out << "| " << c.name << " | " << (c.passed ? "PASS" : "**FAIL**")
          << " | " << c.measured << " | " << c.interval << " | " << c.rule
          << (c.note.empty() ? "" : " (" + c.note + ")") << " |\n";
    }
  }
  out << "\n## Plots\n\n";
  for (const PlotFile& p : a.plots) {
    out << "### " << p.title << "\n\n![" << p.title << "](plots/" << p.name
        << ".svg)\n\n"
        << p.how_to_read << "\n\n";
  }
  return out.str();
}

}  // namespace sim
