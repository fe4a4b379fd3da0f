#include "analysis/fits/saving_points.h"

#include <algorithm>
#include <cmath>

namespace sim {

bool SamePoint(const Cell& a, const Cell& b) {
  for (const auto& [axis, value] : a.coords) {
    const auto it = b.coords.find(axis);
    if (it != b.coords.end() && it->second != value) return false;
  }
  return true;
}

Cell Joined(const Cell& a, const Cell& b) {
  Cell joined;  // the coordinates and parameters are all AxisValues reads
  joined.coords = b.coords;
  joined.params = b.params;
  for (const auto& [axis, value] : a.coords) joined.coords.emplace(axis, value);
  return joined;
}

std::vector<SavingPoint> SavingPoints(const std::vector<Cell>& cells,
                                      const std::string& numerator,
                                      const std::string& denominator) {
  std::vector<SavingPoint> points;
  for (const Cell& num : cells) {
    if (num.model != numerator || !num.n_star.usable()) continue;
    for (const Cell& den : cells) {
      if (den.model != denominator || !den.n_star.usable() ||
          !SamePoint(num, den))
        continue;
      SavingPoint p;
      p.joined = Joined(num, den);
      p.value = num.n_star.value / den.n_star.value;
      std::vector<double> ratios;
      const size_t n = std::min(num.n_star_boot.size(), den.n_star_boot.size());
      for (size_t b = 0; b < n; ++b) {
        const double r = num.n_star_boot[b] / den.n_star_boot[b];
        if (std::isfinite(r)) ratios.push_back(r);
      }
      if (!ratios.empty()) {
        p.lo = Percentile(ratios, 0.025);
        p.hi = Percentile(ratios, 0.975);
      }
      points.push_back(p);
    }
  }
  return points;
}

}  // namespace sim
