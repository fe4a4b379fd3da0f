#include "sim/experiment/merge.h"

#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "sim/experiment/json_reader.h"
#include "sim/experiment/results_store.h"

namespace sim {
namespace fs = std::filesystem;

int MergeShards(const std::vector<std::string>& shard_dirs,
                const std::string& out_dir,
                bool force) {
  if (shard_dirs.empty()) throw SpecError("merge: no shard folders given");
  Json spec;
  std::vector<Json> runs, timings;
  Json provenance = Json::array();
  for (const std::string& dir : shard_dirs) {
    std::ifstream in(dir + "/spec.json");
    if (!in) throw SpecError(dir + ": no spec.json (not a results folder)");
    const Json shard_spec = Json::parse(in);
    if (spec.is_null()) {
      spec = shard_spec;
    } else if (shard_spec != spec) {
      throw SpecError(dir + ": spec differs from " + shard_dirs.front() +
                      "; refusing to merge");
    }
    for (Json& r : ReadJsonLines(dir + "/runs.jsonl"))
      runs.push_back(std::move(r));
    for (Json& t : ReadJsonLines(dir + "/timings.jsonl"))
      timings.push_back(std::move(t));
    std::ifstream p(dir + "/provenance.json");
    if (p) {
      for (const Json& entry : Json::parse(p)) provenance.push_back(entry);
    }
  }
  ResultsStore store(out_dir, spec, force);
  int added = 0;
  std::map<int, Json> timing_by_id;
  for (Json& t : timings) timing_by_id[t["run_id"].get<int>()] = t;
  for (const Json& r : runs) {
    const int id = r["run_id"].get<int>();
    if (store.finished().count(id)) continue;
    store.Append(
        r, timing_by_id.count(id) ? timing_by_id[id] : Json{{"run_id", id}});
    ++added;
  }
  store.Finalize();
  for (const Json& entry : provenance) store.AddProvenance(entry);
  return static_cast<int>(store.finished().size());
}

int MergeCommand(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("pmoe-sim merge SHARD_DIR... --out DIR");
  std::vector<std::string> shards;
  std::string out;
  options.add_options()("help,h", "show this help")(
      "shards", po::value(&shards)->multitoken(), "shard folders (positional)")(
      "out,o", po::value(&out)->required(), "merged results folder")(
      "force", "discard results of a different spec in --out");
  po::positional_options_description positional;
  positional.add("shards", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args)
                .options(options)
                .positional(positional)
                .run(),
            vm);
  if (vm.count("help")) {
    std::cout << options;
    return 0;
  }
  po::notify(vm);
  const int total = MergeShards(shards, out, vm.count("force") > 0);
  std::fprintf(stderr, "merged %zu shards: %d records -> %s\n", shards.size(),
               total, out.c_str());
  return 0;
}

}  // namespace sim
