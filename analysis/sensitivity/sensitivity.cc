#include "analysis/sensitivity/sensitivity.h"

#include <cmath>
#include <sstream>

#include "analysis/text/format_number.h"
#include "analysis/text/text_table.h"

namespace sim {
namespace {

const FitRow* FindFit(const Analysis& a, const FitRow& like) {
  for (const FitRow& row : a.fits) {
    if (row.model == like.model && row.quantity == like.quantity &&
        row.axis == like.axis)
      return &row;
  }
  return nullptr;
}

const Cell* FindCell(const Analysis& a, const Cell& like) {
  for (const Cell& c : a.cells)
    if (c.Label() == like.Label()) return &c;
  return nullptr;
}

// Whether `other`'s N* lies outside `base`'s interval (or censored apart).
bool Moved(const Estimate& base, const Estimate& other) {
  if (base.censor != Censor::kNone || other.censor != Censor::kNone)
    return base.censor != other.censor;
  if (std::isnan(base.lo) || std::isnan(base.hi)) return false;
  return other.value < base.lo || other.value > base.hi;
}

SensitivityFit CompareFit(const FitRow& row,
                          const std::vector<Analysis>& variants) {
  SensitivityFit f;
  f.model = row.model;
  f.quantity = row.quantity;
  f.axis = row.axis;
  f.slope = row.fit.slope[row.index];
  f.lo = row.fit.lo[row.index];
  f.hi = row.fit.hi[row.index];
  bool complete = std::isfinite(f.lo) && std::isfinite(f.hi), moved = false;
  for (const Analysis& v : variants) {
    const FitRow* other = FindFit(v, row);
    const double slope = other != nullptr && other->fit.ok
                             ? other->fit.slope[other->index]
                             : std::nan("");
    f.variant_slopes.push_back(slope);
    complete = complete && std::isfinite(slope);
    moved = moved || (std::isfinite(slope) && (slope < f.lo || slope > f.hi));
  }
  f.verdict = moved      ? Robustness::kBudgetDependent
              : complete ? Robustness::kRobust
                         : Robustness::kInconclusive;
  return f;
}

}  // namespace

const char* RobustnessName(Robustness r) {
  switch (r) {
    case Robustness::kRobust:
      return "robust";
    case Robustness::kBudgetDependent:
      return "budget-dependent";
    case Robustness::kInconclusive:
      return "inconclusive";
  }
  return "inconclusive";
}

Sensitivity CompareBudgets(const Analysis& base,
                           const std::vector<std::string>& labels,
                           const std::vector<Analysis>& variants) {
  Sensitivity s;
  s.labels = labels;
  for (const FitRow& row : base.fits) {
    if (!row.fit.ok) continue;
    s.fits.push_back(CompareFit(row, variants));
    const Robustness r = s.fits.back().verdict;
    if (r == Robustness::kBudgetDependent ||
        (r == Robustness::kInconclusive && s.overall == Robustness::kRobust))
      s.overall = r;
  }
  if (s.fits.empty()) s.overall = Robustness::kInconclusive;
  for (const Cell& cell : base.cells) {
    SensitivityCell c;
    c.label = cell.Label();
    c.base = cell.n_star.Text();
    for (const Analysis& v : variants) {
      const Cell* other = FindCell(v, cell);
      c.variants.push_back(other ? other->n_star.Text() : "missing");
      c.moved =
          c.moved || other == nullptr || Moved(cell.n_star, other->n_star);
    }
    s.cells.push_back(c);
  }
  return s;
}

std::string SensitivityTable(const Sensitivity& s) {
  std::ostringstream out;
  out << "Budget sensitivity of the fitted exponents (robust: every "
         "variant's slope inside the base 95% interval)\n";
  std::vector<std::string> header = {"model", "quantity", "axis", "base"};
  for (const std::string& l : s.labels) header.push_back(l);
  header.push_back("verdict");
  TextTable fits(header);
  for (const SensitivityFit& f : s.fits) {
    std::vector<std::string> row = {f.model, f.quantity, f.axis,
                                    FormatNumber(f.slope) + " [" +
                                        FormatNumber(f.lo) + ", " +
                                        FormatNumber(f.hi) + "]"};
    for (double v : f.variant_slopes) row.push_back(FormatNumber(v));
    row.push_back(RobustnessName(f.verdict));
    fits.Add(row);
  }
  out << fits.Render() << "\nN* per cell (moved: outside the base interval)\n";
  header = {"cell", "base"};
  for (const std::string& l : s.labels) header.push_back(l);
  header.push_back("moved");
  TextTable cells(header);
  for (const SensitivityCell& c : s.cells) {
    std::vector<std::string> row = {c.label, c.base};
    row.insert(row.end(), c.variants.begin(), c.variants.end());
    row.push_back(c.moved ? "yes" : "no");
    cells.Add(row);
  }
  out << cells.Render() << "\noverall: " << RobustnessName(s.overall) << "\n";
  return out.str();
}

Json SensitivityToJson(const Sensitivity& s) {
  auto number = [](double x) { return std::isfinite(x) ? Json(x) : Json(); };
  Json j = {{"variants", s.labels},
            {"overall", RobustnessName(s.overall)},
            {"fits", Json::array()},
            {"cells", Json::array()}};
  for (const SensitivityFit& f : s.fits) {
    Json slopes = Json::array();
    for (double v : f.variant_slopes) slopes.push_back(number(v));
    j["fits"].push_back({{"model", f.model},
                         {"quantity", f.quantity},
                         {"axis", f.axis},
                         {"slope", number(f.slope)},
                         {"interval", {number(f.lo), number(f.hi)}},
                         {"variant_slopes", slopes},
                         {"verdict", RobustnessName(f.verdict)}});
  }
  for (const SensitivityCell& c : s.cells) {
    j["cells"].push_back({{"cell", c.label},
                          {"n_star", c.base},
                          {"variants", c.variants},
                          {"moved", c.moved}});
  }
  return j;
}

}  // namespace sim
