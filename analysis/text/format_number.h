// Numbers in the analysis tables: "%.3g", "n/a" for NaN, "inf", and 0 for
// the rounding noise of a fit to constant data (a slope of 1e-17) or a value
// that rounds to zero at the format's precision ("0.000", never "-0.000").
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace sim {

inline std::string FormatNumber(double x, const char* format = "%.3g") {
  if (std::isnan(x)) return "n/a";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (std::abs(x) < 1e-12) x = 0;
  char text[32];
  std::snprintf(text, sizeof(text), format, x);
  // A small negative number printed at fixed precision reads "-0.000": the
  // sign of a value that rounds to zero says nothing, so such a value is
  // printed as the zero it reads as (whatever the format's width or flags).
  if (x < 0 && std::strchr(text, '-') != nullptr) {
    const char* start = text;
    while (*start == ' ') ++start;
    char* end = nullptr;
    if (std::strtod(start, &end) == 0 && end != start) {
      std::snprintf(text, sizeof(text), format, 0.0);
    }
  }
  return text;
}

}  // namespace sim
