#include "sim/experiment/run/mpi_runner.h"

#include <mpi.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "sim/experiment/store/results_store.h"

namespace sim {
namespace {

void SendText(const std::string& text, int to) {
  MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, to, 0,
           MPI_COMM_WORLD);
}

std::string ReceiveText(int from) {
  MPI_Status status;
  MPI_Probe(from, 0, MPI_COMM_WORLD, &status);
  int size = 0;
  MPI_Get_count(&status, MPI_CHAR, &size);
  std::string text(static_cast<size_t>(size), '\0');
  MPI_Recv(text.data(), size, MPI_CHAR, from, 0, MPI_COMM_WORLD,
           MPI_STATUS_IGNORE);
  return text;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Json> ParseLines(const std::string& text) {
  std::vector<Json> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty()) out.push_back(ParseJsonText(line, "record"));
  }
  return out;
}

// Every rank learns whether any rank failed; the failing message travels.
void AgreeOrThrow(const std::string& error) {
  int local = error.empty() ? 0 : 1, any = 0;
  MPI_Allreduce(&local, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (any)
    throw SpecError(error.empty() ? "another MPI rank failed (see its message)"
                                  : error);
}

}  // namespace

bool LaunchedByMpi() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr ||
         std::getenv("PMI_SIZE") != nullptr ||
         std::getenv("PMIX_RANK") != nullptr;
}

MpiSession::MpiSession() {
  if (!LaunchedByMpi()) return;
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  active_ = true;
}

MpiSession::~MpiSession() {
  if (active_) MPI_Finalize();
}

MpiRunResult RunGridMpi(const GridSpec& grid,
                        const DataCache* data,
                        const std::string& out_dir,
                        bool force,
                        RunnerOptions options) {
  MpiRunResult result;
  MPI_Comm_rank(MPI_COMM_WORLD, &result.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &result.ranks);
  options.shard = result.rank;
  options.num_shards = result.ranks;

  // Rank 0 checks the main folder first, so a changed spec stops every rank
  // before any work.
  // Rank 0 holds the main folder (and its lock) for the whole job.
  std::string error;
  std::vector<int> done;
  std::unique_ptr<ResultsStore> store;
  if (result.rank == 0) {
    try {
      store = std::make_unique<ResultsStore>(out_dir, grid, force);
      done.assign(store->finished().begin(), store->finished().end());
    } catch (const std::exception& e) {
      error = e.what();
    }
  }
  AgreeOrThrow(error);
  // Runs already in the main folder are not run again on any rank.
  int count = static_cast<int>(done.size());
  MPI_Bcast(&count, 1, MPI_INT, 0, MPI_COMM_WORLD);
  done.resize(count);
  MPI_Bcast(done.data(), count, MPI_INT, 0, MPI_COMM_WORLD);
  options.already_done.insert(done.begin(), done.end());

  const std::string shard_dir = out_dir + "/shards/mpi-" +
                                std::to_string(result.rank) + "-of-" +
                                std::to_string(result.ranks);
  try {
    ResultsStore shard(shard_dir, grid, force);
    result.summary = RunGrid(grid, data, shard, options);
  } catch (const std::exception& e) {
    error = e.what();
  }
  AgreeOrThrow(error);

  // Gather every rank's records on rank 0.
  const std::string runs = Slurp(shard_dir + "/runs.jsonl");
  const std::string timings = Slurp(shard_dir + "/timings.jsonl");
  if (result.rank != 0) {
    SendText(runs, 0);
    SendText(timings, 0);
    return result;
  }
  std::vector<Json> all_runs = ParseLines(runs),
                    all_timings = ParseLines(timings);
  for (int r = 1; r < result.ranks; ++r) {
    for (Json& j : ParseLines(ReceiveText(r))) all_runs.push_back(std::move(j));
    for (Json& j : ParseLines(ReceiveText(r)))
      all_timings.push_back(std::move(j));
  }
  std::map<int, Json> timing_by_id;
  for (Json& t : all_timings) {
    const int id = t["run_id"].get<int>();
    timing_by_id[id] = std::move(t);
  }
  for (const Json& record : all_runs) {
    const int id = record["run_id"].get<int>();
    if (store->finished().count(id)) continue;
    store->Append(record, timing_by_id.count(id) ? timing_by_id[id]
                                                 : Json{{"run_id", id}});
  }
  store->Finalize();
  result.total_records = static_cast<int>(store->finished().size());
  return result;
}

}  // namespace sim
