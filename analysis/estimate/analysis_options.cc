#include "analysis/estimate/analysis_options.h"

#include "analysis/records/composite_axis.h"
#include "sim/experiment/spec/json_reader.h"

namespace sim {
namespace {

// analysis.composite_axes: a list of composites of the grid's axes.
std::vector<std::string> ReadCompositeAxes(ObjectReader& r, const Json& spec) {
  std::vector<std::string> axes;
  const Json* list = r.Member("composite_axes");
  if (list == nullptr) return axes;
  const std::string path = r.PathOf("composite_axes");
  if (!list->is_array())
    ThrowSpecError(path, "expected a list of composites such as \"n/l\"");
  const std::vector<std::string> grid_axes = GridAxes(spec);
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string at = path + "[" + std::to_string(i) + "]";
    if (!(*list)[i].is_string()) ThrowSpecError(at, "expected a string");
    const std::string text = (*list)[i].get<std::string>();
    if (!IsComposite(text))
      ThrowSpecError(at,
                     "expected a composite of axes such as \"n/l\", got \"" +
                         ClipName(text) + "\"");
    RequireComposite(text, at, grid_axes);
    axes.push_back(text);
  }
  return axes;
}

// analysis.labels: display names of the spec's models for figures
// ({"pmoe_separate": "pMoE (separate)"}); read by display_names.h.
void CheckLabels(ObjectReader& r, const Json& spec) {
  const Json* labels = r.Member("labels");
  if (labels == nullptr) return;
  const std::string path = r.PathOf("labels");
  if (!labels->is_object())
    ThrowSpecError(path,
                   "expected an object of display names such as "
                   "{\"pmoe_separate\": \"pMoE (separate)\"}");
  const Json models = spec.value("models", Json::object());
  std::string known;
  for (const auto& [name, model] : models.items())
    known += (known.empty() ? "" : ", ") + name;
  for (const auto& [name, label] : labels->items()) {
    const std::string at = path + "." + ClipName(name);
    if (!models.is_object() || !models.contains(name))
      ThrowSpecError(at,
                     "not a model of this spec (its models: " + known + ")");
    if (!label.is_string() || label.get<std::string>().empty())
      ThrowSpecError(at, "expected a non-empty string");
    const std::string text = label.get<std::string>();
    if (text.size() > 80)
      ThrowSpecError(at, "at most 80 characters (a legend entry)");
    for (const unsigned char c : text)
      if (c < 0x20) ThrowSpecError(at, "no control characters");
  }
}

}  // namespace

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
    options.composite_axes = ReadCompositeAxes(r, results.spec);
    options.router_target = r.Number("router_target", options.router_target);
    CheckLabels(r, results.spec);
    r.Finish();
    if (options.target < 0 || options.target > 1)
      ThrowSpecError("analysis.target", "must be in [0, 1]");
    if (!(options.router_target > 0 && options.router_target < 1))
      ThrowSpecError("analysis.router_target", "must be in (0, 1)");
    if (options.success <= 0 || options.success > 1) {
      ThrowSpecError("analysis.success_fraction", "must be in (0, 1]");
    }
  }
  options.seed = results.spec.value("seed", 1);
  return options;
}

}  // namespace sim
