#!/bin/bash
# End-to-end tests of the records' format (version 2: unmeasured metrics
# are null), its check on resume, progress lines when stderr is a file, and
# the provenance's compiler flags and CPU.
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"

cat > spec.json <<'JSON'
{"name": "cli_records", "seed": 4,
 "data": {"num_patches": 8, "train_size": 60, "test_size": 100, "synthetic": {"patch_dim": 16, "num_confusers": 1}},
 "training": {"epochs": 3},
 "models": {"cnn": {"type": "cnn", "neurons": 8}},
 "grid": {"axes": {"N": [40, 80]}, "repeats": 2}}
JSON
"$BIN" run spec.json --out res --progress-every 0 2>progress.txt; check "grid runs" test $? -eq 0

# Format version 2: unmeasured step-0 training metrics are null.
check "spec.json names the results format" grep -q '"results_format": 5' res/spec.json
check "step-0 training loss is null" \
  test "$(grep -c '"train_loss":\[null,' res/runs.jsonl)" -eq "$(wc -l < res/runs.jsonl)"
check "step-0 training error is null" \
  test "$(grep -c '"train_error":\[null,' res/runs.jsonl)" -eq "$(wc -l < res/runs.jsonl)"
check "later training losses are numbers" grep -q '"train_loss":\[null,[0-9]' res/runs.jsonl
"$BIN" analyze res -q --no-plots 2>/dev/null; check "analysis reads null" test $? -eq 0

# Progress: lines (no bar) when stderr is a file, with runs done, failed, rate, ETA.
check "progress lines when stderr is a file" grep -q "^progress: 4/4 runs done, 0 failed, .* runs/s, .* ETA" progress.txt
check "no bar in a file" test "$(grep -c $'\r' progress.txt)" -eq 0
"$BIN" run spec.json --out res2 -q 2>quiet.txt
check "-q prints no progress" test "$(grep -c '^progress:' quiet.txt)" -eq 0
"$BIN" run spec.json --out res3 --progress-every -1 2>err.txt; check "negative interval exits 2" test $? -eq 2

# Provenance: full compiler flags (with -march) and the CPU model.
check "provenance has the optimisation flags" grep -q '"flags": ".*-O[0-3sg]' res/provenance.json
check "provenance has -march" grep -q '"flags": ".*-march=' res/provenance.json
check "provenance has the CPU model" grep -q '"cpu": "[^"]' res/provenance.json

# A folder of format version 1 (no results_format in spec.json) is refused.
grep -v '"results_format"' res/spec.json > old_spec.json && cp old_spec.json res/spec.json
"$BIN" run spec.json --out res -q 2>err.txt; check "old format exits 2" test $? -eq 2
check "old format names both versions" grep -q "format version 1; this pmoe-sim writes format version 5" err.txt
"$BIN" run spec.json --out res --force -q 2>/dev/null; check "--force discards the old format" test $? -eq 0
check "--force rewrites the format" grep -q '"results_format": 5' res/spec.json
"$BIN" run spec.json --out res -q 2>/dev/null; check "same format resumes" test $? -eq 0

# A spec may name results_format (a copied spec.json), but only this build's.
"$BIN" run res/spec.json --out res_copy -q 2>/dev/null; check "spec.json runs as a spec" test $? -eq 0
check "copied spec gives the same records" cmp -s res/runs.jsonl res_copy/runs.jsonl
sed 's/"results_format": 5/"results_format": 1/' res/spec.json > v1.json
"$BIN" validate v1.json 2>err.txt; check "results_format 1 in a spec exits 2" test $? -eq 2
check "results_format rule is named" grep -q "results_format: may only be 5" err.txt

# Results format 5: online runs have no epochs (params.epochs null, budget
# runs keep theirs); a format-4 folder (params.epochs the unused default)
# still analyzes.
cat > online.json <<'JSON'
{"name": "cli_records_online", "seed": 4,
 "data": {"num_patches": 6, "test_size": 60, "synthetic": {"patch_dim": 16}},
 "training": {"protocol": "online", "max_steps": 40, "batch_size": 5,
              "router_data": "independent", "router_samples": 40},
 "models": {"sep": {"type": "pmoe_separate", "neurons": 4, "top_l": 2}},
 "grid": {"axes": {"n": [6]}, "repeats": 1},
 "analysis": {"target": 0.3, "bootstrap": 10}}
JSON
"$BIN" run online.json --out online -q 2>/dev/null; check "online grid runs" test $? -eq 0
check "online params.epochs is null" grep -q '"epochs":null' online/runs.jsonl
check "budget params.epochs is a number" grep -q '"epochs":[0-9]' res/runs.jsonl
mkdir online4 && sed 's/"results_format": 5/"results_format": 4/' online/spec.json > online4/spec.json
sed 's/"epochs":null/"epochs":150/' online/runs.jsonl > online4/runs.jsonl
"$BIN" analyze online4 -q --no-plots 2>/dev/null; check "format 4 online folder analyzes" test $? -eq 0
"$BIN" analyze online -q --no-plots 2>/dev/null; check "format 5 online folder analyzes" test $? -eq 0

echo "$passed passed, $failed failed"
test "$failed" -eq 0
