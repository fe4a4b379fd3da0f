// The fields of a typed config struct, described once beside it: key,
// kind, range or choices, and accessors. The core declares each model's and
// data source's schema with its struct (no JSON here); the edge reads,
// writes and sets any struct's fields through it (field_json.h), so that a
// new model or data source states its options in exactly one place.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace sim {

using FieldValue = std::variant<bool, long, double, std::string>;

enum class FieldKind {
  kBool,
  kInt,     // an integer in [min, max]
  kNumber,  // a finite number
  kString,
  kChoice,   // one of `choices`
  kInitStd,  // "paper" (stored as -1: the paper's default) or a number >= 0
};

template <typename T>
struct Field {
  std::string key;  // dotted inside nested structs: "spurious.enabled"
  FieldKind kind;
  long min = 0, max = 0;             // kInt
  std::vector<std::string> choices;  // kChoice
  std::function<FieldValue(const T&)> get;
  std::function<void(T&, const FieldValue&)> set;
  // Written only when it differs from its default (options added after
  // records were made with the default, so that their resolved specs and
  // records stay as they were).
  bool omit_default = false;
};

// Members may be T's own or a base's (options that several types share).
template <typename T>
class FieldSchema {
 public:
  template <typename O>
  FieldSchema& Bool(std::string key, bool O::*member) {
    return Add({std::move(key),
                FieldKind::kBool,
                0,
                0,
                {},
                Getter(member),
                [member](T& t, const FieldValue& v) {
                  t.*member = std::get<bool>(v);
                }});
  }
  template <typename I, typename O>
  FieldSchema& Int(std::string key, I O::*member, long min, long max) {
    return Add({std::move(key),
                FieldKind::kInt,
                min,
                max,
                {},
                [member](const T& t) { return FieldValue(long(t.*member)); },
                [member](T& t, const FieldValue& v) {
                  t.*member = static_cast<I>(std::get<long>(v));
                }});
  }
  template <typename O>
  FieldSchema& Number(std::string key, double O::*member) {
    return Add({std::move(key),
                FieldKind::kNumber,
                0,
                0,
                {},
                Getter(member),
                NumberSetter(member)});
  }
  template <typename O>
  FieldSchema& InitStd(std::string key, double O::*member) {
    return Add({std::move(key),
                FieldKind::kInitStd,
                0,
                0,
                {},
                Getter(member),
                NumberSetter(member)});
  }
  template <typename O>
  FieldSchema& String(std::string key, std::string O::*member) {
    return Add({std::move(key),
                FieldKind::kString,
                0,
                0,
                {},
                Getter(member),
                [member](T& t, const FieldValue& v) {
                  t.*member = std::get<std::string>(v);
                }});
  }
  // An enum member spelled by the names in `table` (name -> value).
  template <typename E, typename O>
  FieldSchema& Choice(std::string key,
                      E O::*member,
                      std::vector<std::pair<std::string, E>> table) {
    std::vector<std::string> names;
    for (const auto& entry : table) names.push_back(entry.first);
    return Add({std::move(key), FieldKind::kChoice, 0, 0, names,
                [member, table](const T& t) {
                  for (const auto& [name, value] : table)
                    if (t.*member == value) return FieldValue(name);
                  return FieldValue(table.front().first);
                },
                [member, table](T& t, const FieldValue& v) {
                  for (const auto& [name, value] : table)
                    if (std::get<std::string>(v) == name) t.*member = value;
                }});
  }
  // The fields of a nested struct, as "key.field".
  template <typename S>
  FieldSchema& Nested(const std::string& key,
                      S T::*member,
                      const FieldSchema<S>& inner) {
    for (const Field<S>& f : inner.fields()) {
      Add({key + "." + f.key, f.kind, f.min, f.max, f.choices,
           [member, get = f.get](const T& t) { return get(t.*member); },
           [member, set = f.set](T& t, const FieldValue& v) {
             set(t.*member, v);
           },
           f.omit_default});
    }
    return *this;
  }

  // Marks the field added last as written only when not at its default.
  FieldSchema& OmitDefault() {
    fields_.back().omit_default = true;
    return *this;
  }

  const std::vector<Field<T>>& fields() const { return fields_; }
  const Field<T>* Find(std::string_view key) const {
    for (const Field<T>& f : fields_)
      if (f.key == key) return &f;
    return nullptr;
  }

 private:
  FieldSchema& Add(Field<T> field) {
    fields_.push_back(std::move(field));
    return *this;
  }
  template <typename V, typename O>
  static std::function<FieldValue(const T&)> Getter(V O::*member) {
    return [member](const T& t) { return FieldValue(t.*member); };
  }
  template <typename O>
  static std::function<void(T&, const FieldValue&)> NumberSetter(
      double O::*member) {
    return [member](T& t, const FieldValue& v) {
      t.*member = std::holds_alternative<long>(v) ? double(std::get<long>(v))
                                                  : std::get<double>(v);
    };
  }

  std::vector<Field<T>> fields_;
};

}  // namespace sim
