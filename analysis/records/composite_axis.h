// Composite variables: a monomial of grid axes such as "n/l", "k*l" or
// "n^5/(k^2*l^3)", whose value in a cell is the product of its factors'
// axis values raised to their powers. Grammar (spaces ignored):
//   expr   := term (('*' | '/') (term | '(' term ('*' term)* ')'))*
//   term   := NAME ['^' NUMBER]
// Parentheses only after '/', one level; a name at most once; no power 0.
// A plain axis name (no '*', '/', '^' or parenthesis) is not a composite.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sim {

struct CompositeFactor {
  std::string axis;
  double power = 1;
};

struct CompositeAxis {
  std::string text;  // as the spec wrote it
  std::vector<CompositeFactor> factors;
};

// Whether `axis` is written as an expression rather than a plain name.
bool IsComposite(const std::string& axis);

// The parsed expression, or nullopt with `error` saying why.
std::optional<CompositeAxis> ParseComposite(const std::string& text,
                                            std::string& error);

// The expression parsed and each factor a grid axis; throws SpecError
// naming `path` otherwise.
CompositeAxis RequireComposite(const std::string& text,
                               const std::string& path,
                               const std::vector<std::string>& grid_axes);

// `axis` (a plain grid axis or a composite of grid axes) or SpecError.
void RequireAxisOrComposite(const std::string& axis,
                            const std::string& path,
                            const std::vector<std::string>& grid_axes);

// A composite's value: the product of its factors' values (read by
// `lookup`) to their powers; false where the expression is malformed or a
// factor missing or <= 0.
bool CompositeValue(
    const std::string& text,
    const std::function<bool(const std::string&, double&)>& lookup,
    double& value);

// The value of `axis` in anything with `coords` and `params` maps (a run
// or a cell): its coordinate, else its parameter, a composite from its
// factors; false where one is missing (or, in a composite, not positive).
template <typename Item>
bool AxisValueOf(const Item& item, const std::string& axis, double& value) {
  if (IsComposite(axis))
    return CompositeValue(
        axis,
        [&item](const std::string& name, double& v) {
          return AxisValueOf(item, name, v);
        },
        value);
  for (const auto* values : {&item.coords, &item.params}) {
    const auto it = values->find(axis);
    if (it != values->end()) {
      value = it->second;
      return true;
    }
  }
  return false;
}

// The plain axes `axes` stand on: composites expanded into their factors,
// each name once, in order.
std::vector<std::string> FactorAxes(const std::vector<std::string>& axes);

}  // namespace sim
