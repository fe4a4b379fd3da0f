#include "sim/experiment/grid_spec.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "sim/core/rng.h"
#include "sim/experiment/grid_growth.h"
#include "sim/experiment/results_format.h"
#include "sim/experiment/run_config_json.h"

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

// Sets a dotted path ("synthetic.delta_r") inside a JSON object.
void SetPath(Json& object, const std::string& dotted, const Json& value) {
  Json* node = &object;
  size_t start = 0;
  while (true) {
    const size_t dot = dotted.find('.', start);
    const std::string key = dotted.substr(start, dot - start);
    if (dot == std::string::npos) {
      (*node)[key] = value;
      return;
    }
    if (!node->contains(key)) (*node)[key] = Json::object();
    node = &(*node)[key];
    start = dot + 1;
  }
}

// Samples a run's SGD steps touch (for the cost estimate): epochs * N, or
// max_steps * B under the online and converged protocols; once per
// learning-rate candidate.
double TrainingSamples(const TrainConfig& t, int train_size) {
  const double samples = t.protocol == Protocol::kBudget
                             ? double(t.epochs) * train_size
                             : double(t.max_steps) * t.batch_size;
  return samples * std::max<size_t>(1, t.learning_rate_candidates.size());
}

struct AxisGroup {
  std::vector<std::string> names;         // axes moving together
  std::vector<std::vector<Json>> values;  // values[point][axis]
};

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
                 "unknown axis '" + axis + "' (use one of " + known +
                     " or a path starting with data., model. or training.)");
}

Json ReadJsonFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw SpecError(path + ": is a folder, expected a JSON file");
  std::ifstream in(path);
  if (!in) throw SpecError(path + ": cannot open file");
  std::stringstream text;
  text << in.rdbuf();
  return ParseJsonText(text.str(), path);
}

