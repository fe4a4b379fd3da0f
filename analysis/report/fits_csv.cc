#include "analysis/report/fits_csv.h"

#include <sstream>
#include <utility>
#include <vector>

#include "analysis/report/csv_export.h"

namespace sim {
namespace {

// (CSV column, analysis.json key), in the order the table shows them.
const std::vector<std::pair<const char*, const char*>>& FitColumns() {
  static const std::vector<std::pair<const char*, const char*>> kColumns = {
      {"model", "model"},
      {"quantity", "quantity"},
      {"axis", "axis"},
      {"ok", "ok"},
      {"exponent", "slope"},
      {"exponent_lo", "lo"},
      {"exponent_hi", "hi"},
      {"se", "se"},
      {"theory", "theory"},
      {"theory_basis", "theory_basis"},
      {"verdict", "verdict"},
      {"verdict_note", "verdict_note"},
      {"method", "method"},
      {"cells", "cells"},
      {"uncensored", "uncensored"},
      {"censored", "censored"},
      {"left_out", "left_out"},
      {"intercept", "intercept"},
      {"sigma", "sigma"},
      {"r2", "r2"},
      {"within_conditions", "within_conditions"},
      {"conditions_note", "conditions_note"},
      {"slope_without_lowest", "slope_without_lowest"},
      {"slope_without_highest", "slope_without_highest"},
      {"shape_note", "shape_note"},
      {"note", "note"}};
  return kColumns;
}

std::string Field(const Json& fit, const char* key) {
  const auto it = fit.find(key);
  if (it == fit.end() || it->is_null()) return "";
  if (it->is_string()) return CsvField(it->get<std::string>());
  if (it->is_boolean()) return it->get<bool>() ? "true" : "false";
  if (it->is_number_float()) return CsvNumber(it->get<double>());
  if (it->is_number()) return it->dump();
  return CsvField(it->dump());
}

}  // namespace

std::string FitsCsv(const Json& fits) {
  std::ostringstream out;
  const auto& columns = FitColumns();
  for (size_t c = 0; c < columns.size(); ++c)
    out << (c ? "," : "") << columns[c].first;
  out << "\n";
  if (!fits.is_array()) return out.str();
  for (const Json& fit : fits) {
    if (!fit.is_object()) continue;
    for (size_t c = 0; c < columns.size(); ++c)
      out << (c ? "," : "") << Field(fit, columns[c].second);
    out << "\n";
  }
  return out.str();
}

}  // namespace sim
