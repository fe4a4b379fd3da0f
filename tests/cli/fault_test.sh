#!/bin/bash
# Fault injection at the boundaries of the results store: a full disk, two
# processes on one folder, --out onto a symlink or FIFO, foreign records,
# missing shards, hostile specs and options, results files and lock files
# that are not regular files, records of other training options and
# conflicting shards. Each case asserts the exit
# code, the message, and that every finished record is still there and
# byte-identical once the fault is removed and the grid resumed.
# usage: fault_test.sh PMOE_SIM FAIL_WRITES_SHIM
set -u
BIN="$1"
SHIM="$2"
. "$(dirname "$0")/lib.sh"
# Every line of file $1 is a line of file $2 (records kept byte-identical).
lines_within() { [ -z "$(grep -vxFf "$2" "$1")" ]; }
no_temp_files() { [ -z "$(find "$@" -name '*.tmp' 2>/dev/null)" ]; }
# Runs pmoe-sim on a "disk" that is full after $1 bytes.
full_disk() {
  local bytes="$1"; shift
  # An uninstrumented shim ahead of a sanitizer runtime: allowed on purpose.
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
    PMOE_FAIL_WRITES_AFTER="$bytes" LD_PRELOAD="$SHIM" "$BIN" "$@"
}

cat > spec.json <<'JSON'
{"name": "faults", "seed": 3,
 "data": {"num_patches": 8, "train_size": 40, "test_size": 60, "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "training": {"epochs": 4},
 "models": {"cnn": {"type": "cnn", "neurons": 8}, "joint": {"type": "pmoe_joint", "neurons": 8, "num_experts": 4, "top_l": 2}},
 "grid": {"axes": {"N": [40, 60, 80]}, "repeats": 2}}
JSON
"$BIN" run spec.json --out full --threads 1 -q 2>/dev/null; check "reference grid runs" test $? -eq 0
check "reference grid has 12 records" test "$(wc -l < full/runs.jsonl)" -eq 12

# --- 1. full disk (shim): nothing written, then a disk that fills mid-grid ---
full_disk 0 run spec.json --out empty_disk --threads 1 -q 2>err.txt; rc=$?
check "full disk: run exits 2" test $rc -eq 2
check "full disk: message names the cause" grep -q "No space left on device" err.txt
check "full disk: no empty spec.json" test ! -e empty_disk/spec.json -o -s empty_disk/spec.json
check "full disk: no temp files" no_temp_files empty_disk
"$BIN" run spec.json --out empty_disk --threads 1 -q 2>/dev/null
check "full disk: rerun after freeing space exits 0" test $? -eq 0
check "full disk: rerun equals the reference" cmp -s full/runs.jsonl empty_disk/runs.jsonl

spec_bytes=$(wc -c < full/spec.json)
record_bytes=$(( ($(wc -c < full/runs.jsonl) + $(wc -c < full/timings.jsonl)) / 12 ))
budget=$(( spec_bytes + 200 + 4 * record_bytes + record_bytes / 2 ))
full_disk $budget run spec.json --out nearly --threads 2 -q 2>err.txt; rc=$?
check "nearly full disk: run exits 2" test $rc -eq 2
check "nearly full disk: message names the file and cause" grep -q "runs.jsonl: write failed: No space left on device\|timings.jsonl: write failed: No space left on device" err.txt
check "nearly full disk: the grid stops at the first failure" grep -q "the grid stopped with" err.txt
kept=$(wc -l < nearly/runs.jsonl)
check "nearly full disk: finished records kept" test "$kept" -ge 1 -a "$kept" -lt 12
check "nearly full disk: kept records are whole and byte-identical" lines_within nearly/runs.jsonl full/runs.jsonl
check "nearly full disk: spec.json intact" cmp -s full/spec.json nearly/spec.json
check "nearly full disk: no temp files" no_temp_files nearly
cp nearly/runs.jsonl kept_records.jsonl
"$BIN" run spec.json --out nearly --threads 2 -q 2>err.txt
check "nearly full disk: resume exits 0" test $? -eq 0
check "nearly full disk: resume runs only the missing runs" grep -q "($kept already done" err.txt
check "nearly full disk: resumed records equal the reference" cmp -s full/runs.jsonl nearly/runs.jsonl
check "nearly full disk: records from before the fault survive" lines_within kept_records.jsonl nearly/runs.jsonl

# train --out and analyze on a full disk: exit 2, no 0-byte file, no temp.
cat > one.json <<'JSON'
{"seed": 2, "data": {"num_patches": 8, "train_size": 40, "test_size": 50, "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "model": {"type": "cnn", "neurons": 8}, "training": {"epochs": 3}}
JSON
full_disk 10 train --config one.json --out one_result.json -q 2>err.txt
check "full disk: train --out exits 2" test $? -eq 2
check "full disk: train --out leaves no file" test ! -e one_result.json
check "full disk: train --out leaves no temp" no_temp_files .
cp -r full analyzed
full_disk 100 analyze analyzed -q --no-plots 2>err.txt
check "full disk: analyze exits 2" test $? -eq 2
check "full disk: analyze names the cause" grep -q "No space left on device" err.txt
check "full disk: analyze leaves no report" test ! -e analyzed/report.md -a ! -e analyzed/analysis.json
check "full disk: analyze leaves no temp" no_temp_files analyzed
check "full disk: analyze left the records alone" cmp -s full/runs.jsonl analyzed/runs.jsonl

# A real small file system where this test may mount one (else skipped).
mkdir -p small_fs
TMPFS_SCRIPT='mount -t tmpfs -o size=20k tmpfs small_fs || exit 77
"$1" run spec.json --out small_fs/r --threads 1 -q 2>tmpfs_err.txt; echo $? > tmpfs_rc.txt
cp -r small_fs/r tmpfs_copy; umount small_fs'
if unshare -rm true 2>/dev/null; then
  unshare -rm bash -c "$TMPFS_SCRIPT" _ "$BIN"; mounted=$?
elif [ "$(id -u)" -eq 0 ]; then
  bash -c "$TMPFS_SCRIPT" _ "$BIN"; mounted=$?
else
  mounted=77
fi
if [ "$mounted" -eq 0 ]; then
  check "tmpfs full: run exits 2" test "$(cat tmpfs_rc.txt)" -eq 2
  check "tmpfs full: message names the cause" grep -q "No space left on device" tmpfs_err.txt
  check "tmpfs full: kept records are byte-identical" lines_within tmpfs_copy/runs.jsonl full/runs.jsonl
  check "tmpfs full: no temp files" no_temp_files tmpfs_copy
  "$BIN" run spec.json --out tmpfs_copy --threads 1 -q 2>/dev/null
  check "tmpfs full: resume elsewhere exits 0" test $? -eq 0
  check "tmpfs full: resumed records equal the reference" cmp -s full/runs.jsonl tmpfs_copy/runs.jsonl
else
  echo "tmpfs variant skipped: cannot mount a tmpfs here"
fi

# --- 2. two processes, one folder: the second is refused, naming the first ---
sed 's/"epochs": 4/"epochs": 400/' spec.json > slow.json
"$BIN" run slow.json --out shared --threads 1 -q 2>first_err.txt &
first=$!
for _ in $(seq 1 200); do [ -s shared/.lock ] && break; sleep 0.05; done
"$BIN" run slow.json --out shared --threads 1 -q 2>err.txt; rc=$?
check "second process exits 2" test $rc -eq 2
check "second process names the holder" grep -q "in use by another pmoe-sim (pid $first on host" err.txt
wait $first; rc=$?
check "first process finishes" test $rc -eq 0
check "first process recorded every run" test "$(wc -l < shared/runs.jsonl)" -eq 12
"$BIN" run slow.json --out shared --threads 1 -q 2>err.txt
check "the lock is released at exit" grep -q "12 already done" err.txt

# --- 3. --out onto a FIFO, a device, a symlink; '-' is stdout ---
mkfifo pipe
timeout 60 "$BIN" train --config one.json --out pipe -q 2>err.txt; rc=$?
check "--out FIFO exits 2" test $rc -eq 2
check "--out FIFO is refused by name" grep -q "pipe: not a regular file" err.txt
check "--out FIFO stays a FIFO" test -p pipe
ln -s /dev/null to_null
"$BIN" train --config one.json --out to_null -q 2>err.txt
check "--out symlink to a device exits 2" test $? -eq 2
check "/dev/null stays a device" test -c /dev/null
echo old > target.json
ln -s target.json link.json
"$BIN" train --config one.json --out link.json -q 2>/dev/null
check "--out symlink to a file exits 0" test $? -eq 0
check "--out symlink stays a symlink" test -L link.json
check "--out symlink: its target holds the result" grep -q '"status": "ok"' target.json
"$BIN" train --config one.json --out - -q > stdout.json
check "--out - writes to stdout" grep -q '"status": "ok"' stdout.json

# --- 4. records not of the spec: foreign run id, duplicate, lost spec.json ---
cp -r full foreign
sed 's/"run_id":11,/"run_id":99,/' full/runs.jsonl | tail -n 1 >> foreign/runs.jsonl
"$BIN" run spec.json --out foreign -q 2>err.txt
check "foreign record: run exits 2" test $? -eq 2
check "foreign record: named" grep -q "run_id 99 is not a run of this spec" err.txt
"$BIN" analyze foreign -q --no-plots 2>err.txt
check "foreign record: analyze exits 2" test $? -eq 2
check "foreign record: folder untouched" lines_within full/runs.jsonl foreign/runs.jsonl
sed -i '$d' foreign/runs.jsonl
"$BIN" run spec.json --out foreign -q 2>/dev/null
check "foreign record removed: resume exits 0" test $? -eq 0
check "foreign record removed: records equal the reference" cmp -s full/runs.jsonl foreign/runs.jsonl
cp -r full dup
head -n 1 full/runs.jsonl >> dup/runs.jsonl
"$BIN" run spec.json --out dup -q 2>err.txt
check "duplicate record: run exits 2" test $? -eq 2
check "duplicate record: named" grep -q "appears twice" err.txt
cp -r full wrong_seed
sed -i '3s/"init":"\([0-9a-f]\)/"init":"x/' wrong_seed/runs.jsonl
"$BIN" run spec.json --out wrong_seed -q 2>err.txt
check "record with other seeds: run exits 2" test $? -eq 2
check "record with other seeds: named" grep -q "has seeds" err.txt
cp -r full no_spec
rm no_spec/spec.json
sed 's/"seed": 3/"seed": 4/' spec.json > other.json
"$BIN" run other.json --out no_spec -q 2>err.txt
check "deleted spec.json: another spec exits 2" test $? -eq 2
check "deleted spec.json: refusal explains" grep -q "holds records but no spec.json" err.txt
check "deleted spec.json: records untouched" cmp -s full/runs.jsonl no_spec/runs.jsonl

# --- 5. incomplete results: analyze warns, check refuses, merge refuses ---
mkdir partial
cp full/spec.json partial/ && head -n 8 full/runs.jsonl > partial/runs.jsonl
"$BIN" analyze partial -q --no-plots 2>err.txt
check "incomplete: analyze exits 0" test $? -eq 0
check "incomplete: analyze says how many runs are missing" grep -q "4 of 12 runs of the spec have no record" err.txt
"$BIN" check partial >/dev/null 2>err.txt
check "incomplete: check exits 2" test $? -eq 2
check "incomplete: check names the missing runs" grep -q "4 of 12 runs.*--allow-incomplete" err.txt
"$BIN" check partial --allow-incomplete >/dev/null 2>/dev/null
check "incomplete: check --allow-incomplete gives a verdict" test $? -le 1
for i in 0 1 2; do "$BIN" run spec.json --out sharded --shard $i/3 -q 2>/dev/null; done
"$BIN" merge sharded/shards/0-of-3 sharded/shards/2-of-3 --out merged_missing 2>err.txt
check "missing shard: merge exits 2" test $? -eq 2
check "missing shard: named" grep -q "shard folders missing: 1-of-3" err.txt
check "missing shard: nothing written" test ! -e merged_missing/runs.jsonl
cp -r sharded/shards/1-of-3 partial_shard
sed -i '2,$d' partial_shard/runs.jsonl
"$BIN" merge sharded/shards/0-of-3 partial_shard sharded/shards/2-of-3 --out merged_partial 2>err.txt
check "partial shard: merge exits 2" test $? -eq 2
check "partial shard: says how many runs are missing" grep -q "3 of 12 runs of the spec are in none of the shard folders" err.txt
"$BIN" merge sharded/shards/0-of-3 partial_shard sharded/shards/2-of-3 --out merged_partial --allow-incomplete 2>/dev/null
check "partial shard: --allow-incomplete merges" test "$(wc -l < merged_partial/runs.jsonl)" -eq 9
cp full/runs.jsonl foreign_shard.jsonl
cp -r sharded/shards/1-of-3 foreign_shard
sed 's/"run_id":11,/"run_id":99,/' full/runs.jsonl | tail -n 1 >> foreign_shard/runs.jsonl
"$BIN" merge sharded/shards/0-of-3 foreign_shard sharded/shards/2-of-3 --out merged_foreign 2>err.txt
check "foreign record in a shard: merge exits 2" test $? -eq 2
"$BIN" merge sharded/shards/*-of-3 --out merged 2>/dev/null
check "all shards: merge exits 0" test $? -eq 0
check "all shards: records equal the reference" cmp -s full/runs.jsonl merged/runs.jsonl

# --- 6. deep nesting: an error with a path, never a crash ---
repeat() { printf "%${2}s" "" | tr ' ' "$1"; }  # repeat CHAR COUNT
{ printf '{"name": "deep", "models": {"c": {"type": "cnn"}}, "training": {"learning_rate": '
  repeat '[' 100000; echo '}}'; } > deep.json
"$BIN" validate deep.json 2>err.txt; rc=$?
check "deep nesting exits 2" test $rc -eq 2
check "deep nesting names the path and the limit" grep -q "training.learning_rate.*nested deeper than 100 levels" err.txt
{ printf '{"name": "deep", "models": {"c": {"type": "cnn"}}, "training": {"learning_rate": '
  repeat '[' 90; repeat ']' 90; echo '}}'; } > deep2.json
"$BIN" validate deep2.json 2>err.txt; rc=$?
check "nested value in a typed field exits 2" test $rc -eq 2
check "nested value: short message" test "$(wc -c < err.txt)" -lt 300

# --- 7. threads ---
"$BIN" run spec.json --out t --threads 100000 -q 2>err.txt
check "--threads 100000 exits 2" test $? -eq 2
check "--threads 100000 names the limit" grep -q -- "--threads: must be in \[1, " err.txt

# --- 8. huge grids and runs, refused before expansion ---
cat > huge.json <<'JSON'
{"name": "huge", "models": {"c": {"type": "cnn"}},
 "grid": {"axes": {"N": {"from": 100, "to": 100000, "num": 100000}, "eta": {"from": 0.01, "to": 1, "num": 100000}}}}
JSON
timeout 20 "$BIN" validate huge.json 2>err.txt; rc=$?
check "huge grid exits 2 at once" test $rc -eq 2
check "huge grid names the count" grep -q "expands to 10000000000 runs, more than the limit of 100000" err.txt
"$BIN" validate spec.json --max-runs 10 2>err.txt
check "--max-runs below the grid exits 2" test $? -eq 2
"$BIN" validate spec.json --max-runs 12 >out.txt
check "--max-runs at the grid passes" test $? -eq 0
check "validate prints the run count and cost" grep -q "spec.json: ok, 12 runs, about .* multiply-adds" out.txt
{ printf '{"name": "long", "models": {"c": {"type": "cnn"}}, "grid": {"axes": {"eta": ['
  seq -s, 1 200001 | tr -d '\n'; echo ']}}}'; } > long.json
timeout 20 "$BIN" validate long.json 2>err.txt
check "a 200001-value axis exits 2" test $? -eq 2
cat > big_model.json <<'JSON'
{"name": "big", "models": {"c": {"type": "cnn", "neurons": 100000000}}, "data": {"synthetic": {"patch_dim": 100000}}}
JSON
"$BIN" validate big_model.json 2>err.txt
check "a run larger than memory exits 2" test $? -eq 2
check "a run larger than memory names the model" grep -q "models.c: a run needs about .* of memory" err.txt

# --- 9. duplicate keys ---
echo '{"name": "dup", "models": {"c": {"type": "cnn", "neurons": 8, "neurons": 16}}}' > dupkey.json
"$BIN" validate dupkey.json 2>err.txt
check "duplicate key exits 2" test $? -eq 2
check "duplicate key names the path" grep -q "models.c.neurons: duplicate key" err.txt

# --- 10. invalid analysis options ---
for option in "--q 0" "--q -1" "--q=-1" "--q nan" "--bootstrap -5" "--q 1.5" "--target nan" "--target=-0.1" "--bootstrap=-5"; do
  "$BIN" analyze full -q --no-plots $option 2>err.txt
  check "analyze $option exits 2" test $? -eq 2
  "$BIN" check full $option >/dev/null 2>&1
  check "check $option exits 2" test $? -eq 2
done

# --- 11. a rule about an axis or model that is not in the grid ---
sed 's/"repeats": 2}}/"repeats": 2},\n "expect": [{"rule": "slope", "model": "cnn", "axis": "n", "at_least": 1}]}/' spec.json > bad_axis.json
sed 's/"repeats": 2}}/"repeats": 2},\n "expect": [{"rule": "value", "model": "moe", "at_most": 1}]}/' spec.json > bad_model.json
"$BIN" validate bad_axis.json 2>err.txt
check "rule on an axis not in the grid: validate exits 2" test $? -eq 2
check "rule on an axis not in the grid: named" grep -q "expect\[0\].axis: must name an axis of the grid (N)" err.txt
"$BIN" validate bad_model.json 2>err.txt
check "rule on a model not in the grid: validate exits 2" test $? -eq 2

# --- 12. paths in errors, null metrics of failed runs, --shard ---
echo '{"name": "x", "models": {"c": {"type": "cnn"}}, "training": {"learning_rate": 1e400}}' > overflow.json
"$BIN" validate overflow.json 2>err.txt
check "number overflow exits 2" test $? -eq 2
check "number overflow names the path" grep -q "training.learning_rate: invalid JSON" err.txt
mkdir a_folder
"$BIN" train --config a_folder 2>err.txt
check "a folder as config exits 2" test $? -eq 2
check "a folder as config is named" grep -q "a_folder: is a folder" err.txt
mkdir bad_results && echo '[]' > bad_results/spec.json
"$BIN" analyze bad_results 2>err.txt
check "spec.json [] exits 2" test $? -eq 2
check "spec.json [] names the file" grep -q 'bad_results/spec.json: not a results spec' err.txt
"$BIN" run spec.json --out bad_results -q 2>err.txt
check "spec.json []: run exits 2" test $? -eq 2
check "spec.json []: run names the file" grep -q 'bad_results/spec.json: not a results spec' err.txt
"$BIN" merge bad_results --out merged_bad 2>err.txt
check "spec.json []: merge exits 2" test $? -eq 2
check "spec.json []: merge names the file" grep -q 'bad_results/spec.json: not a results spec' err.txt
check "spec.json []: left alone" test "$(cat bad_results/spec.json)" = "[]"
for shard in 1/2/3 0/99999999999 99999999999/1 -1/2 +0/2 1/0 " 0/2" 0/; do
  "$BIN" run spec.json --out shard_bad --shard "$shard" -q 2>err.txt
  check "--shard '$shard' exits 2" test $? -eq 2
  check "--shard '$shard' is named" grep -q -- "--shard: expected i/S" err.txt
done
check "bad --shard values run nothing" test ! -e shard_bad
sed 's/"epochs": 4}/"epochs": 4, "learning_rate": 1e300}/' spec.json > diverge.json
"$BIN" run diverge.json --out diverged -q 2>err.txt
check "a grid where every run diverged exits 3" test $? -eq 3
check "a grid where every run diverged says so" grep -q "every run of diverged diverged or failed" err.txt
check "a grid where every run diverged keeps its records" test "$(wc -l < diverged/runs.jsonl)" -eq 12
check "diverged runs store null final metrics" grep -q '"final":{"test_error":null,"test_loss":null,"train_error":null,"train_loss":null}' diverged/runs.jsonl
check "diverged runs never store a 0.0 error" test -z "$(grep -o '"test_error":0.0[,}]' diverged/runs.jsonl)"
"$BIN" check diverged --spec bad_model.json >/dev/null 2>&1
"$BIN" analyze diverged -q --no-plots 2>/dev/null
check "analyze reads null metrics" test $? -eq 0
check "failed runs count as failures" grep -q '"success": 0' diverged/analysis.json

# --- 13. hostile names, keys and files given as specs ---
long_name=$(repeat x 40000)
printf '{"name": "%s", "models": {"c": {"type": "cnn"}}}\n' "$long_name" > long_name.json
"$BIN" validate long_name.json 2>err.txt
check "a 40000-character name exits 2" test $? -eq 2
check "a 40000-character name: the limit is named" grep -q "name: may be at most 200 characters long, got 40000" err.txt
for name in . ..; do
  printf '{"name": "%s", "models": {"c": {"type": "cnn"}}}\n' "$name" > dot_name.json
  "$BIN" validate dot_name.json 2>err.txt
  check "name '$name': validate exits 2" test $? -eq 2
  check "name '$name': refused by name" grep -q 'name: may not be "." or ".."' err.txt
  mkdir -p dot_run && (cd dot_run && "$BIN" run ../dot_name.json -q 2>../err.txt); rc=$?
  check "name '$name': run exits 2" test $rc -eq 2
  check "name '$name': run writes nothing" test -z "$(ls -A dot_run)"
done
huge_key=$(repeat k 1000000)
printf '{"name": "k", "models": {"c": {"type": "cnn"}}, "%s": 1}\n' "$huge_key" > huge_key.json
printf '{"name": "k", "models": {"c": {"type": "cnn"}}, "grid": {"axes": {"%s": [1]}}}\n' "$huge_key" > huge_axis.json
printf '{"name": "k", "models": {"c": {"type": "cnn"}}, "grid": {"axes": {"model.%s": [1]}}}\n' "$huge_key" > huge_option.json
printf '{"name": "k", "models": {"%s": {"type": "cnn", "neurons": -1}}}\n' "$huge_key" > huge_model.json
for f in huge_key huge_axis huge_option huge_model; do
  "$BIN" validate $f.json 2>err.txt
  check "$f: a 1 MB key exits 2" test $? -eq 2
  check "$f: the message is short" test "$(wc -c < err.txt)" -lt 600
  check "$f: the key is clipped" grep -q "kkk\.\.\." err.txt
done
timeout 20 "$BIN" validate /dev/zero 2>err.txt
check "validate /dev/zero exits 2 at once" test $? -eq 2
check "validate /dev/zero: not a regular file" grep -q "/dev/zero: not a regular file" err.txt
timeout 20 "$BIN" validate pipe 2>err.txt
check "validate FIFO exits 2 at once" test $? -eq 2
truncate -s 65M big_spec.json
"$BIN" validate big_spec.json 2>err.txt
check "a 65 MB spec exits 2" test $? -eq 2
check "a 65 MB spec: the limit is named" grep -q "big_spec.json: larger than 64 MB" err.txt
timeout 20 "$BIN" validate huge.json --max-runs 100000000000 2>err.txt
check "a grid larger than memory exits 2 at once" test $? -eq 2
check "a grid larger than memory: named" grep -q "grid: expanding up to 10000000000 runs needs about .* of memory" err.txt
sed 's/"repeats": 2}}/"repeats": 2},\n "expect": [{"rule": "value", "model": "cnn", "at_most": 1, "where": {"q": 40}}]}/' spec.json > bad_where.json
"$BIN" validate bad_where.json 2>err.txt
check "where on an axis not in the grid: validate exits 2" test $? -eq 2
check "where on an axis not in the grid: named" grep -q 'expect\[0\].where.q: must name an axis of the grid (N) or a parameter' err.txt
sed 's/"repeats": 2}}/"repeats": 2},\n "expect": [{"rule": "value", "model": "cnn", "at_most": 1, "where": {"N": 40, "d": 16}}]}/' spec.json > good_where.json
"$BIN" validate good_where.json >/dev/null 2>&1
check "where on an axis and a parameter passes" test $? -eq 0

# --- 14. sensitivity options: the same checks as run and analyze ---
for option in "--threads 100000" "--threads 0" "--target -1" "--target=-1" "--target 2" "--target nan"; do
  "$BIN" sensitivity spec.json $option --base sens_base -o sens 2>err.txt
  check "sensitivity $option exits 2" test $? -eq 2
  name=${option%% *}
  check "sensitivity $option names the option" grep -q -- "${name%%=*}: must be" err.txt
done
check "bad sensitivity options run nothing" test ! -e sens_base -a ! -e sens

# --- 15. the lock file and results files that are not regular files ---
# Each fault: exit 2 naming the file, the records untouched, and once the
# fault is removed the resume keeps all 12 records byte for byte.
resume_intact() {  # resume_intact DIR NAME
  "$BIN" run spec.json --out "$1" -q 2>err.txt
  check "$2: resume after the fix exits 0" test $? -eq 0
  check "$2: resume runs nothing again" grep -q "12 already done" err.txt
  check "$2: records equal the reference" cmp -s full/runs.jsonl "$1/runs.jsonl"
}
refused() {  # refused DIR NAME PATTERN: run on DIR is refused with PATTERN
  timeout 60 "$BIN" run slow.json --out "$1" -q 2>err.txt; local rc=$?
  check "$2: run exits 2 at once" test $rc -eq 2
  check "$2: the file is named" grep -q "$3" err.txt
}
echo precious > precious.txt
for case in link_runs link_other fifo hard; do
  cp -r full lock_$case; rm -f lock_$case/.lock
done
ln -s runs.jsonl lock_link_runs/.lock
ln -s ../precious.txt lock_link_other/.lock
mkfifo lock_fifo/.lock
ln lock_hard/runs.jsonl lock_hard/.lock
sed 's/"epochs": 4/"epochs": 400/' full/spec.json > slow_spec.json
for case in link_runs link_other fifo hard; do
  cp slow_spec.json lock_$case/spec.json
done
refused lock_link_runs ".lock symlink to runs.jsonl" "lock_link_runs/.lock: is a symlink"
refused lock_link_other ".lock symlink to another file" "lock_link_other/.lock: is a symlink"
refused lock_fifo ".lock FIFO" "lock_fifo/.lock: not a regular file"
refused lock_hard ".lock hard link to runs.jsonl" "lock_hard/.lock: not a lock file"
check ".lock symlink: runs.jsonl not truncated" cmp -s full/runs.jsonl lock_link_runs/runs.jsonl
check ".lock symlink: the other file not overwritten" test "$(cat precious.txt)" = precious
check ".lock hard link: runs.jsonl not overwritten" cmp -s full/runs.jsonl lock_hard/runs.jsonl
for case in link_runs link_other fifo hard; do
  rm lock_$case/.lock; cp full/spec.json lock_$case/spec.json
  resume_intact lock_$case ".lock $case"
done
check "a held lock file keeps one line" test "$(wc -l < full/.lock)" -eq 1
for file in runs.jsonl timings.jsonl spec.json provenance.json; do
  for kind in fifo null; do
    dir=bad_${kind}_$file
    cp -r full $dir; cp slow_spec.json $dir/spec.json; mv $dir/$file kept_file
    if [ $kind = fifo ]; then mkfifo $dir/$file; else ln -s /dev/null $dir/$file; fi
    refused $dir "$file as $kind" "$dir/$file: \(is a symlink\|not a regular file\)"
    if [ $file != runs.jsonl ]; then
      check "$file as $kind: the records untouched" cmp -s full/runs.jsonl $dir/runs.jsonl
    fi
    rm $dir/$file; mv kept_file $dir/$file; cp full/spec.json $dir/spec.json
    resume_intact $dir "$file as $kind"
  done
done
mkdir fresh_null && ln -s /dev/null fresh_null/runs.jsonl
refused fresh_null "runs.jsonl -> /dev/null in a new folder" "fresh_null/runs.jsonl: is a symlink"
check "runs.jsonl -> /dev/null: nothing ran" test ! -e fresh_null/timings.jsonl
check "/dev/null is still a device" test -c /dev/null
cp -r full fifo_analyze && rm fifo_analyze/runs.jsonl && mkfifo fifo_analyze/runs.jsonl
timeout 60 "$BIN" analyze fifo_analyze -q --no-plots 2>err.txt
check "analyze on a FIFO runs.jsonl exits 2 at once" test $? -eq 2
check "analyze on a FIFO runs.jsonl names it" grep -q "fifo_analyze/runs.jsonl: not a regular file" err.txt

# --- 16. records of other training options under a copied spec.json ---
cp -r full epochs7
sed 's/"epochs": 4/"epochs": 7/' spec.json > spec7.json
sed -i 's/"epochs": 4/"epochs": 7/' epochs7/spec.json
"$BIN" run spec7.json --out epochs7 -q 2>err.txt
check "copied spec.json with other epochs: run exits 2" test $? -eq 2
check "copied spec.json with other epochs: names the run and field" grep -q "runs.jsonl: run_id 0 has params.epochs 4, but this spec's run 0 has 7" err.txt
check "copied spec.json with other epochs: records untouched" cmp -s full/runs.jsonl epochs7/runs.jsonl
cp full/spec.json epochs7/spec.json
resume_intact epochs7 "copied spec.json restored"

# --- 17. merge: the same run in two shards ---
cp -r sharded/shards/1-of-3 same_shard
grep '"run_id":0,' sharded/shards/0-of-3/runs.jsonl >> same_shard/runs.jsonl
"$BIN" merge sharded/shards/0-of-3 same_shard sharded/shards/2-of-3 --out merged_same 2>err.txt
check "identical duplicate in two shards: merge exits 0" test $? -eq 0
check "identical duplicate in two shards: records equal the reference" cmp -s full/runs.jsonl merged_same/runs.jsonl
cp -r sharded/shards/1-of-3 conflict_shard
grep '"run_id":0,' sharded/shards/0-of-3/runs.jsonl | sed 's/"steps":[0-9]*/"steps":999999/' >> conflict_shard/runs.jsonl
for order in "sharded/shards/0-of-3 conflict_shard" "conflict_shard sharded/shards/0-of-3"; do
  "$BIN" merge $order sharded/shards/2-of-3 --out merged_conflict 2>err.txt
  check "conflicting duplicate ($order): merge exits 2" test $? -eq 2
  check "conflicting duplicate ($order): names the run and both shards" grep -q "run_id 0 is in both .* and .* with different contents" err.txt
  check "conflicting duplicate ($order): names the shard folders" grep -q "sharded/shards/0-of-3.*conflict_shard\|conflict_shard.*sharded/shards/0-of-3" err.txt
done
check "conflicting duplicate: nothing merged" test ! -e merged_conflict/runs.jsonl
"$BIN" merge sharded/shards/*-of-3 --out merged_conflict 2>/dev/null
check "conflict removed: merge exits 0" test $? -eq 0
check "conflict removed: records equal the reference" cmp -s full/runs.jsonl merged_conflict/runs.jsonl

# --- 18. --out onto a dangling symlink; analyze leaves no temp file ---
ln -s missing_dir/result.json dangling.json
"$BIN" train --config one.json --out dangling.json -q 2>err.txt
check "--out dangling symlink exits 2" test $? -eq 2
check "--out dangling symlink is named" grep -q "dangling.json: a dangling symlink (it links to missing_dir/result.json" err.txt
check "--out dangling symlink stays a symlink" test -L dangling.json
check "--out dangling symlink: no file created" test ! -e missing_dir
cp -r full plotted
for bytes in 500 2000 5000; do
  full_disk $bytes analyze plotted -q 2>err.txt
  check "full disk after $bytes bytes: analyze with plots exits 2" test $? -eq 2
  check "full disk after $bytes bytes: no temp files" no_temp_files plotted
done
echo partial > plotted/plots/accuracy_vs_N.dat.tmp  # as a killed analyze leaves it
echo partial > plotted/plots/no_longer_drawn.gp.tmp
"$BIN" analyze plotted -q 2>/dev/null
check "analyze with plots after the fault exits 0" test $? -eq 0
check "analyze removes temp files a killed analyze left" no_temp_files plotted
check "analyze with plots after the fault: records untouched" cmp -s full/runs.jsonl plotted/runs.jsonl

echo "$passed passed, $failed failed"
test "$failed" -eq 0
