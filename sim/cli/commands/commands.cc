#include "sim/cli/commands/commands.h"

#include "sim/experiment/spec/json_reader.h"

namespace sim {

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"train", "train one run from a run config (JSON) and write its result",
       TrainCommand},
      {"run", "run every cell of an experiment grid spec into results/NAME",
       RunCommand},
      {"validate", "check a grid spec and print how many runs it expands to",
       ValidateCommand},
      {"analyze",
       "sample/iteration complexity, fits, plots and report of a results "
       "folder",
       AnalyzeCommand},
      {"check",
       "evaluate a spec's expectations on a results folder (exit 1 if one "
       "fails)",
       CheckCommand},
      {"export", "tidy CSV tables (runs, curves, cells) of a results folder",
       ExportCommand},
      {"sensitivity",
       "run a spec with twice the steps and other step sizes; report whether "
       "N* and its exponents move",
       SensitivityCommand},
      {"merge",
       "combine shard folders written with run --shard into one folder",
       MergeCommand},
      {"replay",
       "train one run of a results folder alone and compare it with its "
       "record",
       ReplayCommand},
      {"compare",
       "overlay N* against an axis from several results folders in one "
       "log-log figure",
       CompareCommand},
  };
  return commands;
}

GridLimits LimitsOf(long max_runs) {
  if (max_runs < 1) throw SpecError("--max-runs: must be >= 1");
  GridLimits limits;
  limits.max_runs = max_runs;
  return limits;
}

}  // namespace sim
