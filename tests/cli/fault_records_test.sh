#!/bin/bash
# Damaged records and results files, end to end: a record of the wrong shape
# (curve arrays of different lengths, errors outside [0, 1], null or missing
# fields) is refused by analyze, merge and a resumed run, naming the file,
# line and run id; a complete line that does not parse is refused on resume
# while a partial last line is dropped and the grid resumes byte-identically;
# a corrupt provenance.json is moved aside; a lone record without spec.json
# is never overwritten without --force.
# usage: fault_records_test.sh PMOE_SIM
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"
# edit_record FILE LINE PYTHON: runs PYTHON on record `r` of line LINE.
edit_record() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
path, line, code = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = open(path).read().split("\n")
r = json.loads(lines[line - 1])
exec(code)
lines[line - 1] = json.dumps(r)
open(path, "w").write("\n".join(lines))
PY
}
# damaged NAME LINE PYTHON: a copy of the reference folder, record LINE edited.
damaged() {
  rm -rf "$1" && cp -r full "$1" && edit_record "$1/runs.jsonl" "$2" "$3"
}
# refused NAME MESSAGE CMD...: CMD exits 2 and its stderr contains MESSAGE.
refused() {
  local name="$1" message="$2"; shift 2
  "$@" >/dev/null 2>err.txt; local rc=$?
  check "$name: exits 2" test $rc -eq 2
  check "$name: names file, line, run and rule" grep -qF -- "$message" err.txt
  check "$name: no crash or JSON library message" \
    bash -c '! grep -q "cannot use\|type_error\|Segmentation" err.txt'
}

