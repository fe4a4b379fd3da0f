#include "analysis/records/composite_axis.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "analysis/records/records.h"
#include "sim/experiment/spec/json_reader.h"

namespace sim {
namespace {

// A recursive-descent reader of the grammar in composite_axis.h.
class Reader {
 public:
  explicit Reader(const std::string& text) {
    for (char c : text)
      if (c != ' ') s_ += c;
  }

  bool Parse(CompositeAxis& out, std::string& error) {
    double sign = 1;
    while (true) {
      if (sign < 0 && Peek() == '(') {
        ++at_;
        if (!Term(sign, out, error)) return false;
        while (Peek() == '*') {
          ++at_;
          if (!Term(sign, out, error)) return false;
        }
        if (Peek() != ')') return Fail("expected ')'", error);
        ++at_;
      } else if (!Term(sign, out, error)) {
        return false;
      }
      if (at_ == s_.size()) return true;
      if (Peek() != '*' && Peek() != '/')
        return Fail("expected '*', '/' or the end", error);
      sign = s_[at_++] == '/' ? -1 : 1;
    }
  }

 private:
  char Peek() const { return at_ < s_.size() ? s_[at_] : '\0'; }

  bool Fail(const std::string& what, std::string& error) const {
    error = what + " at character " + std::to_string(at_ + 1);
    return false;
  }

  bool Term(double sign, CompositeAxis& out, std::string& error) {
    const size_t start = at_;
    while (std::isalnum(static_cast<unsigned char>(Peek())) || Peek() == '_' ||
           Peek() == '.')
      ++at_;
    if (at_ == start || std::isdigit(static_cast<unsigned char>(s_[start])))
      return Fail("expected an axis name", error);
    CompositeFactor f{s_.substr(start, at_ - start), sign};
    if (Peek() == '^') {
      ++at_;
      const size_t from = at_;
      if (Peek() == '-') ++at_;
      while (std::isdigit(static_cast<unsigned char>(Peek())) || Peek() == '.')
        ++at_;
      const std::string number = s_.substr(from, at_ - from);
      char* end = nullptr;
      const double p = std::strtod(number.c_str(), &end);
      if (number.empty() || end != number.c_str() + number.size() ||
          !std::isfinite(p) || p == 0)
        return Fail("expected a nonzero power after '^'", error);
      f.power = sign * p;
    }
    for (const CompositeFactor& g : out.factors)
      if (g.axis == f.axis) return Fail("axis " + f.axis + " twice", error);
    out.factors.push_back(f);
    return true;
  }

  std::string s_;
  size_t at_ = 0;
};

}  // namespace

bool IsComposite(const std::string& axis) {
  return axis.find_first_of("*/^()") != std::string::npos;
}

std::optional<CompositeAxis> ParseComposite(const std::string& text,
                                            std::string& error) {
  CompositeAxis axis;
  axis.text = text;
  if (!Reader(text).Parse(axis, error)) return std::nullopt;
  return axis;
}

CompositeAxis RequireComposite(const std::string& text,
                               const std::string& path,
                               const std::vector<std::string>& grid_axes) {
  std::string error;
  const std::optional<CompositeAxis> axis = ParseComposite(text, error);
  if (!axis) {
    ThrowSpecError(path,
                   "malformed composite \"" + ClipName(text) +
                       "\" (a product of axis^power, '/' dividing): " + error);
  }
  for (const CompositeFactor& f : axis->factors)
    RequireGridAxis(f.axis, path, grid_axes);
  return *axis;
}

void RequireAxisOrComposite(const std::string& axis,
                            const std::string& path,
                            const std::vector<std::string>& grid_axes) {
  if (IsComposite(axis))
    RequireComposite(axis, path, grid_axes);
  else
    RequireGridAxis(axis, path, grid_axes);
}

std::vector<std::string> FactorAxes(const std::vector<std::string>& axes) {
  std::vector<std::string> out;
  const auto add = [&out](const std::string& a) {
    if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  };
  for (const std::string& a : axes) {
    std::string error;
    const std::optional<CompositeAxis> c =
        IsComposite(a) ? ParseComposite(a, error) : std::nullopt;
    if (!c) {
      add(a);
      continue;
    }
    for (const CompositeFactor& f : c->factors) add(f.axis);
  }
  return out;
}

bool CompositeValue(
    const std::string& text,
    const std::function<bool(const std::string&, double&)>& lookup,
    double& value) {
  std::string error;
  const std::optional<CompositeAxis> axis = ParseComposite(text, error);
  if (!axis) return false;
  double log_value = 0;
  for (const CompositeFactor& f : axis->factors) {
    double v = 0;
    if (!lookup(f.axis, v) || !(v > 0)) return false;
    log_value += f.power * std::log(v);
  }
  value = std::exp(log_value);
  return true;
}

}  // namespace sim
