// JSON <-> DataConfig: the shared options from DataConfig's schema, the
// source's own from its registry entry (data_registry.h).
#include "sim/experiment/spec/data_registry.h"
#include "sim/experiment/spec/run_config_json.h"

namespace sim {
namespace {

const DataSourceEntry& SourceEntry(const std::string& name,
                                   const std::string& path) {
  if (const DataSourceEntry* e = FindDataSourceEntry(name)) return *e;
  std::string allowed;
  for (const DataSourceEntry& e : DataSourceEntries())
    allowed += (allowed.empty() ? "" : ", ") + ("\"" + e.name + "\"");
  ThrowSpecError(
      path, "must be one of " + allowed + ", got " + DescribeJson(Json(name)));
}

}  // namespace

DataConfig ParseDataConfig(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  DataConfig c;
  const DataSourceEntry& source =
      SourceEntry(r.String("source", "synthetic"), r.PathOf("source"));
  ReadFields(r, DataConfig::Schema(), c);
  for (const DataSourceEntry& other : DataSourceEntries()) {
    if (other.name != source.name && r.Member(other.name.c_str())) {
      ThrowSpecError(r.PathOf(other.name.c_str()),
                     "only allowed with \"source\": \"" + other.name + "\"");
    }
  }
  const Json* options = r.Member(source.name.c_str());
  const Json empty = Json::object();
  ObjectReader sr(options ? *options : empty, r.PathOf(source.name.c_str()));
  c.source = source.parse(sr);
  sr.Finish();
  r.Finish();
  return c;
}

void SetDataField(DataConfig& config,
                  const std::string& key,
                  const Json& value,
                  const std::string& path) {
  if (SetField(DataConfig::Schema(), config, key, value, path)) return;
  const std::string name = config.source->name();
  const size_t dot = key.find('.');
  const std::string section = key.substr(0, dot);
  if (section == name && dot != std::string::npos &&
      FindDataSourceEntry(name)->set(config.source, key.substr(dot + 1), value,
                                     path)) {
    return;
  }
  if (section != name && FindDataSourceEntry(section) != nullptr)
    ThrowSpecError(path, "only allowed with \"source\": \"" + section + "\"");
  ThrowSpecError(path, "unknown data option '" + ClipName(key) + "'");
}

Json ToJson(const DataConfig& c) {
  Json j = Json::object();
  WriteFields(DataConfig::Schema(), c, j);
  const std::string name = c.source->name();
  j["source"] = name;
  j[name] = FindDataSourceEntry(name)->write(c.source);
  return j;
}

}  // namespace sim
