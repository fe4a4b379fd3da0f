#!/bin/bash
# Small traps: validate estimates seconds on this machine (and
# refuses a bad --threads), run's progress lines give an ETA, and
# sensitivity shows one progress total across all its grids (no bar that
# resets per variant), with the records unchanged.
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"

cat > tiny.json <<JSON
{"name": "tiny", "seed": 4,
 "data": {"num_patches": 8, "test_size": 100, "synthetic": {"patch_dim": 16, "num_confusers": 1}},
 "training": {"protocol": "online", "max_steps": 120, "targets": [0.3, 0.2]},
 "models": {"cnn": {"type": "cnn", "neurons": 8}},
 "grid": {"axes": {"n": [4, 8]}, "repeats": 2},
 "analysis": {"target": 0.3, "bootstrap": 20}}
JSON

# --- validate: seconds on this machine ---
"$BIN" validate tiny.json -j 2 >out.txt 2>err.txt
check "validate exits 0" test $? -eq 0
check "validate keeps the multiply-adds" grep -q 'tiny.json: ok, 4 runs, about .* multiply-adds of training' out.txt
check "validate estimates seconds" grep -Eq 'about [0-9.e+-]+ s \([0-9.e+-]+ min\) on this machine with 2 threads \(measured [0-9.e+]+ GFLOP/s per thread\)' out.txt
"$BIN" validate tiny.json -j 8 >out.txt 2>/dev/null
check "validate uses at most one thread per run" grep -q 'with 4 threads' out.txt
"$BIN" validate tiny.json -j 0 >out.txt 2>err.txt
check "validate refuses --threads 0 (exit 2)" test $? -eq 2
check "validate names --threads" grep -q -- '--threads' err.txt

# --- run: progress lines with an ETA, records unchanged ---
"$BIN" run tiny.json --out plain -q 2>/dev/null
check "run exits 0" test $? -eq 0
"$BIN" run tiny.json --out lines -j 2 --progress-every 0 2>err.txt
check "run with progress exits 0" test $? -eq 0
check "progress lines end at 4/4 with an ETA" grep -q 'progress: 4/4 runs done, 0 failed, .* ETA 00:00:00' err.txt
check "progress does not change the records" cmp -s plain/runs.jsonl lines/runs.jsonl

# --- sensitivity: one total across the base and its variants ---
"$BIN" sensitivity tiny.json --base sb --out so -j 2 >table.txt 2>err.txt
status=$?
check "sensitivity exits 0, 1 or 3" test $status -eq 0 -o $status -eq 1 -o $status -eq 3
check "sensitivity counts every grid's runs in one total (4 x 4)" grep -q 'progress: 0/16 runs done' err.txt
check "sensitivity's progress never restarts at another total" test "$(grep -o 'runs done' err.txt | wc -l)" -ge 2 -a -z "$(grep '^progress' err.txt | grep -v '/16 runs done')"
check "sensitivity ends at 16/16" grep -q 'progress: 16/16 runs done' err.txt
check "sensitivity names its grids once" grep -q 'sensitivity: 16 runs in 4 grids' err.txt
check "sensitivity base records equal run's" cmp -s plain/runs.jsonl sb/runs.jsonl
"$BIN" sensitivity tiny.json --base sb --out so -j 2 >/dev/null 2>err.txt
check "a resumed sensitivity trains nothing again" test -z "$(grep "progress: [1-9]" err.txt)"

echo "$passed passed, $failed failed"
test "$failed" -eq 0
