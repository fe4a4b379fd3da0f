#include "sim/experiment/spec/json_reader.h"

#include <algorithm>
#include <cmath>

#include "sim/experiment/spec/did_you_mean.h"

namespace sim {

std::string ClipName(const std::string& name, size_t max) {
  return name.size() <= max ? name : name.substr(0, max) + "...";
}

std::string ClipPath(const std::string& path) {
  std::string clipped;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t dot = std::min(path.find('.', start), path.size());
    clipped += (start ? "." : "") + ClipName(path.substr(start, dot - start));
    start = dot + 1;
  }
  return clipped;
}

void ThrowSpecError(const std::string& path, const std::string& rule) {
  throw SpecError(ClipPath(path) + ": " + rule);
}

ObjectReader::ObjectReader(const Json& object, std::string path)
    : object_(object), path_(std::move(path)) {
  if (!object.is_object()) {
    ThrowSpecError(path_.empty() ? "$" : path_,
                   "expected an object, got " + DescribeJson(object));
  }
}

std::string ObjectReader::PathOf(const char* key) const {
  const std::string name = ClipName(key);
  return path_.empty() ? name : path_ + "." + name;
}

bool ObjectReader::Has(const char* key) const { return object_.contains(key); }

const Json* ObjectReader::Member(const char* key) {
  read_.insert(key);
  auto it = object_.find(key);
  return it == object_.end() ? nullptr : &*it;
}

long IntValue(const Json& value, const std::string& path, long min, long max) {
  double number = 0;
  if (value.is_number_integer()) {
    number = value.get<double>();
  } else if (value.is_number_float() &&
             value.get<double>() == std::floor(value.get<double>())) {
    number = value.get<double>();  // 100.0 from a log-spaced axis
  } else {
    ThrowSpecError(path, "expected an integer, got " + DescribeJson(value));
  }
  if (number < min || number > max) {
    ThrowSpecError(path, "must be in [" + std::to_string(min) + ", " +
                             std::to_string(max) + "], got " +
                             DescribeJson(value));
  }
  return static_cast<long>(number);
}

double NumberValue(const Json& value, const std::string& path) {
  if (!value.is_number()) {
    ThrowSpecError(path, "expected a number, got " + DescribeJson(value));
  }
  const double number = value.get<double>();
  if (!std::isfinite(number)) ThrowSpecError(path, "must be finite");
  return number;
}

bool BoolValue(const Json& value, const std::string& path) {
  if (!value.is_boolean()) {
    ThrowSpecError(path, "expected true or false, got " + DescribeJson(value));
  }
  return value.get<bool>();
}

std::string StringValue(const Json& value, const std::string& path) {
  if (!value.is_string()) {
    ThrowSpecError(path, "expected a string, got " + DescribeJson(value));
  }
  return value.get<std::string>();
}

int ObjectReader::Int(const char* key, int fallback, int min, int max) {
  const Json* value = Member(key);
  return value ? static_cast<int>(IntValue(*value, PathOf(key), min, max))
               : fallback;
}

double ObjectReader::Number(const char* key, double fallback) {
  const Json* value = Member(key);
  return value ? NumberValue(*value, PathOf(key)) : fallback;
}

bool ObjectReader::Bool(const char* key, bool fallback) {
  const Json* value = Member(key);
  return value ? BoolValue(*value, PathOf(key)) : fallback;
}

std::string ObjectReader::String(const char* key, const std::string& fallback) {
  const Json* value = Member(key);
  return value ? StringValue(*value, PathOf(key)) : fallback;
}

void ObjectReader::Finish() const {
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (!read_.count(it.key())) {
      std::string allowed;
      for (const auto& k : read_) allowed += (allowed.empty() ? "" : ", ") + k;
      ThrowSpecError(PathOf(it.key().c_str()),
                     "unknown key" +
                         DidYouMean(it.key(), std::vector<std::string>(
                                                  read_.begin(), read_.end())) +
                         " (allowed here: " + allowed + ")");
    }
  }
}

}  // namespace sim
