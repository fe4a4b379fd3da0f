// Pieces of text the terminal tables and report.md share.
#pragma once

#include <cmath>
#include <string>

#include "analysis/checks/fit_checks.h"
#include "analysis/fits/gap_analysis.h"
#include "analysis/report/report.h"
#include "analysis/text/format_number.h"

namespace sim {

inline std::string Num(double x, const char* format = "%.3g") {
  return FormatNumber(x, format);
}

inline std::string Interval(const Fit& fit, size_t a) {
  double lo = 0, hi = 0;
  SlopeInterval(fit, a, lo, hi);
  if (std::isnan(lo)) return "";
  return "[" + Num(lo) + ", " + Num(hi) + "]";
}

// "3 + 1 cens.": uncensored cells, and censored ones (as intervals or left
// out).
inline std::string CellsText(const Fit& fit) {
  std::string text = std::to_string(fit.uncensored);
  if (fit.censored) text += " + " + std::to_string(fit.censored) + " cens.";
  if (fit.left_out) text += " (" + std::to_string(fit.left_out) + " out)";
  return text;
}

// A fit's verdict with why it could not be made or decided.
inline std::string VerdictNote(const FitRow& r) {
  if (!r.fit.ok) return r.verdict + " (" + r.fit.note + ")";
  std::string note = r.why;
  if (!r.shape.note.empty()) note += (note.empty() ? "" : "; ") + r.shape.note;
  if (!r.conditions.empty()) note += (note.empty() ? "" : "; ") + r.conditions;
  return note.empty() ? r.verdict : r.verdict + " (" + note + ")";
}

inline std::string VerdictText(Verdict v) {
  return v == Verdict::kPass   ? "PASS"
         : v == Verdict::kFail ? "FAIL"
                               : "INCONCLUSIVE";
}

// The validity columns of a cell: limited fraction (flagged) and gap.
inline std::string LimitedText(const Cell& c) {
  if (std::isnan(c.limited_fraction)) return "n/a";
  return Num(c.limited_fraction, "%.2f") +
         (c.OptimisationLimited() ? " !" : "");
}

// "5" or "4 (+1 out)": a gap cell's measured runs and left-out ones.
inline std::string GapRunsText(const GapRow& g) {
  return std::to_string(g.runs) +
         (g.excluded ? " (+" + std::to_string(g.excluded) + " out)" : "");
}

inline std::string GapIntervalText(const GapRow& g) {
  if (std::isnan(g.error_gap_lo)) return "";
  return "[" + Num(g.error_gap_lo) + ", " + Num(g.error_gap_hi) + "]";
}

}  // namespace sim
