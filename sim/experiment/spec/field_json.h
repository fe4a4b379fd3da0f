// JSON for any config struct described by a FieldSchema
// (sim/core/field_schema.h): strict reading with JSON paths in every error,
// writing with every default filled in, and setting one field (a grid
// axis value) on the typed struct. Nested fields ("spurious.enabled") are
// members of a sub-object.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/core/field_schema.h"
#include "sim/experiment/spec/did_you_mean.h"
#include "sim/experiment/spec/json_reader.h"

namespace sim {

// The value of `field` written as `json` at `path`, checked for its kind,
// range and choices.
template <typename T>
FieldValue FieldFromJson(const Field<T>& field,
                         const Json& json,
                         const std::string& path) {
  switch (field.kind) {
    case FieldKind::kBool:
      return BoolValue(json, path);
    case FieldKind::kInt:
      return IntValue(json, path, field.min, field.max);
    case FieldKind::kNumber:
      return NumberValue(json, path);
    case FieldKind::kString:
      return StringValue(json, path);
    case FieldKind::kInitStd:
      if (json.is_string() && json.get<std::string>() == "paper") return -1.0;
      if (!json.is_number() || !(json.get<double>() >= 0)) {
        ThrowSpecError(path, "expected \"paper\" or a number >= 0, got " +
                                 DescribeJson(json));
      }
      return json.get<double>();
    case FieldKind::kChoice: {
      std::string allowed;
      for (const std::string& name : field.choices) {
        if (json.is_string() && json.get<std::string>() == name) return name;
        allowed += (allowed.empty() ? "" : ", ") + ("\"" + name + "\"");
      }
      ThrowSpecError(
          path, "must be one of " + allowed + ", got " + DescribeJson(json) +
                    (json.is_string()
                         ? DidYouMean(json.get<std::string>(), field.choices)
                         : ""));
    }
  }
  ThrowSpecError(path, "has a field kind this reader does not know");
}

template <typename T>
Json FieldToJson(const Field<T>& field, const T& value) {
  const FieldValue v = field.get(value);
  if (field.kind == FieldKind::kInitStd && std::get<double>(v) < 0)
    return "paper";
  return std::visit([](const auto& x) { return Json(x); }, v);
}

// Reads every field of `schema` that `reader`'s object holds into `out`
// (absent fields keep their value) and marks them read.
template <typename T>
void ReadFields(ObjectReader& reader, const FieldSchema<T>& schema, T& out) {
  std::map<std::string, std::vector<const Field<T>*>> nested;
  for (const Field<T>& f : schema.fields()) {
    const size_t dot = f.key.find('.');
    if (dot != std::string::npos) {
      nested[f.key.substr(0, dot)].push_back(&f);
    } else if (const Json* v = reader.Member(f.key.c_str())) {
      f.set(out, FieldFromJson(f, *v, reader.PathOf(f.key.c_str())));
    }
  }
  for (const auto& [prefix, fields] : nested) {
    const Json* object = reader.Member(prefix.c_str());
    if (object == nullptr) continue;
    ObjectReader inner(*object, reader.PathOf(prefix.c_str()));
    for (const Field<T>* f : fields) {
      const std::string key = f->key.substr(prefix.size() + 1);
      if (const Json* v = inner.Member(key.c_str()))
        f->set(out, FieldFromJson(*f, *v, inner.PathOf(key.c_str())));
    }
    inner.Finish();
  }
}

// One field into the object `out`, a nested one ("adam.beta1") as a member
// of its object.
template <typename T>
void PutField(const Field<T>& f, const T& value, Json& out) {
  const size_t dot = f.key.find('.');
  if (dot == std::string::npos) {
    out[f.key] = FieldToJson(f, value);
  } else {
    out[f.key.substr(0, dot)][f.key.substr(dot + 1)] = FieldToJson(f, value);
  }
}

// Every field of `schema` into the object `out`.
template <typename T>
void WriteFields(const FieldSchema<T>& schema, const T& value, Json& out) {
  const T defaults{};
  for (const Field<T>& f : schema.fields()) {
    if (f.omit_default && f.get(value) == f.get(defaults)) continue;
    PutField(f, value, out);
  }
}

// The field named by the dotted `key` into `out`, spelled as the schema
// reads it (a choice by its name).
template <typename T>
void WriteField(const FieldSchema<T>& schema,
                const T& value,
                const std::string& key,
                Json& out) {
  const Field<T>* f = schema.Find(key);
  if (f == nullptr) throw std::logic_error("no field " + key);
  PutField(*f, value, out);
}

// Sets the field named by the dotted `key` to `json` (checked, errors at
// `path`); false if the schema has no such field.
template <typename T>
bool SetField(const FieldSchema<T>& schema,
              T& out,
              const std::string& key,
              const Json& json,
              const std::string& path) {
  const Field<T>* f = schema.Find(key);
  if (f == nullptr) return false;
  f->set(out, FieldFromJson(*f, json, path));
  return true;
}

// The keys of `schema`, nested ones as "outer.inner".
template <typename T>
std::vector<std::string> FieldKeys(const FieldSchema<T>& schema) {
  std::vector<std::string> keys;
  for (const Field<T>& f : schema.fields()) keys.push_back(f.key);
  return keys;
}

}  // namespace sim
