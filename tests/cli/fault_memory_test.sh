#!/bin/bash
# Memory faults: a run that runs out of memory is not a result. It is never
# written to runs.jsonl, the command exits 2 naming the run, and a resume
# runs it and ends byte-identical to a run without the fault, whatever the
# thread count. Runs larger than the machine are refused by their option's
# JSON path before anything starts; a grid whose runs would not fit side
# by side under a memory limit gets fewer threads and the same records.
# Allocation failures come from an LD_PRELOAD shim (every allocation above
# K bytes fails) and from ulimit -v where the kernel enforces it; both are
# skipped under AddressSanitizer, whose allocator the shim cannot stand in
# for and which reserves terabytes of address space.
# usage: fault_memory_test.sh PMOE_SIM FAIL_ALLOC_SHIM
set -u
BIN="$1"
SHIM="$2"
. "$(dirname "$0")/lib.sh"
# Every line of file $1 is a line of file $2 (records kept byte-identical).
lines_within() { [ -z "$(grep -vxFf "$2" "$1")" ]; }
no_record_of() { ! grep -q "\"run_id\":$2," "$1"; }
asan=0
ASAN_OPTIONS=help=1 "$BIN" version 2>&1 | grep -q AddressSanitizer && asan=1
# Runs pmoe-sim where every allocation above $1 bytes fails.
scarce_memory() {
  local bytes="$1"; shift
  PMOE_FAIL_ALLOC_ABOVE="$bytes" LD_PRELOAD="$SHIM" "$BIN" "$@"
}

