// Strict reading of JSON objects into typed values, for the edge only.
// Every error is a SpecError whose message starts with the JSON path and
// states the rule: "data.num_patches: expected an integer, got \"16\"".
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

namespace sim {

class SpecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using Json = nlohmann::json;

// Reads the members of one JSON object; Finish() rejects unknown keys.
class ObjectReader {
 public:
  ObjectReader(const Json& object, std::string path);

  bool Has(const char* key) const;
  int Int(const char* key, int fallback, int min, int max);
  double Number(const char* key, double fallback);
  bool Bool(const char* key, bool fallback);
  std::string String(const char* key, const std::string& fallback);
  // A string mapped through `names` (name -> enum value).
  template <typename Enum>
  Enum Choice(const char* key,
              Enum fallback,
              std::initializer_list<std::pair<const char*, Enum>> names);
  // The member itself (marks it as read); null if absent.
  const Json* Member(const char* key);
  std::string PathOf(const char* key) const;
  const std::string& path() const { return path_; }
  // Throws on any key that no accessor asked for.
  void Finish() const;

 private:
  const Json& object_;
  std::string path_;
  std::set<std::string> read_;
};

// One value of a given type at `path`, strictly (SpecError otherwise). An
// integer may be written 100.0 (a log-spaced axis); a number must be finite.
long IntValue(const Json& value, const std::string& path, long min, long max);
double NumberValue(const Json& value, const std::string& path);
bool BoolValue(const Json& value, const std::string& path);
std::string StringValue(const Json& value, const std::string& path);

// Throws SpecError("PATH: RULE") with ClipPath(path).
[[noreturn]] void ThrowSpecError(const std::string& path,
                                 const std::string& rule);
// Longest key or name that a message quotes whole.
constexpr size_t kMaxNameInMessage = 60;
// `name` cut to `max` characters and "..." if longer, for messages.
std::string ClipName(const std::string& name, size_t max = kMaxNameInMessage);
// A dotted JSON path with each part clipped by ClipName (a 1 MB key is
// never echoed whole).
std::string ClipPath(const std::string& path);
// Short form for messages, at most 40 characters whatever the value.
std::string DescribeJson(const Json& value);

// Deepest nesting of objects and arrays that ParseJsonText accepts.
constexpr int kMaxJsonDepth = 100;
// Parses JSON text strictly: duplicate keys, nesting deeper than
// kMaxJsonDepth and syntax errors (number overflow included) throw
// SpecError("SOURCE: JSON.PATH: rule").
Json ParseJsonText(const std::string& text, const std::string& source);

template <typename Enum>
Enum ObjectReader::Choice(
    const char* key,
    Enum fallback,
    std::initializer_list<std::pair<const char*, Enum>> names) {
  const Json* value = Member(key);
  if (value == nullptr) return fallback;
  std::string allowed;
  for (const auto& [name, e] : names) {
    if (value->is_string() && value->get<std::string>() == name) return e;
    allowed += (allowed.empty() ? "" : ", ") + std::string("\"") + name + "\"";
  }
  ThrowSpecError(PathOf(key),
                 "must be one of " + allowed + ", got " + DescribeJson(*value));
}

}  // namespace sim
