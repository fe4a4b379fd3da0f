#!/bin/bash
# Running an experiment grid on a Slurm cluster. Two ways; pick one.
# Both write results/NAME/ with records byte-identical to a single-process
# run, and both resume when rerun (finished runs are kept).
#
# (a) One MPI job: R ranks, each OpenMP-parallel over its cores.
#     sbatch experiments/slurm_example.sh mpi experiments/scaling_n.json
# (b) A job array without MPI: S independent shards, then a merge.
#     sbatch --array=0-15 experiments/slurm_example.sh shard experiments/scaling_n.json 16
#     pmoe-sim merge results/scaling_n/shards/*-of-16 --out results/scaling_n   (after the array ends)
#SBATCH --job-name=pmoe-sim
#SBATCH --nodes=4
#SBATCH --ntasks-per-node=1
#SBATCH --cpus-per-task=32
#SBATCH --time=04:00:00
set -euo pipefail
MODE="$1"
SPEC="$2"
BIN="${PMOE_SIM:-build/pmoe-sim}"
THREADS="${SLURM_CPUS_PER_TASK:-$(nproc)}"
case "$MODE" in
  mpi)
    # One rank per node; a rank that dies fails the job, and resubmitting resumes.
    srun --mpi=pmix "$BIN" run "$SPEC" --threads "$THREADS" --quiet
    ;;
  shard)
    SHARDS="$3"
    "$BIN" run "$SPEC" --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" --threads "$THREADS" --quiet
    ;;
  *)
    echo "usage: $0 mpi SPEC | $0 shard SPEC SHARDS" >&2
    exit 2
    ;;
esac
