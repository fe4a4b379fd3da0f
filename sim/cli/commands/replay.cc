#include "sim/experiment/run/replay.h"

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "sim/cli/command_line.h"
#include "sim/cli/commands/commands.h"
#include "sim/experiment/io/output_target.h"
#include "sim/experiment/io/safe_file.h"

namespace sim {

int ReplayCommand(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("pmoe-sim replay DIR --run-id K");
  std::string directory, out;
  int run_id = -1;
  options.add_options()("help,h", "show this help")(
      "dir", po::value(&directory)->required(), "results folder (positional)")(
      "run-id", po::value(&run_id)->required(), "the run to reproduce")(
      "out,o", po::value(&out),
      "also write the replayed record here ('-': stdout; default: only "
      "the verdict)");
  po::positional_options_description positional;
  positional.add("dir", 1);
  po::variables_map vm;
  if (!ParseCommandLine(args, options, positional, vm,
                        "Trains one run of a results folder alone and compares "
                        "its record with the stored one (exit 1 if they "
                        "differ; exit 2, before training, if runs.jsonl holds "
                        "no record of the run).")) {
    return 0;
  }
  if (!out.empty() && out != "-") CheckOutputFile(out, "--out");
  const ReplayResult replay = ReplayRun(directory, run_id);
  const std::string text = replay.record.dump() + "\n";
  if (out == "-") {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) throw SpecError("stdout: write failed");
  } else if (!out.empty()) {
    WriteFileAtomic(out, text);
  }
  const std::string run = "run " + std::to_string(run_id);
  if (replay.differ.empty()) {
    std::fprintf(stderr, "%s: %s reproduced bit for bit\n", directory.c_str(),
                 run.c_str());
    return 0;
  }
  std::string fields;
  for (const std::string& f : replay.differ)
    fields += (fields.empty() ? "" : ", ") + f;
  std::fprintf(stderr, "%s: %s differs from its stored record in: %s\n",
               directory.c_str(), run.c_str(), fields.c_str());
  return 1;
}

}  // namespace sim
