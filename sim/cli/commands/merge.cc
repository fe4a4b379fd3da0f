#include "sim/experiment/store/merge.h"

#include <boost/program_options.hpp>
#include <cstdio>

#include "sim/cli/command_line.h"
#include "sim/cli/commands/commands.h"
#include "sim/experiment/io/output_target.h"

namespace sim {

int MergeCommand(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("pmoe-sim merge SHARD_DIR... --out DIR");
  std::vector<std::string> shards;
  std::string out;
  options.add_options()("help,h", "show this help")(
      "shards", po::value(&shards)->multitoken(), "shard folders (positional)")(
      "out,o", po::value(&out)->required(), "merged results folder")(
      "force", "discard results of a different spec in --out")(
      "allow-incomplete",
      "merge even if runs of the spec are in none of the shards");
  po::positional_options_description positional;
  positional.add("shards", -1);
  po::variables_map vm;
  if (!ParseCommandLine(args, options, positional, vm)) return 0;
  CheckOutputFile(out, "--out");
  const int total = MergeShards(shards, out, vm.count("force") > 0,
                                vm.count("allow-incomplete") > 0);
  std::fprintf(stderr, "merged %zu shards: %d records -> %s\n", shards.size(),
               total, out.c_str());
  return 0;
}

}  // namespace sim