cat > spec.json <<'JSON'
{"name": "records", "seed": 4,
 "data": {"num_patches": 8, "train_size": 40, "test_size": 60, "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "training": {"epochs": 4},
 "models": {"cnn": {"type": "cnn", "neurons": 8}, "joint": {"type": "pmoe_joint", "neurons": 8, "num_experts": 4, "top_l": 2}},
 "grid": {"axes": {"N": [40, 60, 80]}, "repeats": 2}}
JSON
"$BIN" run spec.json --out full --threads 2 -q 2>/dev/null
check "reference grid runs" test $? -eq 0
check "reference grid has 12 records" test "$(wc -l < full/runs.jsonl)" -eq 12
cp -r full analyzed
"$BIN" analyze analyzed -q 2>/dev/null; check "valid records analyze" test $? -eq 0
steps=$(python3 -c "import json; print(len(json.loads(open('full/runs.jsonl').readlines()[2])['curve']['step']))")

# --- 1. curve.step longer than the other curve arrays ---
damaged long_step 3 'r["curve"]["step"].append(r["curve"]["step"][-1] + 1)'
refused "long curve.step: analyze" \
  "long_step/runs.jsonl line 3 (run_id 2): curve.step has $((steps + 1)) entries but curve.epoch has $steps" \
  "$BIN" analyze long_step -q
damaged short_loss 3 'r["curve"]["test_loss"].pop()'
refused "short curve.test_loss: analyze" \
  "line 3 (run_id 2): curve.step has $steps entries but curve.test_loss has $((steps - 1))" \
  "$BIN" analyze short_loss -q
refused "short curve.test_loss: export" "line 3 (run_id 2): curve.step" \
  "$BIN" export short_loss --format csv --out exported
refused "short curve.test_loss: resume" "line 3 (run_id 2): curve.step" \
  "$BIN" run spec.json --out short_loss -q
check "short curve.test_loss: resume leaves the records" \
  test "$(wc -l < short_loss/runs.jsonl)" -eq 12

# --- 2. errors outside [0, 1], huge and null values, missing fields ---
for bad in -5 1e308 1.5; do
  damaged "error_$bad" 5 "r['final']['test_error'] = $bad"
  refused "final.test_error $bad: analyze" \
    "error_$bad/runs.jsonl line 5 (run_id 4): final.test_error must be a number in [0, 1] or null, got" \
    "$BIN" analyze "error_$bad" -q --no-plots
done
damaged curve_error 6 'r["curve"]["train_error"][1] = -0.5'
refused "curve.train_error -0.5: analyze" \
  "line 6 (run_id 5): curve.train_error[1] must be a number in [0, 1] or null, got -0.5" \
  "$BIN" analyze curve_error -q --no-plots
for field in params curve coords model; do
  damaged "null_$field" 2 "r['$field'] = None"
  refused "null $field: analyze" "null_$field/runs.jsonl line 2 (run_id 1): $field must be" \
    "$BIN" analyze "null_$field" -q --no-plots
done
damaged null_final 2 'r["final"] = {k: None for k in r["final"]}'
"$BIN" analyze null_final -q --no-plots 2>/dev/null
check "null final metrics (an unmeasured run) still analyze" test $? -eq 0
damaged missing_status 7 'del r["status"]'
refused "missing status: analyze" "line 7 (run_id 6): status is missing" \
  "$BIN" analyze missing_status -q --no-plots
damaged missing_curve 7 'del r["curve"]["test_loss"]'
refused "missing curve.test_loss: analyze" "line 7 (run_id 6): curve.test_loss is missing" \
  "$BIN" analyze missing_curve -q --no-plots
damaged overflow 4 'r["final"]["test_loss"] = 12345.678'
sed -i '4s/12345.678/1e400/' overflow/runs.jsonl
refused "loss 1e400 (overflows a double): analyze" "overflow/runs.jsonl line 4: " \
  "$BIN" analyze overflow -q --no-plots
damaged huge_loss 4 'r["final"]["test_loss"] = 1e308'
"$BIN" analyze huge_loss -q 2>err.txt
check "a huge finite loss (a diverging run's) analyzes" test $? -eq 0

# --- 3. merge checks every shard's records ---
"$BIN" run spec.json --shard 0/2 --out sharded -q 2>/dev/null
"$BIN" run spec.json --shard 1/2 --out sharded -q 2>/dev/null
"$BIN" merge sharded/shards/0-of-2 sharded/shards/1-of-2 --out merged 2>/dev/null
check "valid shards merge" cmp -s full/runs.jsonl merged/runs.jsonl
cp -r sharded/shards/1-of-2 bad_shard
edit_record bad_shard/runs.jsonl 2 'r["final"]["test_error"] = -5'
id=$(sed -n 2p bad_shard/runs.jsonl | python3 -c "import json, sys; print(json.load(sys.stdin)['run_id'])")
refused "test_error -5 in a shard: merge" \
  "bad_shard/runs.jsonl line 2 (run_id $id): final.test_error must be" \
  "$BIN" merge sharded/shards/0-of-2 bad_shard --out merged_bad
check "bad shard: nothing merged" test ! -e merged_bad/runs.jsonl
cp -r sharded/shards/1-of-2 long_shard
edit_record long_shard/runs.jsonl 1 'r["curve"]["step"].append(10**6)'
refused "long curve.step in a shard: merge" "long_shard/runs.jsonl line 1 (run_id" \
  "$BIN" merge sharded/shards/0-of-2 long_shard --out merged_long

# --- 4. resume: only a partial last line is dropped ---
head -n 5 full/runs.jsonl > cut.jsonl
rm -rf cut && mkdir cut && cp full/spec.json cut/ && cp cut.jsonl cut/runs.jsonl
sed -n 6p full/runs.jsonl | head -c 200 >> cut/runs.jsonl  # a kill mid-line
"$BIN" run spec.json --out cut --threads 2 -q 2>/dev/null
check "partial last line: resume exits 0" test $? -eq 0
check "partial last line: resumed records are byte-identical" cmp -s full/runs.jsonl cut/runs.jsonl
for where in middle last; do
  rm -rf "bad_$where" && mkdir "bad_$where" && cp full/spec.json "bad_$where/"
  if [ $where = middle ]; then
    { head -n 2 full/runs.jsonl; echo 'garbage'; sed -n 3,5p full/runs.jsonl; } > "bad_$where/runs.jsonl"
    line=3
  else
    { head -n 5 full/runs.jsonl; sed -n 6p full/runs.jsonl | head -c 200; echo; } > "bad_$where/runs.jsonl"
    line=6
  fi
  cp "bad_$where/runs.jsonl" before.jsonl
  refused "complete unparseable $where line: resume" "bad_$where/runs.jsonl line $line: " \
    "$BIN" run spec.json --out "bad_$where" -q
  check "complete unparseable $where line: message says how to go on" grep -q -- "--force" err.txt
  check "complete unparseable $where line: records untouched" cmp -s before.jsonl "bad_$where/runs.jsonl"
  refused "complete unparseable $where line: analyze" "bad_$where/runs.jsonl line $line: " \
    "$BIN" analyze "bad_$where" -q --no-plots
done
rm -rf bad_timing && cp -r full bad_timing && sed -i '4s/.*/{"run_id": 3, "wall/' bad_timing/timings.jsonl
refused "complete unparseable timings line: resume" "bad_timing/timings.jsonl line 4: " \
  "$BIN" run spec.json --out bad_timing -q
"$BIN" run spec.json --out bad_last --force -q 2>/dev/null
check "--force discards a damaged runs.jsonl and reruns" cmp -s full/runs.jsonl bad_last/runs.jsonl

# --- 5. a corrupt provenance.json is moved aside, not replaced ---
rm -rf prov && cp -r full prov
printf '[{"version": "old", "start": "cut sho' > prov/provenance.json
cp prov/provenance.json old_provenance.json
"$BIN" run spec.json --out prov -q 2>err.txt
check "corrupt provenance.json: run exits 0" test $? -eq 0
check "corrupt provenance.json: warning names the new place" \
  grep -q "warning: prov/provenance.json: unreadable .*moved it to prov/provenance.json.corrupt-[0-9]*T[0-9]*Z and started a new one" err.txt
aside=$(ls prov/provenance.json.corrupt-* 2>/dev/null | head -n 1)
check "corrupt provenance.json: the old bytes are kept" cmp -s old_provenance.json "$aside"
check "corrupt provenance.json: a new valid one" python3 -c "import json; assert len(json.load(open('prov/provenance.json'))) == 1"
check "corrupt provenance.json: records untouched" cmp -s full/runs.jsonl prov/runs.jsonl
echo '{"not": "a list"}' > prov/provenance.json
"$BIN" run spec.json --out prov -q 2>err.txt
check "provenance.json not an array: moved aside" grep -q "not a JSON array of entries; moved it to" err.txt
check "provenance.json not an array: two files aside" test "$(ls prov/provenance.json.corrupt-* | wc -l)" -eq 2

# --- 6. one record and no spec.json ---
for form in line unterminated garbage; do
  rm -rf "lone_$form" && mkdir "lone_$form"
  case $form in
    line) head -n 1 full/runs.jsonl > "lone_$form/runs.jsonl" ;;
    unterminated) head -n 1 full/runs.jsonl | tr -d '\n' > "lone_$form/runs.jsonl" ;;
    garbage) echo 'not a record' > "lone_$form/runs.jsonl" ;;
  esac
  cp "lone_$form/runs.jsonl" before.jsonl
  refused "one $form runs.jsonl without spec.json: run" "lone_$form holds records but no spec.json" \
    "$BIN" run spec.json --out "lone_$form" -q
  check "one $form runs.jsonl without spec.json: kept" cmp -s before.jsonl "lone_$form/runs.jsonl"
done
"$BIN" run spec.json --out lone_line --force -q 2>/dev/null
check "one record without spec.json: --force discards it" cmp -s full/runs.jsonl lone_line/runs.jsonl

echo "$passed passed, $failed failed"
test "$failed" -eq 0