GridSpec ParseGridSpec(const Json& spec, const GridLimits& limits) {
  ObjectReader r(spec, "");
  GridSpec grid;
  grid.name = r.String("name", "");
  if (!std::regex_match(grid.name, std::regex("[A-Za-z0-9_.-]+"))) {
    ThrowSpecError(
        "name", "is required and may hold only letters, digits, '_', '-', '.'");
  }
  grid.description = r.String("description", "");
  const uint64_t seed = ParseSeed(r.Member("seed"), "seed");
  const Precision precision =
      ParsePrecision(r.Member("precision"), "precision");
  const Json* data_json = r.Member("data");
  const Json* training_json = r.Member("training");
  const Json* models_json = r.Member("models");
  const Json* grid_json = r.Member("grid");
  const Json* expect = r.Member("expect");
  const Json* analysis = r.Member("analysis");
  const Json* history = r.Member("grid_history");  // grid_growth.h
  ValidateResultsFormat(r.Member("results_format"));
  r.Finish();
  if (expect != nullptr && !expect->is_array())
    ThrowSpecError("expect", "expected an array of rules");
  if (analysis != nullptr && !analysis->is_object())
    ThrowSpecError("analysis", "expected an object");
  const Json data_base = data_json ? *data_json : Json::object();
  const Json training_base = training_json ? *training_json : Json::object();
  if (models_json == nullptr || !models_json->is_object() ||
      models_json->empty()) {
    ThrowSpecError("models",
                   "is required: an object of named models, e.g. {\"cnn\": "
                   "{\"type\": \"cnn\"}}");
  }
  // Check the base sections on their own, so their errors carry plain paths.
  ParseDataConfig(data_base, "data");
  ParseTrainConfig(training_base, "training");
  for (auto it = models_json->begin(); it != models_json->end(); ++it) {
    Json model = it.value();
    if (model.is_object() && model.contains("training")) {
      const Json& overrides = model["training"];
      if (!overrides.is_object()) {
        ThrowSpecError("models." + it.key() + ".training",
                       "expected an object of training options");
      }
      Json training = training_base;
      training.merge_patch(overrides);
      ParseTrainConfig(training, "models." + it.key() + ".training");
      model.erase("training");
    }
    ParseModelConfig(model, "models." + it.key());
  }

  CheckRunCount(CountRunsUpperBound(grid_json, models_json->size()), limits);
  std::vector<AxisGroup> groups;
  int repeats = 1;
  if (grid_json != nullptr) {
    ObjectReader gr(*grid_json, "grid");
    repeats = gr.Int("repeats", 1, 1, 1000000);
    if (const Json* axes = gr.Member("axes")) {
      ObjectReader ar(*axes, "grid.axes");
      for (auto it = axes->begin(); it != axes->end(); ++it) {
        const std::string path = "grid.axes." + it.key();
        AxisPath(it.key(), path);
        AxisGroup group;
        group.names = {it.key()};
        for (const Json& v : AxisValues(it.value(), path))
          group.values.push_back({v});
        groups.push_back(group);
        ar.Member(it.key().c_str());
      }
    }
    if (const Json* zips = gr.Member("zip")) {
      if (!zips->is_array())
        ThrowSpecError("grid.zip",
                       "expected an array of {axis: [values]} objects");
      for (size_t z = 0; z < zips->size(); ++z) {
        const std::string zpath = "grid.zip[" + std::to_string(z) + "]";
        const Json& zip = (*zips)[z];
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
          for (size_t i = 0; i < length; ++i)
            group.values[i].push_back(values[i]);
        }
        groups.push_back(group);
      }
    }
    gr.Finish();
  }
  std::set<std::string> seen_axes;
  for (const auto& g : groups) {
    for (const auto& name : g.names) {
      if (!seen_axes.insert(AxisPath(name, "grid")).second) {
        ThrowSpecError("grid", "axis '" + name + "' appears twice");
      }
      grid.axes.push_back(name);
    }
  }

  // Cartesian product over the groups (the first group varies slowest).
  std::vector<size_t> index(groups.size(), 0);
  std::set<std::string> seen_points;
  const uint64_t data_root = DeriveSeed(seed, "data");
  const uint64_t init_root = DeriveSeed(seed, "init");
  const uint64_t shuffle_root = DeriveSeed(seed, "shuffle");
  while (true) {
    for (auto it = models_json->begin(); it != models_json->end(); ++it) {
      Json data = data_base, training = training_base, model = it.value();
      // A model may override training options: models.NAME.training.
      if (model.contains("training")) {
        training.merge_patch(model["training"]);
        model.erase("training");
      }
      Json coords = Json::object(), data_coords = Json::object();
      for (size_t g = 0; g < groups.size(); ++g) {
        for (size_t a = 0; a < groups[g].names.size(); ++a) {
          const std::string& name = groups[g].names[a];
          const Json& value = groups[g].values[index[g]][a];
          const std::string path = AxisPath(name, "grid");
          const size_t dot = path.find('.');
          const std::string section = path.substr(0, dot),
                            rest = path.substr(dot + 1);
          if (section == "model" && !ModelAccepts(model, rest)) {
            coords[name] = nullptr;  // e.g. top_l of the CNN
            continue;
          }
          if (path == "data.train_size" &&
              training.value("protocol", "budget") == "online") {
            coords[name] = nullptr;  // online training has no fixed N
            continue;
          }
          coords[name] = value;
          if (section == "data") {
            SetPath(data, rest, value);
            data_coords[name] = value;
          } else if (section == "model") {
            SetPath(model, rest, value);
          } else {
            SetPath(training, rest, value);
          }
        }
      }
      if (!seen_points.insert(it.key() + coords.dump()).second) continue;
      const std::string where = " (grid point " + coords.dump() + ")";
      RunConfig config;
      config.precision = precision;
      try {
        config.data = ParseDataConfig(data, "data");
        config.model = ParseModelConfig(model, "models." + it.key());
        config.train = ParseTrainConfig(training, "training");
        ValidateAtPaths(config, "data", "models." + it.key(), "training");
        if (limits.check_memory) CheckRunMemory(config, "models." + it.key());
      } catch (const SpecError& e) {
        throw SpecError(e.what() + where);
      }
      if (config.data.source == DataSource::kFashionMnist) {
        grid.needs_images = true;
        grid.images_directory = config.data.fashion_mnist.directory;
      }
      const bool all_patches = config.model.kind != ModelKind::kPmoeSeparate &&
                               config.model.kind != ModelKind::kPmoeJoint;
      const double touched =
          all_patches ? config.data.num_patches : config.model.top_l;
      for (int rep = 0; rep < repeats; ++rep) {
        GridRun run;
        run.run_id = static_cast<int>(grid.runs.size());
        run.model = it.key();
        run.coords = coords;
        run.repeat = rep;
        run.config = config;
        const std::string rep_tag = "#" + std::to_string(rep);
        // Runs that share data coordinates and repeat share their data, so
        // models are compared on identical samples.
        run.config.seeds.data =
            DeriveSeed(data_root, HashTag(data_coords.dump() + rep_tag));
        const std::string run_tag = it.key() + coords.dump() + rep_tag;
        run.config.seeds.init = DeriveSeed(init_root, HashTag(run_tag));
        run.config.seeds.shuffle = DeriveSeed(shuffle_root, HashTag(run_tag));
        run.cost = TrainingSamples(config.train, config.data.train_size) *
                   touched * PatchDim(config.data) * config.model.neurons;
        grid.runs.push_back(std::move(run));
      }
    }
    // Advance the odometer.
    int g = static_cast<int>(groups.size()) - 1;
    while (g >= 0 && ++index[g] == groups[g].values.size()) index[g--] = 0;
    if (g < 0) break;
  }

  grid.resolved = spec;
  grid.resolved["seed"] = seed;
  grid.resolved["results_format"] = kResultsFormatVersion;
  grid.resolved["precision"] =
      precision == Precision::kFloat ? "float" : "double";
  grid.resolved["data"] = ToJson(ParseDataConfig(data_base, "data"));
  grid.resolved["training"] =
      ToJson(ParseTrainConfig(training_base, "training"));
  for (auto it = models_json->begin(); it != models_json->end(); ++it) {
    Json model = it.value();
    const Json overrides =
        model.contains("training") ? model["training"] : Json(nullptr);
    model.erase("training");
    grid.resolved["models"][it.key()] =
        ToJson(ParseModelConfig(model, "models." + it.key()));
    if (!overrides.is_null()) {
      grid.resolved["models"][it.key()]["training"] = overrides;
    }
  }
  if (history != nullptr) NumberRunsByHistory(grid, spec);
  return grid;
}

}  // namespace sim
