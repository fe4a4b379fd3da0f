#include "analysis/fits/theory_basis.h"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/fits/epsilon_fit.h"
#include "analysis/fits/mechanism_theory.h"
#include "analysis/text/format_number.h"
#include "analysis/theory/theory.h"

namespace sim {
namespace {

// The model's type: the spec's, else its records'.
std::string TypeOf(const ResultsSet& results, const std::string& model) {
  std::string type = results.ModelType(model);
  for (const RunRecord& r : results.runs)
    if (type.empty() && r.model == model) type = r.type;
  return type;
}

}  // namespace

std::optional<double> BatchExponent(const ResultsSet& results,
                                    const std::string& model,
                                    const std::string& axis) {
  std::map<double, std::set<double>> batches;  // axis value -> B values
  std::set<double> all;
  for (const RunRecord& r : results.runs) {
    double x = 0;
    const auto b = r.params.find("B");
    if (r.model != model || b == r.params.end() || !RunAxisValue(r, axis, x) ||
        x <= 0 || b->second <= 0)
      continue;
    batches[x].insert(b->second);
    all.insert(b->second);
  }
  if (all.size() <= 1) return 0.0;
  double sx = 0, sy = 0, sxx = 0, sxy = 0, n = 0;
  for (const auto& [x, bs] : batches) {
    if (bs.size() != 1) return std::nullopt;  // B moves on another axis
    const double lx = std::log(x), ly = std::log(*bs.begin());
    sx += lx;
    sy += ly;
    sxx += lx * lx;
    sxy += lx * ly;
    n += 1;
  }
  const double denom = n * sxx - sx * sx;
  if (n < 2 || denom <= 0) return std::nullopt;
  return (n * sxy - sx * sy) / denom;
}

TheoryComparison TheoryFor(const ResultsSet& results,
                           const std::string& model,
                           const std::string& axis,
                           Quantity quantity) {
  if (quantity != Quantity::kNStar && quantity != Quantity::kTStar)
    return MechanismTheory(results, model, axis, quantity);
  TheoryComparison out;
  const std::string param = axis == "1/eps" ? "1/eps" : TheoryParam(axis);
  const auto theory = TheoryExponentFor(TypeOf(results, model), param,
                                        results.OwnRouterSamples(model));
  if (quantity == Quantity::kTStar) {
    out.basis = "T";
    if (theory) out.exponent = theory->iterations;
    return out;
  }
  if (!TrainedOnline(results, model)) {
    out.basis = "N";
    if (theory) out.exponent = theory->samples;
    return out;
  }
  // Online: N* = B T*. The batch does not depend on eps.
  const std::optional<double> b = axis == "1/eps"
                                      ? std::optional<double>(0.0)
                                      : BatchExponent(results, model, axis);
  if (!b) {
    out.basis = "B*T (B varies on another axis: no single exponent)";
    return out;
  }
  const bool fixed = std::fabs(*b) < 1e-9;
  out.basis = fixed ? "B*T (B fixed)"
                    : "B*T (B ~ " + axis + "^" + FormatNumber(*b) + ")";
  if (theory) out.exponent = theory->iterations + (fixed ? 0.0 : *b);
  return out;
}

TheoryComparison TheoryForTotal(const ResultsSet& results,
                                const std::string& model,
                                const std::string& axis) {
  TheoryComparison out = TheoryFor(results, model, axis, Quantity::kNStar);
  const std::string param = TheoryParam(axis);
  const double router = param == "n" ? 2.0 : 0.0;
  if (param.empty() || std::isnan(out.exponent)) return out;
  out.exponent = std::max(out.exponent, router);
  out.basis += " + N_r (Lemma 4.1: n^2)";
  return out;
}

}  // namespace sim
