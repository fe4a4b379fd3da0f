#include "sim/experiment/store/record_shape.h"

#include <cmath>
#include <set>

namespace sim {
namespace {

// The curve's parallel arrays that every record holds.
const char* const kCurveArrays[] = {"step",        "epoch",     "train_loss",
                                    "train_error", "test_loss", "test_error"};
const char* const kFinalMetrics[] = {"train_loss", "train_error", "test_loss",
                                     "test_error"};

// "test_error", "error": a rate in [0, 1].
bool IsErrorName(const std::string& key) {
  return key.size() >= 5 && key.compare(key.size() - 5, 5, "error") == 0;
}

// null, or a record in memory's NaN or infinity, which is written as null.
bool WrittenAsNull(const Json& v) {
  return v.is_null() ||
         (v.is_number_float() && !std::isfinite(v.get<double>()));
}

// Checks one record; every failure names the field's JSON path.
class ShapeCheck {
 public:
  ShapeCheck(const Json& record, const std::string& where) : where_(where) {
    const auto id = record.find("run_id");
    if (id != record.end() && id->is_number_integer())
      where_ += " (run_id " + std::to_string(id->get<long>()) + ")";
  }

  [[noreturn]] void Fail(const std::string& path,
                         const std::string& rule) const {
    throw SpecError(where_ + ": " + ClipPath(path) + " " + rule);
  }

  // parent[key], or nullptr if absent and optional.
  const Json* Member(const Json& parent,
                     const std::string& path,
                     bool required) const {
    const std::string key = path.substr(path.rfind('.') + 1);
    const auto it = parent.find(key);
    if (it != parent.end()) return &*it;
    if (required) Fail(path, "is missing");
    return nullptr;
  }

  void Expect(bool ok,
              const Json& value,
              const std::string& path,
              const std::string& kind) const {
    if (!ok) Fail(path, "must be " + kind + ", got " + DescribeJson(value));
  }

  void Object(const Json& v, const std::string& path) const {
    Expect(v.is_object(), v, path, "an object");
  }
  void String(const Json& v, const std::string& path) const {
    Expect(v.is_string(), v, path, "a string");
  }
  void Count(const Json& v, const std::string& path, bool nullable) const {
    Expect((nullable && v.is_null()) ||
               (v.is_number_integer() && v.get<long long>() >= 0),
           v, path, nullable ? "an integer >= 0 or null" : "an integer >= 0");
  }
  // A finite number (JSON text cannot hold NaN, but a record built in
  // memory can), or null where `nullable`.
  void Finite(const Json& v, const std::string& path, bool nullable) const {
    Expect((nullable && WrittenAsNull(v)) ||
               (v.is_number() && std::isfinite(v.get<double>())),
           v, path, nullable ? "a finite number or null" : "a finite number");
  }
  // An error rate or other fraction: a number in [0, 1], or null where
  // `nullable`.
  void Fraction(const Json& v,
                const std::string& path,
                bool nullable = true) const {
    const bool in_range = v.is_number() && v.get<double>() >= 0 &&
                          v.get<double>() <= 1;  // false for NaN
    Expect((nullable && WrittenAsNull(v)) || in_range, v, path,
           nullable ? "a number in [0, 1] or null" : "a number in [0, 1]");
  }
  // Metric `key` at `path`: an error in [0, 1], any other finite; or null.
  void Metric(const Json& v,
              const std::string& path,
              const std::string& key) const {
    if (IsErrorName(key)) return Fraction(v, path);
    Finite(v, path, true);
  }

