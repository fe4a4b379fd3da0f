// Whether a power law describes the cells over the grid's range, or one end
// carries the slope. A fit's interval captures seed noise, not lack of fit:
// cells on a curve give a narrow interval around a slope that holds
// nowhere. So beside each fitted exponent: the local slopes between
// neighbouring axis values (at equal other coordinates), and the fit
// refitted without the lowest and without the highest axis value. When
// either refit leaves the full fit's 95% interval, or local slopes lie on
// both sides of it, the note says so: "not a power law over this range".
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "analysis/estimate/complexity.h"
#include "analysis/fits/scaling_fit.h"

namespace sim {

struct LocalSlope {
  double from = 0, to = 0;  // neighbouring axis values
  double slope = std::nan("");
  std::string at;  // the other coordinates ("" for one axis)
};

struct FitShape {
  std::vector<LocalSlope> local;
  double lowest = std::nan(""), highest = std::nan("");  // the axis' ends
  // The slope refitted without the lowest / the highest axis value (NaN:
  // too few cells left).
  double without_lowest = std::nan(""), without_highest = std::nan("");
  std::string note;  // "" when neither end carries the slope
};

// The shape of `fit`'s slope `index` (in axes[index]) over `model`'s cells.
FitShape ShapeOf(const std::vector<Cell>& cells,
                 const std::string& model,
                 const std::vector<std::string>& axes,
                 size_t index,
                 Quantity quantity,
                 const Fit& fit);

}  // namespace sim
