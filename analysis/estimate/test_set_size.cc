#include "analysis/estimate/test_set_size.h"

#include <cmath>

namespace sim {

int TestSamplesFor(double eps) {
  if (!(eps > 0) || eps >= 1) return 0;
  return static_cast<int>(std::ceil(25 * (1 - eps) / eps - 1e-9));
}

std::string TestSetWarning(const ResultsSet& results, double eps) {
  if (!results.spec.is_object()) return "";
  const Json data = results.spec.value("data", Json::object());
  if (!data.contains("test_size") || !data["test_size"].is_number()) return "";
  const int n = data["test_size"].get<int>(), need = TestSamplesFor(eps);
  if (n >= need) return "";
  return "warning: the test set (" + std::to_string(n) +
         " samples) does not resolve eps = " + TargetKey(eps) +
         ": its standard error exceeds eps / 5 below " + std::to_string(need) +
         " samples (data.test_size), so first hits are noisy\n";
}

}  // namespace sim
