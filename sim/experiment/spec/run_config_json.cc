#include "sim/experiment/spec/run_config_json.h"

#include "sim/core/check.h"

namespace sim {
namespace {

// Whether `object` holds the dotted `field` ("adam.beta1").
bool Writes(const Json& object, const std::string& field) {
  std::string pointer = "/" + field;
  for (char& c : pointer) c = c == '.' ? '/' : c;
  return object.is_object() && object.contains(Json::json_pointer(pointer));
}

}  // namespace

void CheckTrainOptionsRead(const RunConfig& config) {
  const auto unread = FindUnreadTrainOption(*config.model, config.train);
  if (unread)
    ThrowSpecError("training." + unread->field, unread->rule + "; remove it");
}

void CheckModelTrainOptionsRead(const RunConfig& config,
                                const std::string& name,
                                const Json& overrides,
                                const TrainConfig& before_axes) {
  const std::string model = "models." + name;
  if (const auto unread = FindUnreadTrainOption(*config.model, before_axes)) {
    if (Writes(overrides, unread->field)) {
      ThrowSpecError(model + ".training." + unread->field,
                     unread->rule + "; remove it");
    }
    ThrowSpecError("training." + unread->field,
                   model + " inherits it from this shared section, but " +
                       unread->rule +
                       "; move it into models.NAME.training of the models "
                       "that use it");
  }
}

Precision ParsePrecision(const Json* json, const std::string& path) {
  if (json == nullptr) return Precision::kFloat;
  if (*json == "float") return Precision::kFloat;
  if (*json == "double") return Precision::kDouble;
  ThrowSpecError(path,
                 "must be \"float\" or \"double\", got " + DescribeJson(*json));
}

uint64_t ParseSeed(const Json* json, const std::string& path) {
  if (json == nullptr) return 1;
  const bool non_negative =
      json->is_number_unsigned() ||
      (json->is_number_integer() && json->get<int64_t>() >= 0);
  if (!non_negative) {
    ThrowSpecError(
        path, "expected a non-negative integer, got " + DescribeJson(*json));
  }
  return json->get<uint64_t>();
}

void ValidateAtPaths(const RunConfig& config,
                     const std::string& data_path,
                     const std::string& model_path,
                     const std::string& training_path) {
  try {
    ValidateRunConfig(config);
    CheckTrainOptionsApply(config.train);
  } catch (const ConfigError& e) {
    std::string field = e.field();
    const std::string& rule = e.rule();
    for (const auto& [prefix, path] :
         {std::pair<std::string, std::string>{"data.", data_path},
          {"model.", model_path},
          {"training.", training_path}}) {
      if (field.rfind(prefix, 0) == 0) {
        field = path + "." + field.substr(prefix.size());
        break;
      }
    }
    ThrowSpecError(field, rule);
  }
}

RunConfig ParseRunConfigFile(const Json& json) {
  ObjectReader r(json, "");
  RunConfig c;
  c.seeds = SeedsFromMaster(ParseSeed(r.Member("seed"), "seed"));
  c.precision = ParsePrecision(r.Member("precision"), "precision");
  const Json* data = r.Member("data");
  const Json* model = r.Member("model");
  const Json* training = r.Member("training");
  if (model == nullptr) ThrowSpecError("model", "is required");
  c.data = ParseDataConfig(data ? *data : Json::object(), "data");
  c.model = ParseModelConfig(*model, "model");
  c.train = ParseTrainConfig(training ? *training : Json::object(), "training");
  r.Finish();
  ValidateAtPaths(c, "data", "model", "training");
  CheckTrainOptionsRead(c);
  return c;
}

}  // namespace sim
