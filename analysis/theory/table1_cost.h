// The paper's Table 1: the computation to reach eps, O(B m n^5 d / eps^8)
// for the CNN, O(B m l^5 d / eps^8) for the separate pMoE and
// O(B m k^2 l^3 d / eps^8) for the joint pMoE [P Table 1], with B and m as
// factors of their own. Its exponent in one axis holds as stated where the
// grid holds B and m fixed along it.
#pragma once

#include <optional>
#include <string_view>

namespace sim {

// Table 1's exponent of `type`'s cost in `axis` (n, l, k, d, m, B or
// 1/eps); nullopt where the table has no row for the type or the axis.
inline std::optional<double> Table1CostExponent(std::string_view type,
                                                std::string_view axis) {
  if (axis == "d" || axis == "m" || axis == "B") return 1.0;
  if (axis == "1/eps") return 8.0;
  if (type == "cnn") {
    if (axis == "n") return 5.0;
  } else if (type == "pmoe_separate") {
    if (axis == "l") return 5.0;
    if (axis == "n" || axis == "k") return 0.0;
  } else if (type == "pmoe_joint") {
    if (axis == "k") return 2.0;
    if (axis == "l") return 3.0;
    if (axis == "n") return 0.0;
  } else {
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace sim