 private:
  std::string where_;
};

void CheckIdentity(const ShapeCheck& c, const Json& r) {
  c.Count(*c.Member(r, "run_id", true), "run_id", false);
  c.String(*c.Member(r, "model", true), "model");
  c.String(*c.Member(r, "type", true), "type");
  c.Object(*c.Member(r, "coords", true), "coords");
  c.Count(*c.Member(r, "repeat", true), "repeat", false);
  c.Object(*c.Member(r, "seeds", true), "seeds");
  const Json& params = *c.Member(r, "params", true);
  c.Object(params, "params");
  c.Member(params, "params.N", true);
  for (auto it = params.begin(); it != params.end(); ++it)
    c.Finite(it.value(), "params." + it.key(), it.key() == "epochs");
}

void CheckOutcome(const ShapeCheck& c, const Json& r) {
  const Json& status = *c.Member(r, "status", true);
  static const std::set<std::string> kStatuses = {"ok", "diverged", "failed"};
  c.Expect(status.is_string() && kStatuses.count(status.get<std::string>()),
           status, "status", "\"ok\", \"diverged\" or \"failed\"");
  if (const Json* message = c.Member(r, "message", false))
    c.String(*message, "message");
  c.Count(*c.Member(r, "steps", true), "steps", false);
  if (const Json* hits = c.Member(r, "first_hit_step", false)) {
    c.Object(*hits, "first_hit_step");
    for (auto it = hits->begin(); it != hits->end(); ++it)
      c.Count(it.value(), "first_hit_step." + it.key(), true);
  }
  // A diverged or failed run writes null metrics (or a null "final").
  const Json& final = *c.Member(r, "final", true);
  if (final.is_null()) return;
  c.Object(final, "final");
  for (const char* key : kFinalMetrics) {
    const std::string path = std::string("final.") + key;
    c.Metric(*c.Member(final, path, true), path, key);
  }
}

// Every array of the curve has one entry per evaluation: as many as "step".
void CheckCurve(const ShapeCheck& c, const Json& r) {
  const Json& curve = *c.Member(r, "curve", true);
  c.Object(curve, "curve");
  for (const char* key : kCurveArrays) {
    const std::string path = std::string("curve.") + key;
    const Json& values = *c.Member(curve, path, true);
    c.Expect(values.is_array(), values, path, "an array");
  }
  const size_t steps = curve["step"].size();
  for (auto it = curve.begin(); it != curve.end(); ++it) {
    const std::string path = "curve." + it.key();
    c.Expect(it.value().is_array(), it.value(), path, "an array");
    if (it.value().size() != steps) {
      c.Fail("curve.step", "has " + std::to_string(steps) + " entries but " +
                               ClipPath(path) + " has " +
                               std::to_string(it.value().size()));
    }
    for (size_t i = 0; i < steps; ++i) {
      const std::string at = path + "[" + std::to_string(i) + "]";
      if (it.key() == "step") {
        c.Count(it.value()[i], at, false);
      } else {
        c.Metric(it.value()[i], at, it.key());
      }
    }
  }
}

// Optional fields that the analysis reads, where a record holds them.
void CheckDiagnostics(const ShapeCheck& c, const Json& r) {
  if (const Json* protocol = c.Member(r, "protocol", false))
    c.String(*protocol, "protocol");
  if (const Json* stop = c.Member(r, "stop", false)) {
    c.Object(*stop, "stop");
    if (const Json* reason = c.Member(*stop, "stop.reason", false))
      c.String(*reason, "stop.reason");
    if (const Json* converged = c.Member(*stop, "stop.converged", false))
      c.Expect(converged->is_boolean(), *converged, "stop.converged",
               "true or false");
  }
  if (const Json* eta = c.Member(r, "eta", false)) c.Finite(*eta, "eta", true);
  if (const Json* trials = c.Member(r, "eta_selection", false)) {
    c.Expect(trials->is_array(), *trials, "eta_selection", "an array");
    for (size_t i = 0; i < trials->size(); ++i) {
      const std::string path = "eta_selection[" + std::to_string(i) + "]";
      c.Object((*trials)[i], path);
      if (const Json* eta = c.Member((*trials)[i], path + ".eta", false))
        c.Finite(*eta, path + ".eta", false);
    }
  }
}

// The router diagnostics along the curve (jointly trained routers): one
// [expert][class] table of fractions per evaluation, for each of in_top_l
// and top_gated.
void CheckRouterCurve(const ShapeCheck& c, const Json& r) {
  const Json* object = c.Member(r, "router_curve", false);
  if (object == nullptr) return;
  c.Object(*object, "router_curve");
  const Json* steps = c.Member(r, "curve", true);
  const size_t points = (*steps)["step"].size();
  for (const char* key : {"in_top_l", "top_gated"}) {
    const std::string path = std::string("router_curve.") + key;
    const Json& tables = *c.Member(*object, path, true);
    c.Expect(tables.is_array() && tables.size() == points, tables, path,
             "an array with one entry per curve.step");
    for (size_t i = 0; i < points; ++i) {
      const std::string at = path + "[" + std::to_string(i) + "]";
      c.Expect(tables[i].is_array(), tables[i], at, "an array of experts");
      for (size_t s = 0; s < tables[i].size(); ++s) {
        const Json& row = tables[i][s];
        const std::string cell = at + "[" + std::to_string(s) + "]";
        c.Expect(row.is_array(), row, cell, "an array of classes");
        for (size_t k = 0; k < row.size(); ++k)
          c.Fraction(row[k], cell + "[" + std::to_string(k) + "]", false);
      }
    }
  }
}

// An object of metrics (router, alignment, ...), all of `keys` present;
// each a fraction in [0, 1] where `fractions`.
void CheckMetrics(const ShapeCheck& c,
                  const Json& r,
                  const std::string& group,
                  std::initializer_list<const char*> keys,
                  bool fractions = false) {
  const Json* object = c.Member(r, group, false);
  if (object == nullptr) return;
  c.Object(*object, group);
  for (const char* key : keys) {
    const std::string path = group + "." + key;
    const Json& value = *c.Member(*object, path, true);
    if (fractions) {
      c.Fraction(value, path, false);
    } else {
      c.Metric(value, path, key);
    }
  }
}

}  // namespace

void CheckRecordShape(const Json& record, const std::string& where) {
  const ShapeCheck check(record, where);
  if (!record.is_object())
    check.Fail("record", "must be a JSON object, got " + DescribeJson(record));
  CheckIdentity(check, record);
  CheckOutcome(check, record);
  CheckCurve(check, record);
  CheckDiagnostics(check, record);
  CheckRouterCurve(check, record);
  CheckMetrics(check, record, "alignment",
               {"local", "global", "router_purity"});
  CheckMetrics(check, record, "dispatch", {"entropy"});
  CheckMetrics(check, record, "validation", {"error", "loss"});
  // Fractions of test samples (train_result.h, RouterDiagnostics).
  CheckMetrics(check, record, "router", {"recall", "top_gated_best"}, true);
}

std::vector<Json> ReadRecords(const std::string& path) {
  std::vector<Json> records;
  for (JsonLine& line : ReadNumberedJsonLines(path)) {
    CheckRecordShape(line.value, path + " line " + std::to_string(line.number));
    records.push_back(std::move(line.value));
  }
  return records;
}

}  // namespace sim
