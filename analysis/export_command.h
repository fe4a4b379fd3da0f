// `pmoe-sim export DIR --format csv`: the tidy tables of csv_export.h.
#pragma once

#include <string>
#include <vector>

namespace sim {

int ExportCommand(const std::vector<std::string>& args);

}  // namespace sim
