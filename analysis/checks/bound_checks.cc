#include "analysis/checks/bound_checks.h"

#include <algorithm>
#include <cmath>

#include "analysis/fits/gap_analysis.h"
#include "analysis/text/format_number.h"

namespace sim {
namespace {

std::string Num(double x) { return FormatNumber(x); }

bool InCalibration(const GapRow& row, const Json& where) {
  for (auto it = where.begin(); it != where.end(); ++it) {
    auto c = row.coords.find(it.key());
    if (c == row.coords.end()) return false;
    bool listed = false;
    for (const Json& v : it.value())
      listed = listed || (v.is_number() && v.get<double>() == c->second);
    if (!listed) return false;
  }
  return true;
}

// Judges the cells against `bound_of`: FAIL if some cell's whole interval
// lies above its bound, PASS if every interval lies below, INCONCLUSIVE
// otherwise. measured = the largest gap / bound over the cells.
template <typename BoundOf>
void Judge(const std::vector<GapRow>& cells, BoundOf bound_of, CheckRow& row) {
  int judged = 0, above = 0, unsure = 0, single = 0, excluded = 0;
  double worst = -INFINITY, min_slack = INFINITY;
  for (const GapRow& c : cells) {
    excluded += c.excluded;
    if (std::isnan(c.error_gap_lo)) {
      ++single;
      continue;
    }
    const double b = bound_of(c);
    ++judged;
    above += c.error_gap_lo > b;
    unsure += c.error_gap_lo <= b && c.error_gap_hi > b;
    min_slack = std::min(min_slack, b - c.error_gap);
    if (c.error_gap / b > worst) {
      worst = c.error_gap / b;
      row.measured = worst;
      row.lo = c.error_gap_lo / b;
      row.hi = c.error_gap_hi / b;
    }
  }
  row.verdict = judged == 0  ? Verdict::kInconclusive
                : above > 0  ? Verdict::kFail
                : unsure > 0 ? Verdict::kInconclusive
                             : Verdict::kPass;
  row.note = std::to_string(judged) + " cells, " + std::to_string(above) +
             " above their bound";
  if (judged > 0) row.note += ", least slack " + Num(min_slack);
  if (single > 0)
    row.note += "; " + std::to_string(single) + " cells with < 2 runs left out";
  if (excluded > 0)
    row.note += "; " + std::to_string(excluded) +
                " failed or unmeasured runs left out (never read as gap 0)";
}

}  // namespace

CheckRow EvaluateUpperBound(const Rule& rule,
                            const ResultsSet& results,
                            uint64_t seed) {
  CheckRow row;
  std::vector<GapRow> cells;
  for (const GapRow& g : GapRows(results, seed))
    if (g.model == rule.model) cells.push_back(g);
  if (rule.bound == GapBound::kZhaoStated) {
    row.rule = "0-1 error gap of " + rule.model +
               " <= the bound's router term 2 sqrt([2 k d_N (1 + ln(T/k)) + "
               "d_N ln(2N) + ln(4/delta)] / (2N)), d_N = T d, delta = 0.05, "
               "in every cell (the bound adds 4 C R_m(H) >= 0, so passing "
               "implies it holds; gap / bound shown)";
    // A vacuous cell (bound >= 1, the largest 0-1 gap) cannot fail: only
    // the others are judged.
    std::vector<GapRow> judged;
    for (const GapRow& c : cells)
      if (!c.Vacuous()) judged.push_back(c);
    Judge(
        judged, [](const GapRow& c) { return c.bound; }, row);
    row.note += "; " + std::to_string(cells.size() - judged.size()) + " of " +
                std::to_string(cells.size()) +
                " cells vacuous (bound >= 1) and not judged";
    return row;
  }
  std::vector<GapRow> calibration, held_out;
  for (const GapRow& c : cells)
    (InCalibration(c, rule.calibrate_where) ? calibration : held_out)
        .push_back(c);
  const FittedBound fit = FitBound(calibration);
  row.rule = "0-1 error gap of " + rule.model +
             " <= A / sqrt(N) + B x router term on the held-out cells, A and "
             "B fitted on the cells at " +
             rule.calibrate_where.dump() + " (gap / bound shown)";
  if (!fit.ok || held_out.empty()) {
    row.verdict = Verdict::kInconclusive;
    row.note =
        !fit.ok ? "no calibration cell with an interval" : "no held-out cell";
    return row;
  }
  Judge(
      held_out, [&](const GapRow& c) { return fit.At(c); }, row);
  row.note = "A = " + Num(fit.A) + ", B = " + Num(fit.B) + " from " +
             std::to_string(calibration.size()) + " cells; " + row.note;
  if (fit.B == 0)
    row.note +=
        "; B = 0: the T and k dependence was not needed to bound the "
        "calibration cells, so it is not tested";
  return row;
}

}  // namespace sim