# Runs 4 and 5 (N = 40, 2 epochs) evaluate on 20000 test samples: a 10 MB
# block, over the shim's 8 MB. Runs are handed out the model's smallest
# first (run 7, N = 20, 1 epoch), then most work first: runs 0 to 3 (4000
# epochs), the two that run out of memory, and run 6, which the stop leaves
# for the resume.
cat > spec.json <<'JSON'
{"name": "memory", "seed": 3,
 "data": {"num_patches": 8, "train_size": 40, "test_size": 60, "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "training": {"epochs": 2},
 "models": {"cnn": {"type": "cnn", "neurons": 8}},
 "grid": {"zip": [{"N": [80, 60, 40, 20], "data.test_size": [60, 60, 20000, 60], "epochs": [4000, 4000, 2, 1]}], "repeats": 2}}
JSON
"$BIN" run spec.json --out reference --threads 1 -q 2>/dev/null
check "reference grid runs" test $? -eq 0
check "reference grid has 8 records" test "$(wc -l < reference/runs.jsonl)" -eq 8

# --- 1. a run out of memory: not recorded, exit 2, resumed identically ---
if [ $asan -eq 0 ]; then
  for threads in 1 2; do
    out="scarce$threads"
    scarce_memory 8000000 run spec.json --out $out --threads $threads -q 2>err.txt
    check "out of memory, $threads threads: run exits 2" test $? -eq 2
    check "out of memory, $threads threads: message names the run" \
      grep -q "run [45] (model cnn, grid point {\"N\":40,\"data.test_size\":20000,\"epochs\":2}, repeat [01]) ran out of memory (std::bad_alloc) and nothing was recorded for it" err.txt
    check "out of memory, $threads threads: message says what to do" \
      grep -q "rerun with fewer --threads or a smaller spec" err.txt
    check "out of memory, $threads threads: no record of run 4" no_record_of $out/runs.jsonl 4
    check "out of memory, $threads threads: no record of run 5" no_record_of $out/runs.jsonl 5
    check "out of memory, $threads threads: no failed record" test "$(grep -c bad_alloc $out/runs.jsonl)" -eq 0
    check "out of memory, $threads threads: the runs before are kept" test "$(wc -l < $out/runs.jsonl)" -eq 5
    check "out of memory, $threads threads: kept records are byte-identical" lines_within $out/runs.jsonl reference/runs.jsonl
    "$BIN" run spec.json --out $out --threads $threads -q 2>err.txt
    check "out of memory, $threads threads: resume exits 0" test $? -eq 0
    check "out of memory, $threads threads: resume runs the 3 missing runs" grep -q "(5 already done, 3 run now" err.txt
    check "out of memory, $threads threads: resumed folder equals the reference" cmp -s reference/runs.jsonl $out/runs.jsonl
  done
  cat > big_test.json <<'JSON'
{"seed": 1, "data": {"num_patches": 8, "train_size": 40, "test_size": 40000, "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "model": {"type": "cnn", "neurons": 8}, "training": {"epochs": 2}}
JSON
  scarce_memory 8000000 train -c big_test.json --out result.json 2>err.txt
  check "train out of memory: exits 2" test $? -eq 2
  check "train out of memory: message says so" grep -q "train: error: the run ran out of memory (std::bad_alloc); no result was written for it" err.txt
  check "train out of memory: no result file" test ! -e result.json
  "$BIN" train -c big_test.json --out result.json -q 2>/dev/null
  check "train with memory: exits 0" test $? -eq 0
  check "train with memory: result written" grep -q '"status": "ok"' result.json
  # MPI ranks: the rank whose run runs out of memory fails the job; the
  # shards keep the other records and a rerun resumes them.
  if "$BIN" version | grep -q "MPI yes" && command -v mpirun >/dev/null; then
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
    MPIRUN="mpirun --allow-run-as-root --oversubscribe -np 2"
    timeout 300 $MPIRUN -x PMOE_FAIL_ALLOC_ABOVE=8000000 -x LD_PRELOAD="$SHIM" \
      "$BIN" run spec.json --out mpi --threads 1 -q >/dev/null 2>err.txt
    check "out of memory under MPI: the job exits non-zero" test $? -ne 0
    check "out of memory under MPI: the rank names the run" grep -q "ran out of memory (std::bad_alloc) and nothing was recorded" err.txt
    check "out of memory under MPI: no failed record in any shard" test -z "$(cat mpi/shards/*/runs.jsonl | grep bad_alloc)"
    timeout 300 $MPIRUN "$BIN" run spec.json --out mpi --threads 1 -q 2>/dev/null
    check "out of memory under MPI: rerun exits 0" test $? -eq 0
    check "out of memory under MPI: rerun equals the reference" cmp -s reference/runs.jsonl mpi/runs.jsonl
  else
    echo "MPI case skipped: pmoe-sim built without MPI or no mpirun"
  fi
else
  echo "allocation shim cases skipped: AddressSanitizer build"
fi

# --- 2. runs larger than the machine are refused before anything starts ---
sed 's/"epochs": 2}/"epochs": 2, "validation_size": 100000000}/; s/"patch_dim": 16/"patch_dim": 1000/' spec.json > huge.json
"$BIN" validate huge.json 2>err.txt
check "validation_size 1e8 at d = 1000: validate exits 2" test $? -eq 2
check "validation_size 1e8 at d = 1000: validate names the path" grep -q "huge.json: training.validation_size: a run needs about [0-9.]* TB of memory (validation set" err.txt
"$BIN" run huge.json --out huge -q 2>err.txt
check "validation_size 1e8 at d = 1000: run exits 2" test $? -eq 2
check "validation_size 1e8 at d = 1000: run names the path" grep -q "training.validation_size: a run needs about" err.txt
check "validation_size 1e8 at d = 1000: run writes nothing" test ! -e huge
sed 's/"epochs": 2}/"epochs": 2, "validation_size": 100}/; s/"patch_dim": 16/"patch_dim": 1000/' spec.json > fits.json
"$BIN" validate fits.json >/dev/null 2>&1
check "validation_size 100 at d = 1000: validate exits 0" test $? -eq 0

# --- 3. under a memory limit: fewer threads, the same records ---
# Two runs with a 154 MB test set each; under ulimit -v 500 MB they fit
# one at a time, not side by side.
cat > limited.json <<'JSON'
{"name": "limited", "seed": 4,
 "data": {"num_patches": 8, "train_size": 40, "test_size": 300000, "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "training": {"epochs": 1},
 "models": {"cnn": {"type": "cnn", "neurons": 8}},
 "grid": {"axes": {"N": [40, 60]}}}
JSON
# Whether this kernel enforces ulimit -v (some sandboxes do not).
(ulimit -v 10000; "$BIN" validate spec.json >/dev/null 2>&1); enforced=$?
if [ $asan -eq 0 ]; then
  "$BIN" run limited.json --out limited_reference --threads 2 -q 2>/dev/null
  check "limited grid without a limit runs" test $? -eq 0
  (ulimit -v 500000; "$BIN" run limited.json --out limited --threads 2 -q 2>err.txt)
  check "under ulimit -v: run exits 0" test $? -eq 0
  check "under ulimit -v: a note says fewer threads" grep -q "note: 1 thread instead of 2: the largest run needs about .* (ulimit)" err.txt
  check "under ulimit -v: records equal those without a limit" cmp -s limited_reference/runs.jsonl limited/runs.jsonl
  if [ $enforced -ne 0 ]; then
    # A limit below one run (a 1 GB test set under 700 MB): the run fails
    # for real, and nothing is recorded for it.
    sed 's/"test_size": 300000/"test_size": 2000000/; s/"N": \[40, 60\]/"N": [40]/' limited.json > starved.json
    (ulimit -v 700000; "$BIN" run starved.json --out starved --threads 2 -q 2>err.txt)
    check "below one run under ulimit -v: run exits 2" test $? -eq 2
    check "below one run under ulimit -v: message names the run" grep -q "run 0 (model cnn, .*) ran out of memory" err.txt
    check "below one run under ulimit -v: nothing is recorded" test ! -s starved/runs.jsonl
    "$BIN" run starved.json --out starved --threads 1 -q 2>/dev/null
    check "below one run: resume without the limit exits 0" test $? -eq 0
    check "below one run: resume records the run" test "$(wc -l < starved/runs.jsonl)" -eq 1
  else
    echo "real out-of-memory case skipped: ulimit -v is not enforced here"
  fi
else
  echo "ulimit -v cases skipped: AddressSanitizer build"
fi

echo "$passed passed, $failed failed"
test "$failed" -eq 0
