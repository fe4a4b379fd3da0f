// Numbers in the analysis tables: "%.3g", "n/a" for NaN, "inf", and 0 for
// the rounding noise of a fit to constant data (a slope of 1e-17) or a value
// that rounds to zero at the format's precision ("0.000", never "-0.000").
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
  // A small negative number printed at fixed precision reads "-0.000": the
  // sign of a value that rounds to zero says nothing.
  std::string out = text;
  if (out[0] == '-' && out.find_first_not_of("0.", 1) == std::string::npos) {
    out.erase(0, 1);
  }
  return out;
}

}  // namespace sim
