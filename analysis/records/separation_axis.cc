#include "analysis/records/separation_axis.h"

#include <algorithm>
#include <cmath>

#include "sim/experiment/grid/grid_axes.h"

namespace sim {
namespace {

// "delta_d", "delta_r" or "" for a grid axis.
std::string SeparationPart(const std::string& axis) {
  if (axis == kSeparationAxis) return "";
  try {
    const std::string path = AxisPath(axis, "");
    if (path == "data.synthetic.delta_d") return "delta_d";
    if (path == "data.synthetic.delta_r") return "delta_r";
  } catch (const SpecError&) {
  }
  return "";
}

}  // namespace

void AddSeparationAxis(std::vector<std::string>& axes) {
  if (std::find(axes.begin(), axes.end(), kSeparationAxis) != axes.end())
    return;
  for (auto it = axes.begin(); it != axes.end(); ++it) {
    if (!SeparationPart(*it).empty()) {
      axes.insert(it, kSeparationAxis);
      return;
    }
  }
}

void AddSeparationCoords(ResultsSet& set) {
  if (std::find(set.axes.begin(), set.axes.end(), kSeparationAxis) ==
      set.axes.end())
    return;
  const Json synthetic =
      set.spec.value("data", Json::object()).value("synthetic", Json::object());
  for (RunRecord& run : set.runs) {
    double d = synthetic.value("delta_d", 0.5),
           r = synthetic.value("delta_r", 0.4);
    for (const auto& [axis, value] : run.coords) {
      const std::string part = SeparationPart(axis);
      if (part == "delta_d") d = value;
      if (part == "delta_r") r = value;
    }
    run.coords[kSeparationAxis] = 1 / (1 - std::max(d * d, r * r));
  }
}

}  // namespace sim
