#include "sim/experiment/grid/grid_axes.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace sim {
namespace {

const std::map<std::string, std::string>& AxisAliases() {
  static const std::map<std::string, std::string> aliases = {
      {"N", "data.train_size"},
      {"n", "data.num_patches"},
      {"d", "data.synthetic.patch_dim"},
      {"p", "data.synthetic.num_sets"},
      {"delta_d", "data.synthetic.delta_d"},
      {"delta_r", "data.synthetic.delta_r"},
      {"confusers", "data.synthetic.num_confusers"},
      {"alpha", "data.synthetic.confuser_strength"},
      {"noise", "data.noise_std"},
      {"l", "model.top_l"},
      {"k", "model.num_experts"},
      {"T", "model.num_experts"},
      {"top_k", "model.top_k"},
      {"m", "model.neurons"},
      {"eta", "training.learning_rate"},
      {"B", "training.batch_size"},
      {"epochs", "training.epochs"},
      {"N_r", "training.router_samples"},
  };
  return aliases;
}

// Values of one axis: a list of numbers or {"from", "to", "num", "scale"}.
std::vector<Json> AxisValues(const Json& axis, const std::string& path) {
  std::vector<Json> values;
  if (axis.is_array()) {
    if (axis.empty()) ThrowSpecError(path, "must not be empty");
    for (size_t i = 0; i < axis.size(); ++i) {
      if (!axis[i].is_number()) {
        ThrowSpecError(path + "[" + std::to_string(i) + "]",
                       "expected a number, got " + DescribeJson(axis[i]));
      }
      values.push_back(axis[i]);
    }
    return values;
  }
  ObjectReader r(axis, path);
  const double from = r.Number("from", NAN);
  const double to = r.Number("to", NAN);
  const int num = r.Int("num", 0, 1, 100000);
  const std::string scale = r.String("scale", "linear");
  r.Finish();
  if (std::isnan(from) || std::isnan(to) || num == 0) {
    ThrowSpecError(path, "a range needs \"from\", \"to\" and \"num\"");
  }
  if (scale != "linear" && scale != "log") {
    ThrowSpecError(path + ".scale", "must be \"linear\" or \"log\"");
  }
  if (scale == "log" && (from <= 0 || to <= 0)) {
    ThrowSpecError(path, "a log range needs from > 0 and to > 0");
  }
  // to - from must be a number too (1e308 to -1e308 overflows).
  if (!std::isfinite(to - from)) {
    ThrowSpecError(path, "a range from " + DescribeJson(axis["from"]) + " to " +
                             DescribeJson(axis["to"]) +
                             " spans more than a double holds");
  }
  const bool integer =
      axis["from"].is_number_integer() && axis["to"].is_number_integer();
  for (int i = 0; i < num; ++i) {
    const double t = num == 1 ? 0.0 : double(i) / (num - 1);
    double v =
        scale == "log"
            ? std::exp(std::log(from) + t * (std::log(to) - std::log(from)))
            : from + t * (to - from);
    Json value = integer ? Json(static_cast<long>(std::llround(v))) : Json(v);
    if (values.empty() || values.back() != value) values.push_back(value);
  }
  return values;
}

// The points of a group as numbers, for comparison by value.
std::vector<double> PointValues(const std::vector<Json>& point) {
  std::vector<double> numbers;
  for (const Json& v : point) numbers.push_back(v.get<double>());
  return numbers;
}

// One value as written; a zip point as {axis: value}.
std::string PointText(const AxisGroup& group, size_t point) {
  const std::vector<Json>& values = group.values[point];
  if (values.size() == 1) return values[0].dump();
  Json text = Json::object();
  for (size_t a = 0; a < values.size(); ++a) text[group.names[a]] = values[a];
  return text.dump();
}

// Refuses two points of `group` equal as numbers however spelt (20 and
// 20.0, 0 and -0.0, [20, 1] twice in a zip). Refused rather than merged so
// that the grid is the one the spec lists; sorted, so a long list is cheap.
void RefuseEqualPoints(const AxisGroup& group, const std::string& path) {
  std::vector<size_t> order(group.values.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::vector<double>> numbers;
  for (const auto& point : group.values) numbers.push_back(PointValues(point));
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return numbers[a] < numbers[b]; });
  for (size_t k = 1; k < order.size(); ++k) {
    const size_t first = order[k - 1], second = order[k];
    if (numbers[first] != numbers[second]) continue;
    const std::string a = PointText(group, first);
    const std::string b = PointText(group, second);
    const std::string what =
        group.names.size() == 1 ? "value" : "point (one value per axis)";
    ThrowSpecError(path, a == b
                             ? a + " appears twice; list each " + what + " once"
                             : a + " and " + b + " are the same " + what +
                                   "; list it once");
  }
}

