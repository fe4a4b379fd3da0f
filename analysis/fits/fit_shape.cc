#include "analysis/fits/fit_shape.h"

#include <map>
#include <set>

#include "analysis/text/format_number.h"

namespace sim {
namespace {

const Estimate& Of(const Cell& c, Quantity q) { return CellEstimate(c, q); }

// The cell's coordinates other than `axis`, as text.
std::string OtherCoords(const Cell& cell,
                        const std::vector<std::string>& axes,
                        const std::string& axis) {
  std::string at;
  for (const std::string& a : axes) {
    double v = 0;
    if (a == axis || !CellAxisValue(cell, a, v)) continue;
    at += (at.empty() ? "" : " ") + a + "=" + FormatNumber(v);
  }
  return at;
}

std::vector<LocalSlope> LocalSlopes(const std::vector<Cell>& cells,
                                    const std::string& model,
                                    const std::vector<std::string>& axes,
                                    const std::string& axis,
                                    Quantity quantity) {
  // Usable estimates by the other coordinates, ascending in the axis.
  std::map<std::string, std::map<double, double>> series;
  for (const Cell& c : cells) {
    double x = 0;
    if (c.model != model || !Of(c, quantity).usable() ||
        !CellAxisValue(c, axis, x) || x <= 0 || !(Of(c, quantity).value > 0))
      continue;
    series[OtherCoords(c, axes, axis)][x] = Of(c, quantity).value;
  }
  std::vector<LocalSlope> out;
  for (const auto& [at, points] : series) {
    for (auto it = points.begin(); std::next(it) != points.end(); ++it) {
      const auto next = std::next(it);
      out.push_back({it->first, next->first,
                     std::log(next->second / it->second) /
                         std::log(next->first / it->first),
                     at});
    }
  }
  return out;
}

// The slope refitted on the cells whose axis value is not `drop`.
double RefitWithout(const std::vector<Cell>& cells,
                    const std::string& model,
                    const std::vector<std::string>& axes,
                    size_t index,
                    Quantity quantity,
                    double drop) {
  std::vector<Cell> kept;
  for (const Cell& c : cells) {
    double x = 0;
    if (c.model == model && CellAxisValue(c, axes[index], x) && x == drop)
      continue;
    Cell copy = c;
    // The shape needs the point fit only.
    copy.n_star_boot.clear();
    copy.n_star_boot_censor.clear();
    copy.t_star_boot.clear();
    copy.t_star_boot_censor.clear();
    kept.push_back(std::move(copy));
  }
  const Fit fit = FitCells(kept, model, axes, quantity);
  return fit.ok && fit.uncensored >= fit.Coefficients() + 1 ? fit.slope[index]
                                                            : std::nan("");
}

}  // namespace

FitShape ShapeOf(const std::vector<Cell>& cells,
                 const std::string& model,
                 const std::vector<std::string>& axes,
                 size_t index,
                 Quantity quantity,
                 const Fit& fit) {
  FitShape shape;
  const std::string& axis = axes[index];
  shape.local = LocalSlopes(cells, model, axes, axis, quantity);
  std::set<double> values;
  for (const Cell& c : cells) {
    double x = 0;
    if (c.model == model && CellAxisValue(c, axis, x) && x > 0)
      values.insert(x);
  }
  if (!fit.ok || values.size() < 3) return shape;
  shape.lowest = *values.begin();
  shape.highest = *values.rbegin();
  shape.without_lowest =
      RefitWithout(cells, model, axes, index, quantity, shape.lowest);
  shape.without_highest =
      RefitWithout(cells, model, axes, index, quantity, shape.highest);
  double lo = fit.lo[index], hi = fit.hi[index];
  if (std::isnan(lo) || std::isnan(hi)) return shape;
  std::string ends;
  for (const auto& [without, end] :
       {std::pair{shape.without_lowest, shape.lowest},
        std::pair{shape.without_highest, shape.highest}}) {
    if (std::isnan(without) || (without >= lo && without <= hi)) continue;
    ends += (ends.empty() ? "" : "; ") + std::string("without ") + axis + "=" +
            FormatNumber(end) + " the slope is " + FormatNumber(without);
  }
  // Local slopes on both sides of the interval: no one exponent holds.
  const LocalSlope* below = nullptr;
  const LocalSlope* above = nullptr;
  for (const LocalSlope& l : shape.local) {
    if (l.slope < lo && (!below || l.slope < below->slope)) below = &l;
    if (l.slope > hi && (!above || l.slope > above->slope)) above = &l;
  }
  if (below && above) {
    const auto text = [&axis](const LocalSlope& l) {
      return FormatNumber(l.slope) + " (" + axis + " " + FormatNumber(l.from) +
             " to " + FormatNumber(l.to) + ")";
    };
    ends += (ends.empty() ? "" : "; ") + std::string("local slopes ") +
            text(*below) + " and " + text(*above) +
            " lie on both sides of the interval";
  }
  if (!ends.empty()) shape.note = "not a power law over this range: " + ends;
  return shape;
}

}  // namespace sim
