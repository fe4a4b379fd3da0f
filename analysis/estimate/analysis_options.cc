#include "analysis/estimate/analysis_options.h"

#include "sim/experiment/spec/json_reader.h"

namespace sim {

ComplexityOptions ReadAnalysisOptions(const ResultsSet& results) {
  ComplexityOptions options;
  if (!results.targets.empty()) options.target = results.targets.front();
  if (results.spec.contains("analysis")) {
    ObjectReader r(results.spec["analysis"], "analysis");
    options.target = r.Number("target", options.target);
    options.success = r.Number("success_fraction", options.success);
    options.bootstrap = r.Int("bootstrap", options.bootstrap, 0, 100000);
    options.t_star = r.Choice("t_star", options.t_star,
                              {{"stays", TStarRule::kStays},
                               {"first_touch", TStarRule::kFirstTouch}});
    r.Finish();
    if (options.target < 0 || options.target > 1)
      ThrowSpecError("analysis.target", "must be in [0, 1]");
    if (options.success <= 0 || options.success > 1) {
      ThrowSpecError("analysis.success_fraction", "must be in (0, 1]");
    }
  }
  options.seed = results.spec.value("seed", 1);
  return options;
}

}  // namespace sim
