// Running one grid over MPI ranks (built with PMOE_WITH_MPI).
//
// Rank r runs the runs with run_id % R == r (OpenMP-parallel inside the
// rank) into its own resumable shard folder OUT/shards/mpi-r-of-R. When all
// ranks are done, every rank sends its records to rank 0, which writes them
// into OUT exactly as a single-process run would (records sorted by run id,
// byte-identical). Rerunning resumes every rank from its shard. A rank that
// dies makes mpirun abort the whole job with a non-zero status.
#pragma once

#include <string>

#include "sim/experiment/run/grid_runner.h"

namespace sim {

// True when this process was started by mpirun (checked before MPI_Init).
bool LaunchedByMpi();

struct MpiRunResult {
  int rank = 0;
  int ranks = 1;
  RunnerSummary summary;  // this rank's share
  int total_records = 0;  // in OUT after the gather (rank 0)
};

// Collective: every rank calls it with the same spec. Throws SpecError on
// bad input (on every rank, so the job stops cleanly).
MpiRunResult RunGridMpi(const GridSpec& grid,
                        const DataCache* data,
                        const std::string& out_dir,
                        bool force,
                        RunnerOptions options);

// MPI_Init / MPI_Finalize around main's work when launched by mpirun.
class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  bool active() const { return active_; }

 private:
  bool active_ = false;
};

}  // namespace sim
