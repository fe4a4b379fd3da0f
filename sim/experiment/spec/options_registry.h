// What the model and data-source registries share: an entry per options
// type (its name, keys, JSON reading, writing and setting, all from the
// type's FieldSchema), and a list of entries found by name.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/experiment/spec/field_json.h"

namespace sim {

template <typename Config>
struct OptionsEntry {
  std::string name;  // the spec's name of the type ("cnn", "synthetic")
  // The keys its JSON object may hold (also the grid axes it accepts).
  std::vector<std::string> keys;
  // Reads the options from its JSON object.
  std::function<Config(ObjectReader&)> parse;
  // The options with every default filled in.
  std::function<Json(const Config&)> write;
  // Sets one option (a grid axis value); false if the type has no `key`.
  std::function<bool(
      Config&, const std::string& key, const Json&, const std::string& path)>
      set;
};

// The entry of config struct T (T::Schema()) held in a Config.
template <typename Config, typename T>
OptionsEntry<Config> OptionsEntryFor(std::string name) {
  OptionsEntry<Config> e;
  e.name = std::move(name);
  e.keys = FieldKeys(T::Schema());
  e.parse = [](ObjectReader& reader) {
    T options;
    ReadFields(reader, T::Schema(), options);
    return Config(options);
  };
  e.write = [](const Config& config) {
    Json j = Json::object();
    WriteFields(T::Schema(), *config.template As<T>(), j);
    return j;
  };
  e.set = [](Config& config, const std::string& key, const Json& value,
             const std::string& path) {
    return SetField(T::Schema(), config.template Mutable<T>(), key, value,
                    path);
  };
  return e;
}

// Entries in registration order, found by name. Adding is not thread-safe:
// register before any spec is parsed.
template <typename Entry>
class Registry {
 public:
  Registry(const char* what, std::vector<Entry> entries)
      : what_(what), entries_(std::move(entries)) {}
  const std::vector<Entry>& entries() const { return entries_; }
  const Entry* Find(std::string_view name) const {
    for (const Entry& e : entries_)
      if (e.name == name) return &e;
    return nullptr;
  }
  // Throws std::invalid_argument if the name is taken.
  void Add(Entry entry) {
    if (Find(entry.name) != nullptr)
      throw std::invalid_argument(std::string(what_) + " '" + entry.name +
                                  "' is registered already");
    entries_.push_back(std::move(entry));
  }
  // "\"a\", \"b\", ..." for messages.
  std::vector<std::string> NameList() const {
    std::vector<std::string> names;
    for (const Entry& e : entries_) names.push_back(e.name);
    return names;
  }
  std::string Names() const {
    std::string names;
    for (const Entry& e : entries_)
      names += (names.empty() ? "" : ", ") + ("\"" + e.name + "\"");
    return names;
  }

 private:
  const char* what_;
  std::vector<Entry> entries_;
};

}  // namespace sim
