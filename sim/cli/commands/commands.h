// Every subcommand of pmoe-sim, one file each in this folder: each parses
// its own options (Boost.Program_options, which only the command line
// links) and calls the libraries' functions. main.cc dispatches through
// Commands(), which is also the usage text.
#pragma once

#include <string>
#include <vector>

#include "sim/experiment/grid/grid_limits.h"

namespace sim {

// Exit status for bad input, a fault or an error (nothing was lost).
constexpr int kUsageError = 2;

using CommandFunction = int (*)(const std::vector<std::string>& args);

struct Command {
  const char* name;
  const char* summary;  // one line of the usage text
  CommandFunction run;
};

// The subcommands, in the order the usage text lists them.
const std::vector<Command>& Commands();

int TrainCommand(const std::vector<std::string>& args);
int RunCommand(const std::vector<std::string>& args);
int ValidateCommand(const std::vector<std::string>& args);
int AnalyzeCommand(const std::vector<std::string>& args);
int CheckCommand(const std::vector<std::string>& args);
int ExportCommand(const std::vector<std::string>& args);
int SensitivityCommand(const std::vector<std::string>& args);
int MergeCommand(const std::vector<std::string>& args);
int ReplayCommand(const std::vector<std::string>& args);
int CompareCommand(const std::vector<std::string>& args);

// --max-runs as grid limits (throws SpecError below 1).
GridLimits LimitsOf(long max_runs);

}  // namespace sim