// One group per axis of "grid.axes".
void ParseAxes(const Json& axes, std::vector<AxisGroup>& groups) {
  ObjectReader ar(axes, "grid.axes");
  for (auto it = axes.begin(); it != axes.end(); ++it) {
    const std::string path = "grid.axes." + it.key();
    AxisPath(it.key(), path);
    AxisGroup group;
    group.names = {it.key()};
    group.paths = {path};
    for (const Json& v : AxisValues(it.value(), path))
      group.values.push_back({v});
    RefuseEqualPoints(group, path);
    groups.push_back(group);
    ar.Member(it.key().c_str());
  }
}

// One group per entry of "grid.zip": axes of equal length, moving together.
void ParseZips(const Json& zips, std::vector<AxisGroup>& groups) {
  if (!zips.is_array())
    ThrowSpecError("grid.zip", "expected an array of {axis: [values]} objects");
  for (size_t z = 0; z < zips.size(); ++z) {
    const std::string zpath = "grid.zip[" + std::to_string(z) + "]";
    const Json& zip = zips[z];
    if (!zip.is_object() || zip.empty())
      ThrowSpecError(zpath, "expected a non-empty object of axes");
    AxisGroup group;
    size_t length = 0;
    for (auto it = zip.begin(); it != zip.end(); ++it) {
      const std::string path = zpath + "." + it.key();
      AxisPath(it.key(), path);
      const std::vector<Json> values = AxisValues(it.value(), path);
      if (group.names.empty()) {
        length = values.size();
        group.values.resize(length);
      } else if (values.size() != length) {
        ThrowSpecError(path, "has " + std::to_string(values.size()) +
                                 " values; every axis of a zip needs " +
                                 std::to_string(length));
      }
      group.names.push_back(it.key());
      group.paths.push_back(path);
      for (size_t i = 0; i < length; ++i) group.values[i].push_back(values[i]);
    }
    RefuseEqualPoints(group, zpath);
    groups.push_back(group);
  }
}

}  // namespace

std::string AxisPath(const std::string& axis, const std::string& json_path) {
  auto it = AxisAliases().find(axis);
  if (it != AxisAliases().end()) return it->second;
  for (const char* prefix : {"data.", "model.", "training."}) {
    if (axis.rfind(prefix, 0) == 0 && axis.size() > std::string(prefix).size())
      return axis;
  }
  std::string known;
  for (const auto& [name, path] : AxisAliases())
    known += (known.empty() ? "" : ", ") + name;
  ThrowSpecError(json_path,
                 "unknown axis '" + ClipName(axis) + "' (use one of " + known +
                     " or a path starting with data., model. or training.)");
}

std::vector<AxisGroup> ParseAxisGroups(const Json* grid_json, int& repeats) {
  std::vector<AxisGroup> groups;
  repeats = 1;
  if (grid_json != nullptr) {
    ObjectReader gr(*grid_json, "grid");
    repeats = gr.Int("repeats", 1, 1, 1000000);
    if (const Json* axes = gr.Member("axes")) ParseAxes(*axes, groups);
    if (const Json* zips = gr.Member("zip")) ParseZips(*zips, groups);
    gr.Finish();
  }
  std::set<std::string> seen;
  for (const auto& g : groups) {
    for (const auto& name : g.names) {
      if (!seen.insert(AxisPath(name, "grid")).second)
        ThrowSpecError("grid", "axis '" + ClipName(name) + "' appears twice");
    }
  }
  return groups;
}

}  // namespace sim
