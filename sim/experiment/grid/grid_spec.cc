#include "sim/experiment/grid/grid_spec.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "sim/core/rng.h"
#include "sim/experiment/grid/grid_axes.h"
#include "sim/experiment/grid/grid_growth.h"
#include "sim/experiment/grid/run_work.h"
#include "sim/experiment/spec/results_format.h"
#include "sim/experiment/spec/run_config_json.h"
#include "sim/experiment/spec/spec_names.h"
#include "sim/train/train_options.h"

namespace sim {
namespace {

// One entry of "models": its options and training options (the spec's,
// with the model's overrides), parsed once.
struct ModelBase {
  std::string name;  // key in spec.models
  ModelConfig model;
  TrainConfig train;
  Json overrides;  // models.NAME.training as written (null: none)
};

// The spec's sections, parsed once.
struct SpecBase {
  uint64_t seed = 1;
  Precision precision = Precision::kFloat;
  DataConfig data;
  TrainConfig train;
  std::vector<ModelBase> models;
};

std::vector<ModelBase> ParseModels(const Json* models_json,
                                   const TrainConfig& train) {
  if (models_json == nullptr || !models_json->is_object() ||
      models_json->empty()) {
    ThrowSpecError("models",
                   "is required: an object of named models, e.g. {\"cnn\": "
                   "{\"type\": \"cnn\"}}");
  }
  std::vector<ModelBase> models;
  for (auto it = models_json->begin(); it != models_json->end(); ++it) {
    CheckModelName(it.key());
    const std::string path = "models." + it.key();
    ModelBase base{it.key(), {}, train, nullptr};
    Json model = it.value();
    if (model.is_object() && model.contains("training")) {
      base.overrides = model["training"];
      if (!base.overrides.is_object()) {
        ThrowSpecError(path + ".training",
                       "expected an object of training options");
      }
      base.train = ParseTrainConfig(base.overrides, path + ".training", train);
      model.erase("training");
    }
    base.model = ParseModelConfig(model, path);
    models.push_back(std::move(base));
  }
  return models;
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

// One grid point of one model: the axis values set on the typed configs.
struct Point {
  RunConfig config;
  Json coords = Json::object();       // {axis: value}, null where n/a
  Json data_coords = Json::object();  // the data axes only (shared data)
};

Point MakePoint(const SpecBase& spec,
                const ModelBase& base,
                const std::vector<AxisGroup>& groups,
                const std::vector<size_t>& index) {
  Point p;
  p.config = RunConfig{spec.data, base.model, base.train, spec.precision, {}};
  for (size_t g = 0; g < groups.size(); ++g) {
    for (size_t a = 0; a < groups[g].names.size(); ++a) {
      const std::string& name = groups[g].names[a];
      const Json& value = groups[g].values[index[g]][a];
      const std::string path = AxisPath(name, "grid");
      const size_t dot = path.find('.');
      const std::string section = path.substr(0, dot);
      const std::string key = path.substr(dot + 1);
      p.coords[name] = value;
      try {
        if (section == "model") {
          const std::string where = "models." + base.name + "." + key;
          if (!SetModelField(p.config.model, key, value, where))
            p.coords[name] = nullptr;  // e.g. top_l of the CNN
        } else if (section == "training") {
          // A per-model option moves only the models that read it, as a
          // model axis does (e.g. N_r for the separate pMoE, not the CNN).
          if (ReadsTrainField(*p.config.model, key))
            SetTrainField(p.config.train, key, value, path);
          else
            p.coords[name] = nullptr;
        } else if (path == "data.train_size" &&
                   p.config.train.protocol == Protocol::kOnline) {
          p.coords[name] = nullptr;  // online training has no fixed N
        } else {
          SetDataField(p.config.data, key, value, path);
          p.data_coords[name] = value;
        }
      } catch (const SpecError& e) {
        // The option's rule, and the axis value that broke it.
        throw SpecError(std::string(e.what()) + " (set by the grid's axis " +
                        ClipName(name) + " = " + ClipName(value.dump()) + ")");
      }
    }
  }
  return p;
}

// Appends every repeat of every model at every grid point to `grid`.
void Expand(const SpecBase& spec,
            const std::vector<AxisGroup>& groups,
            int repeats,
            const GridLimits& limits,
            GridSpec& grid) {
  std::vector<size_t> index(groups.size(), 0);
  std::set<std::string> seen_points;
  const uint64_t data_root = DeriveSeed(spec.seed, "data");
  const uint64_t init_root = DeriveSeed(spec.seed, "init");
  const uint64_t shuffle_root = DeriveSeed(spec.seed, "shuffle");
  while (true) {
    for (const ModelBase& base : spec.models) {
      Point p;
      std::string where;
      try {
        p = MakePoint(spec, base, groups, index);
        if (!seen_points.insert(base.name + p.coords.dump()).second) continue;
        where = " (grid point " + ClipName(p.coords.dump(), 200) + ")";
        ValidateAtPaths(p.config, "data", "models." + base.name, "training");
        CheckModelTrainOptionsRead(p.config, base.name, base.overrides,
                                   base.train);
        if (limits.check_memory)
          CheckRunMemory(p.config, "models." + base.name);
      } catch (const SpecError& e) {
        throw SpecError(e.what() + where);
      }
      const ModelShape shape = p.config.model->Shape(p.config.data.num_patches);
      for (int rep = 0; rep < repeats; ++rep) {
        GridRun run;
        run.run_id = static_cast<int>(grid.runs.size());
        run.model = base.name;
        run.coords = p.coords;
        run.repeat = rep;
        run.config = p.config;
        const std::string rep_tag = "#" + std::to_string(rep);
        // Runs that share data coordinates and repeat share their data, so
        // models are compared on identical samples.
        run.config.seeds.data =
            DeriveSeed(data_root, HashTag(p.data_coords.dump() + rep_tag));
        const std::string run_tag = base.name + p.coords.dump() + rep_tag;
        run.config.seeds.init = DeriveSeed(init_root, HashTag(run_tag));
        run.config.seeds.shuffle = DeriveSeed(shuffle_root, HashTag(run_tag));
        const double sample_cost =
            double(shape.patches) * PatchDim(p.config.data) * shape.neurons;
        run.cost = TrainingSamples(p.config.train, p.config.data.train_size) *
                   sample_cost;
        run.work = RunWork(run.config, run.cost, sample_cost);
        grid.runs.push_back(std::move(run));
      }
    }
    // Advance the odometer (the first group varies slowest).
    int g = static_cast<int>(groups.size()) - 1;
    while (g >= 0 && ++index[g] == groups[g].values.size()) index[g--] = 0;
    if (g < 0) break;
  }
}

// A model axis that no model of the spec has is a typo, not a coordinate.
void CheckModelAxes(const std::vector<AxisGroup>& groups,
                    const std::vector<ModelBase>& models) {
  for (const AxisGroup& g : groups) {
    for (size_t a = 0; a < g.names.size(); ++a) {
      const std::string path = AxisPath(g.names[a], "grid");
      if (path.rfind("model.", 0) != 0) continue;
      bool any = false;
      for (const ModelBase& m : models) {
        ModelConfig probe = m.model;
        any = any || SetModelField(probe, path.substr(6), g.values[0][a],
                                   "grid." + g.names[a]);
      }
      if (!any)
        ThrowSpecError("grid." + g.names[a],
                       "no model of this spec has the option '" +
                           ClipName(path.substr(6)) + "'");
    }
  }
}

// A learning-rate axis would silently replace a model's selection
// ({"select": [...]}): the rate is either selected or swept, not both.
void RefuseRateAxisOverSelection(const std::vector<AxisGroup>& groups,
                                 const std::vector<ModelBase>& models) {
  for (const AxisGroup& g : groups) {
    for (size_t a = 0; a < g.names.size(); ++a) {
      if (AxisPath(g.names[a], g.paths[a]) != "training.learning_rate")
        continue;
      for (const ModelBase& m : models) {
        if (m.train.learning_rate_candidates.empty()) continue;
        const bool own =
            m.overrides.is_object() && m.overrides.contains("learning_rate");
        const std::string select =
            (own ? "models." + m.name + ".training" : std::string("training")) +
            ".learning_rate.select";
        ThrowSpecError(g.paths[a],
                       "a learning-rate axis would replace " + select +
                           " (model '" + ClipName(m.name) +
                           "'); select the rate or sweep it, not both");
      }
    }
  }
}

// The spec with every default filled in (spec.json of a results folder).
Json Resolve(const Json& spec, const SpecBase& base) {
  Json resolved = spec;
  resolved["seed"] = base.seed;
  resolved["results_format"] = kResultsFormatVersion;
  resolved["precision"] =
      base.precision == Precision::kFloat ? "float" : "double";
  resolved["data"] = ToJson(base.data);
  resolved["training"] = ToJson(base.train);
  for (const ModelBase& m : base.models) {
    resolved["models"][m.name] = ToJson(m.model);
    if (!m.overrides.is_null())
      resolved["models"][m.name]["training"] = m.overrides;
  }
  return resolved;
}

// A name is a folder name under results/.
void CheckGridName(const std::string& name) {
  CheckSpecName("name", name, kMaxGridNameLength);
}

void CheckSectionTypes(const Json* expect, const Json* analysis) {
  if (expect != nullptr && !expect->is_array())
    ThrowSpecError("expect", "expected an array of rules");
  if (analysis != nullptr && !analysis->is_object())
    ThrowSpecError("analysis", "expected an object");
}

}  // namespace

Json ReadJsonFile(const std::string& path) {
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status))
    throw SpecError(path + ": is a folder, expected a JSON file");
  if (std::filesystem::exists(status) &&
      !std::filesystem::is_regular_file(status)) {
    throw SpecError(path +
                    ": not a regular file (a device or FIFO), expected a "
                    "JSON file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SpecError(path + ": cannot open file");
  std::string text;
  char chunk[1 << 16];
  while (in.read(chunk, sizeof(chunk)) || in.gcount() > 0) {
    text.append(chunk, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxJsonFileBytes) {
      throw SpecError(path + ": larger than " +
                      std::to_string(kMaxJsonFileBytes >> 20) +
                      " MB; a spec or config is a few KB");
    }
  }
  if (in.bad()) throw SpecError(path + ": read failed");
  return ParseJsonText(text, path);
}

GridSpec ParseGridSpec(const Json& spec, const GridLimits& limits) {
  ObjectReader r(spec, "");
  GridSpec grid;
  grid.name = r.String("name", "");
  CheckGridName(grid.name);
  grid.description = r.String("description", "");
  SpecBase base;
  base.seed = ParseSeed(r.Member("seed"), "seed");
  base.precision = ParsePrecision(r.Member("precision"), "precision");
  const Json* data_json = r.Member("data");
  const Json* training_json = r.Member("training");
  const Json* models_json = r.Member("models");
  const Json* grid_json = r.Member("grid");
  CheckSectionTypes(r.Member("expect"), r.Member("analysis"));
  const Json* history = r.Member("grid_history");  // grid_growth.h
  ValidateResultsFormat(r.Member("results_format"));
  r.Finish();
  base.data = ParseDataConfig(data_json ? *data_json : Json::object(), "data");
  base.train = ParseTrainConfig(training_json ? *training_json : Json::object(),
                                "training");
  base.models = ParseModels(models_json, base.train);

  const double runs = CountRunsUpperBound(grid_json, models_json->size());
  CheckRunCount(runs, limits);
  if (limits.check_memory) CheckExpansionMemory(runs);
  int repeats = 1;
  const std::vector<AxisGroup> groups = ParseAxisGroups(grid_json, repeats);
  for (const AxisGroup& g : groups)
    grid.axes.insert(grid.axes.end(), g.names.begin(), g.names.end());
  CheckModelAxes(groups, base.models);
  RefuseRateAxisOverSelection(groups, base.models);
  Expand(base, groups, repeats, limits, grid);
  grid.resolved = Resolve(spec, base);
  if (history != nullptr) NumberRunsByHistory(grid, spec);
  return grid;
}

}  // namespace sim
