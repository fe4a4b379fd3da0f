// Numbers in the analysis tables: "%.3g", "n/a" for NaN, "inf", and 0 for
// the rounding noise of a fit to constant data (a slope of 1e-17).
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace sim {

inline std::string FormatNumber(double x, const char* format = "%.3g") {
  if (std::isnan(x)) return "n/a";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (std::abs(x) < 1e-12) x = 0;
  char text[32];
  std::snprintf(text, sizeof(text), format, x);
  return text;
}

}  // namespace sim
